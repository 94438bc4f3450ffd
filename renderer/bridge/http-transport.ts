/**
 * The browser host's transport: contract calls as `POST /api/<operation>` (JSON), events from one
 * shared `EventSource` on `/api/events`, files uploaded to `/api/upload`. The session travels in
 * the HttpOnly cookie the host set on first load, so nothing here handles a secret.
 */
import type { Transport } from '../../shared/ipc/bridge';
import type { EventName, OperationName } from '../../shared/ipc/contract';

async function json(response: Response): Promise<unknown> {
  if (response.status === 403) {
    return {
      ok: false,
      error: {
        code: 'forbidden',
        message: 'This page lost its session. Open the link the app printed when it started.',
      },
    };
  }
  return response.json();
}

/** Whether the page still reaches the host: `up`, or `lost` once the event stream has been gone a while. */
export type HostLink = 'up' | 'lost';

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
  let source: EventSource | null = null;
  let lossTimer: ReturnType<typeof setTimeout> | undefined;
  const eventSource = (): EventSource => {
    if (source) return source;
    const opened = new EventSource(`${base}/api/events`);
    opened.addEventListener('open', () => {
      clearTimeout(lossTimer);
      lossTimer = undefined;
      setLink('up');
    });
    opened.addEventListener('error', () => {
      if (opened.readyState === EventSource.CLOSED) {
        setLink('lost');
        return;
      }
      lossTimer ??= setTimeout(() => {
        lossTimer = undefined;
        if (opened.readyState !== EventSource.OPEN) setLink('lost');
      }, hostLossGraceMs);
    });
    source = opened;
    return opened;
  };
  // Open the stream at once, so a host that stops is noticed even before any step subscribes.
  if (typeof EventSource !== 'undefined') eventSource();

  return {
    async invoke(operation: OperationName, input: unknown) {
      let response: Response;
      try {
        response = await fetch(`${base}/api/${encodeURIComponent(operation)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(input),
        });
      } catch (error) {
        setLink('lost');
        throw error;
      }
      return json(response);
    },
    subscribe(event: EventName, listener: (payload: unknown) => void) {
      const handler = (message: MessageEvent<string>): void => {
        try {
          listener(JSON.parse(message.data));
        } catch {
          // A malformed event is dropped; the bridge checks payloads anyway.
        }
      };
      const target = eventSource();
      target.addEventListener(event, handler as EventListener);
      return () => target.removeEventListener(event, handler as EventListener);
    },
    async registerFile(file: File) {
      const response = await fetch(`${base}/api/upload`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
        credentials: 'same-origin',
        body: file,
      });
      return json(response);
    },
  };
}
