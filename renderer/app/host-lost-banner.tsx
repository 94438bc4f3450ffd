/**
 * The banner shown when the browser page loses the app behind it.
 *
 * Without it a stopped host leaves the page frozen on its last progress ("about 43 s left") with
 * nothing to say why. Electron has no such gap (the window closes with the app), so only the
 * browser transport reports a lost link.
 */
import { useCallback, useEffect, useState } from 'react';
import { transportKind } from '../bridge/bridge';
import { pairWithStartLink } from '../bridge/host-session';
import { watchHostLink, type HostLink } from '../bridge/http-transport';

/**
 * Whether the page reaches the app behind it: `lost` while it cannot (browser host only), so
 * controls that would ask it for something (Pause, Cancel) are disabled under the banner.
 */
export function useHostLink(): HostLink {
  const [link, setLink] = useState<HostLink>('up');
  useEffect(() => (transportKind === 'http' ? watchHostLink(setLink) : undefined), []);
  return link;
}

/**
 * A page-wide alert while the host cannot be reached; nothing otherwise. Once a restarted host
 * answers but does not know this tab (sessions end with a run), it asks for the new start link:
 * opened in this tab or pasted here, it pairs the tab again and the page reloads into its kept
 * state (wizard-memory.ts).
 */
export function HostLostBanner() {
  const link = useHostLink();
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const reconnect = useCallback(async (startLink: string): Promise<void> => {
    const pairing = await pairWithStartLink(startLink);
    switch (pairing) {
      case 'paired':
        location.reload();
        return;
      case 'other-address':
        // The host could not have its old port back: the link is for another address.
        location.assign(startLink.trim());
        return;
      case 'refused':
        setProblem(
          'That start link was already used or has expired. Press Enter in the terminal for a new one.',
        );
        return;
      case 'not-a-start-link':
        setProblem('Paste the whole link the terminal printed (it ends in #start=…).');
        return;
    }
  }, []);
  // The new start link opened in this very tab changes only the address's fragment.
  useEffect(() => {
    if (link === 'up') return;
    const onHash = (): void => {
      if (/start=/.test(location.hash)) void reconnect(location.href);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [link, reconnect]);
  if (link === 'up') return null;
  if (link === 'lost') {
    return (
      <div role="alert" className="host-lost">
        <strong>The importer has stopped.</strong> Start it again with <code>npm start</code>; this page
        reconnects when it is back, and your import can be resumed from Past imports.
      </div>
    );
  }
  return (
    <div role="alert" className="host-lost">
      <p>
        <strong>The importer is running again.</strong> To reconnect this page, open the new start link from
        the terminal in this tab, or paste it here (press Enter in the terminal for a new one).
      </p>
      <form
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          setProblem(null);
          void reconnect(pasted);
        }}
      >
        <label htmlFor="host-start-link">Start link</label>
        <input
          id="host-start-link"
          type="url"
          autoComplete="off"
          value={pasted}
          onChange={(event) => setPasted(event.target.value)}
        />
        <button type="submit">Reconnect</button>
      </form>
      {problem && <p>{problem}</p>}
    </div>
  );
}
