/**
 * The browser host's HTTP server: the built renderer, and the contract at `POST /api/<operation>`
 * with events over server-sent events at `GET /api/events` — the same services the Electron shell
 * wires to IPC. Bound to 127.0.0.1 only; every request passes {@link refuseRequest} (Host, Origin)
 * and every API call but the two below must present a session key (host-sessions.ts).
 *
 * Routes: `GET /` and static files of the renderer (public: the built app holds no secret);
 * `POST /api/session` (`{code}` of a start link → `{session}`, once per code);
 * `POST /api/<operation>` (JSON in, the reply envelope out, always 200 once admitted);
 * `GET /api/events` (SSE: `event: <name>`, `data: <json>`; read with fetch so it can carry the
 * header); `POST /api/upload` (raw file body, name in `X-File-Name`) → a ref for `file:open`;
 * `GET /api/download/<id>` (a report saved by `report:export`: the unguessable id, given only to a
 * session, is the credential, and works once).
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { AppServices } from '../app/app-services';
import { failure } from '../../shared/ipc/reply';
import { maxUploadBytes, UploadTooLargeError, type HostFiles } from './host-files';
import { noSession, presentedSession, refuseRequest, securityHeaders } from './host-security';
import type { HostSessions } from './host-sessions';
import { describeWithoutData } from './process-guards';

/** What the server needs. */
export interface HostServerOptions {
  readonly services: AppServices;
  readonly files: HostFiles;
  /** The built renderer (vite's output, dist/renderer). */
  readonly rendererDir: string;
  /** Start codes and session keys of this run. */
  readonly sessions: HostSessions;
  /** 0 (default) for a free port. */
  readonly port?: number;
  /** Log lines (a request that failed, and why, without its data). */
  readonly log?: (line: string) => void;
}

/** A listening host. */
export interface HostServer {
  readonly port: number;
  /** `http://127.0.0.1:P` */
  readonly origin: string;
  /**
   * A new single-use start link, `http://127.0.0.1:P/#start=<code>`, valid for a short while;
   * `onUsed` runs once it is exchanged or expires.
   */
  startLink(onUsed?: () => void): string;
  close(): Promise<void>;
}

/** Largest JSON body of a contract call (1 MiB; row edits are small, pages go the other way). */
const maxJsonBytes = 1024 * 1024;

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Starts the server on 127.0.0.1. */
export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server: Server = createServer((request, response) => {
    for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
    handle(request, response).catch((error: unknown) => {
      const route = (request.url ?? '/').split('?')[0]?.slice(0, 100) ?? '/';
      options.log?.(`${request.method ?? '?'} ${route} failed: ${describeWithoutData(error)}`);
      if (!response.headersSent) sendJson(response, 500, failure('internal', 'The host failed.'));
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const refusal = refuseRequest(request, port);
    if (refusal) return refuse(response, refusal.status, refusal.message);
    const route = url.pathname;
    if (route.startsWith('/api/download/') && request.method === 'GET') {
      return download(route.slice('/api/download/'.length), response);
    }
    if (route === '/api/session' && request.method === 'POST') return startSession(request, response);
    if (route.startsWith('/api/') && !options.sessions.isSession(presentedSession(request))) {
      return refuse(response, noSession.status, noSession.message);
    }
    if (route === '/api/events' && request.method === 'GET') return openEventStream(response);
    if (route === '/api/upload' && request.method === 'POST') return upload(request, response);
    if (route.startsWith('/api/')) {
      if (request.method !== 'POST') return void response.writeHead(405, { Allow: 'POST' }).end();
      return callOperation(decodeURIComponent(route.slice('/api/'.length)), request, response);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405).end();
    return serveStatic(route, response);
  }

  function refuse(response: ServerResponse, status: number, message: string): void {
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(message);
  }

  async function startSession(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let code: unknown;
    try {
      code = (JSON.parse((await readBody(request, 1024)).toString('utf8')) as { code?: unknown }).code;
    } catch {
      code = null;
    }
    const session = typeof code === 'string' ? options.sessions.exchange(code) : null;
    if (session === null) {
      return sendJson(
        response,
        403,
        failure(
          'forbidden',
          'This start link was already used or has expired. Press Enter in the terminal where the ' +
            'importer runs for a new one.',
        ),
      );
    }
    sendJson(response, 200, { ok: true, value: { session } });
  }

  async function callOperation(operation: string, request: IncomingMessage, response: ServerResponse) {
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(response, 415, failure('invalid-input', 'Send the input as application/json.'));
    }
    let input: unknown;
    try {
      const text = (await readBody(request, maxJsonBytes)).toString('utf8');
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      const tooLarge = error instanceof BodyTooLargeError;
      return sendJson(
        response,
        tooLarge ? 413 : 400,
        failure('invalid-input', tooLarge ? 'The request is too large.' : 'The request is not valid JSON.'),
      );
    }
    const reply = await options.services.dispatch(operation, input, { transport: 'http' });
    sendJson(response, 200, reply);
  }

  function openEventStream(response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    streams.add(response);
    const unsubscribe = options.services.events.subscribe((event, payload) => {
      response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    response.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(response);
    });
  }

  async function upload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawName = request.headers['x-file-name'];
    const name = typeof rawName === 'string' ? safeDecode(rawName) : 'upload';
    const declared = Number(request.headers['content-length'] ?? '0');
    try {
      if (declared > maxUploadBytes) throw new UploadTooLargeError();
      const stored = await options.files.storeUpload(name, request);
      const registered = await options.services.context.files.register(stored);
      sendJson(response, 200, { ok: true, value: registered });
    } catch (error) {
      const tooLarge = error instanceof UploadTooLargeError;
      sendJson(
        response,
        tooLarge ? 413 : 500,
        failure(tooLarge ? 'invalid-input' : 'internal', tooLarge ? error.message : 'The upload failed.'),
      );
    }
  }

  async function download(id: string, response: ServerResponse): Promise<void> {
    const file = options.files.takeDownload(id);
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, {
      'Content-Type': file.name.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'Cache-Control': 'no-store',
    });
    createReadStream(file.path).pipe(response);
  }

  async function serveStatic(route: string, response: ServerResponse): Promise<void> {
    const root = path.resolve(options.rendererDir);
    const relative = route === '/' ? 'index.html' : safeDecode(route).replace(/^\/+/, '');
    const target = path.resolve(root, relative);
    if (target !== root && !target.startsWith(root + path.sep)) return void response.writeHead(404).end();
    const info = await stat(target).catch(() => null);
    if (!info?.isFile()) {
      if (route === '/') {
        response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
        return void response.end('The app is not built yet: run `npm run build`, then start the host again.');
      }
      return void response.writeHead(404).end();
    }
    const type = contentTypes[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
    response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
    response.end(await readFile(target));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    startLink: (onUsed) => `http://127.0.0.1:${port}/#start=${options.sessions.issueStartCode(onUsed)}`,
    async close() {
      options.sessions.close();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop keeping the body but let it drain, so the 413 answer still reaches the client.
        request.removeAllListeners('data');
        request.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
