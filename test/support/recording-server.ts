/**
 * A loopback HTTP server for tests that records every request it receives (method, URL, the
 * `Authorization` header and the body) and answers with a handler the test can swap, so a test can
 * prove what did — and did not — reach a given origin.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** Answers one request. */
export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A running recording server. */
export interface RecordingServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Every request received, in order; tests may empty it. */
  readonly seen: SeenRequest[];
  /** Replaces the handler (default: an empty 200). */
  handle(handler: RequestHandler): void;
  close(): Promise<void>;
}

/** Starts a recording server on 127.0.0.1 and a free port. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const seen: SeenRequest[] = [];
  let handler: RequestHandler = (_req, res) => res.end();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body,
      });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    handle: (next) => (handler = next),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
