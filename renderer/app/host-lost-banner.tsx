/**
 * The banner shown when the browser page loses the app behind it.
 *
 * Without it a stopped host leaves the page frozen on its last progress ("about 43 s left") with
 * nothing to say why. Electron has no such gap (the window closes with the app), so only the
 * browser transport reports a lost link.
 */
import { useEffect, useState } from 'react';
import { transportKind } from '../bridge/bridge';
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

/** A page-wide alert while the host cannot be reached; nothing otherwise. */
export function HostLostBanner() {
  const link = useHostLink();
  if (link === 'up') return null;
  return (
    <div role="alert" className="host-lost">
      <strong>The importer has stopped.</strong> Start it again with <code>npm start</code>; your import can
      be resumed from Past imports.
    </div>
  );
}
