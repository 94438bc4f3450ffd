/**
 * The browser host's transport: contract calls as `POST /api/<operation>` (JSON), events from one
 * shared stream on `/api/events` (read with fetch), files uploaded to `/api/upload`. Each request
 * carries the tab's session key in a header (host-session.ts); nothing is sent as a cookie.
 */
import type { Transport, UploadSignal } from '../../shared/ipc/bridge';
import type { EventName, OperationName } from '../../shared/ipc/contract';
import { openEventStream } from './event-stream';
import { establishSession, sessionHeader } from './host-session';

async function json(response: Response): Promise<unknown> {
  if (response.status === 403) {
    return {
      ok: false,
      error: {
        code: 'forbidden',
        message:
          'This page has no session with the importer. Open it with a start link from the terminal ' +
          'it runs in (press Enter there for a new one).',
      },
    };
  }
  return response.json();
}

/**
 * Whether the page still reaches the host: `up`; `lost` once the event stream has been gone a
 * while; `unpaired` when a host answers again but refuses this tab's session (it was restarted:
 * sessions do not outlive a run, so the tab needs a new start link).
 */
export type HostLink = 'up' | 'lost' | 'unpaired';

/** How long the event stream may try to reconnect before the host counts as gone, in ms. */
export const hostLossGraceMs = 2_500;

const linkListeners = new Set<(link: HostLink) => void>();
let currentLink: HostLink = 'up';

function setLink(link: HostLink): void {
  if (link === currentLink) return;
  currentLink = link;
  for (const listener of linkListeners) listener(link);
}

/**
 * Watches whether the host is still there; the listener is called on each change.
 *
 * The host's event stream closes when its process stops; the browser then retries quietly, so
 * without this the page would sit frozen on its last progress. Returns an unsubscribe.
 */
export function watchHostLink(listener: (link: HostLink) => void): () => void {
  linkListeners.add(listener);
  listener(currentLink);
  return () => linkListeners.delete(listener);
}

/** A transport over the host's HTTP API at `base` (same origin by default). */
export function createHttpTransport(base = ''): Transport<File> {
  const session = establishSession(base);
  const headers = async (): Promise<Record<string, string>> => {
    const key = await session;
    return key === null ? {} : { [sessionHeader]: key };
  };
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let lossTimer: ReturnType<typeof setTimeout> | undefined;
  // Open the stream at once, so a host that stops is noticed even before any step subscribes.
  void session.then((key) => {
    if (key === null) return;
    openEventStream(`${base}/api/events`, headers, {
      onEvent({ event, data }) {
        let payload: unknown;
        try {
          payload = JSON.parse(data);
        } catch {
          return; // A malformed event is dropped; the bridge checks payloads anyway.
        }
        for (const listener of listeners.get(event) ?? []) listener(payload);
      },
      onRefused() {
        clearTimeout(lossTimer);
        lossTimer = undefined;
        setLink('unpaired');
      },
      onOpen(open) {
        if (open) {
          clearTimeout(lossTimer);
          lossTimer = undefined;
          setLink('up');
          return;
        }
        if (currentLink === 'unpaired') return;
        lossTimer ??= setTimeout(() => {
          lossTimer = undefined;
          setLink('lost');
        }, hostLossGraceMs);
      },
    });
  });

  return {
    async invoke(operation: OperationName, input: unknown) {
      let response: Response;
      try {
        response = await fetch(`${base}/api/${encodeURIComponent(operation)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(await headers()) },
          credentials: 'omit',
          body: JSON.stringify(input),
        });
      } catch (error) {
        setLink('lost');
        throw error;
      }
      return json(response);
    },
    subscribe(event: EventName, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    async registerFile(file: File, cancel?: UploadSignal) {
      const upload = new AbortController();
      if (cancel?.aborted) upload.abort();
      cancel?.addEventListener('abort', () => upload.abort());
      const response = await fetch(`${base}/api/upload`, {
        signal: upload.signal,
        method: 'POST',
        headers: {
          'Content-Type': 'application/octet-stream',
          'X-File-Name': encodeURIComponent(file.name),
          ...(await headers()),
        },
        credentials: 'omit',
        body: file,
      });
      return json(response);
    },
  };
}
