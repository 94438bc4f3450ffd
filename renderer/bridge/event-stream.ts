/**
 * Server-sent events read with `fetch`, so the request can carry the session header (an
 * `EventSource` cannot send headers). Parses the `event:` / `data:` lines the browser host writes,
 * reconnects after a short pause when the stream ends or fails, and reports whether it is up.
 */

/** One event from the stream. */
export interface StreamEvent {
  readonly event: string;
  readonly data: string;
}

/** What {@link openEventStream} reports. */
export interface EventStreamHandlers {
  onEvent(event: StreamEvent): void;
  /** `true` when the stream (re)opened, `false` each time it failed or ended. */
  onOpen(open: boolean): void;
  /** The host answered but refused this page's session (403): a restarted host has no sessions. */
  onRefused?(): void;
}

/** Pause before reconnecting, in ms. */
const reconnectMs = 1_000;

/** Splits SSE text into events; answers the unfinished tail to keep for the next chunk. */
export function parseEvents(text: string, emit: (event: StreamEvent) => void): string {
  const blocks = text.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0) emit({ event, data: data.join('\n') });
  }
  return rest;
}

/**
 * Reads `url` as an event stream with `headers()` (asked again at each reconnect) until the
 * returned function is called.
 */
export function openEventStream(
  url: string,
  headers: () => Promise<Record<string, string>>,
  handlers: EventStreamHandlers,
): () => void {
  const stop = new AbortController();
  const run = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      try {
        const response = await fetch(url, {
          headers: { Accept: 'text/event-stream', ...(await headers()) },
          credentials: 'omit',
          cache: 'no-store',
          signal: stop.signal,
        });
        if (response.status === 403) handlers.onRefused?.();
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        handlers.onOpen(true);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let pending = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          pending = parseEvents(pending + value, handlers.onEvent);
        }
      } catch {
        // Refused, dropped or stopped: reported below, then tried again.
      }
      if (stop.signal.aborted) return;
      handlers.onOpen(false);
      await new Promise((resolve) => setTimeout(resolve, reconnectMs));
    }
  };
  void run();
  return () => stop.abort();
}
