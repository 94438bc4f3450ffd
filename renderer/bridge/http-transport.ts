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

/** A transport over the host's HTTP API at `base` (same origin by default). */
export function createHttpTransport(base = ''): Transport<File> {
  let source: EventSource | null = null;
  const eventSource = (): EventSource => (source ??= new EventSource(`${base}/api/events`));

  return {
    async invoke(operation: OperationName, input: unknown) {
      const response = await fetch(`${base}/api/${encodeURIComponent(operation)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(input),
      });
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
