import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import { casePath } from '../../support/shared-paths';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

const secret = 'host-test-TOKEN-94c1d2e7aa';
let host: BrowserHost;
let session = '';
let dir = '';
const seen: string[] = [];

function send(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const answer = {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          };
          seen.push(answer.body);
          resolve(answer);
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const ours = () => ({ Host: `127.0.0.1:${host.port}`, 'X-Omneo-Session': session });
const api = (operation: string, input: unknown, headers: Record<string, string> = {}) =>
  send({
    method: 'POST',
    path: `/api/${operation}`,
    headers: { ...ours(), 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-host-test-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><title>Omneo</title><div id="root"></div>',
  );
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  await writeFile(path.join(dir, 'outside.txt'), 'not for the web');
  host = await startBrowserHost({ dataDir: path.join(dir, 'data'), rendererDir, port: 0 });
  session = await exchange(host.startLink());
});

/** The code of a start link (`…/#start=<code>`). */
const codeOf = (link: string): string => new URL(link).hash.replace(/^#start=/, '');

/** Exchanges a start link for a session key, as the page does; '' when refused. */
async function exchange(link: string, headers: Record<string, string> = {}): Promise<string> {
  const answer = await send({
    method: 'POST',
    path: '/api/session',
    headers: { Host: `127.0.0.1:${host.port}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ code: codeOf(link) }),
  });
  return answer.status === 200 ? String(JSON.parse(answer.body).value.session) : '';
}
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

describe('browser host: who may use it', () => {
  it('gives loopback start links with a random code in the fragment (never sent to a server)', () => {
    const link = host.startLink();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#start=[A-Za-z0-9_-]{43}$/);
    expect(host.startLink()).not.toBe(link);
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('exchanges a start link once: a second use, a made-up code or a foreign Origin get nothing', async () => {
    const link = host.startLink();
    expect(await exchange(link, { Origin: 'http://evil.example' })).toBe('');
    const first = await exchange(link);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(session);
    expect(await exchange(link)).toBe('');
    expect(await exchange(`http://127.0.0.1:${host.port}/#start=${'A'.repeat(43)}`)).toBe('');
    const list = await send({
      method: 'POST',
      path: '/api/connections:list',
      headers: {
        Host: `127.0.0.1:${host.port}`,
        'X-Omneo-Session': first,
        'Content-Type': 'application/json',
      },
      body: '{}',
    });
    expect(list.status).toBe(200);
  });

  it('sets no cookie and takes none: the key is only accepted in its header', async () => {
    const answers = [
      await send({ path: '/', headers: { Host: `127.0.0.1:${host.port}` } }),
      await send({
        method: 'POST',
        path: '/api/session',
        headers: { Host: `127.0.0.1:${host.port}` },
        body: '{}',
      }),
      await api('app:info', {}),
    ];
    for (const answer of answers) expect(answer.headers['set-cookie']).toBeUndefined();
    const withCookie = await send({
      method: 'POST',
      path: '/api/app:info',
      headers: {
        Host: `127.0.0.1:${host.port}`,
        Cookie: `omneo_session=${session}`,
        'Content-Type': 'application/json',
      },
      body: '{}',
    });
    expect(withCookie.status).toBe(403);
    const withQuery = await send({
      path: `/api/events?session=${session}`,
      headers: { Host: `127.0.0.1:${host.port}` },
    });
    expect(withQuery.status).toBe(403);
  });

  it.each([
    ['no token', { Host: () => `127.0.0.1:${host.port}` }, 403],
    ['a wrong token', { Host: () => `127.0.0.1:${host.port}`, 'X-Omneo-Session': () => 'x'.repeat(32) }, 403],
    [
      'a foreign Host (DNS rebinding)',
      { Host: () => `evil.example:${host.port}`, 'X-Omneo-Session': () => session },
      421,
    ],
    ['another port in Host', { Host: () => `127.0.0.1:1`, 'X-Omneo-Session': () => session }, 421],
    [
      'a foreign Origin',
      {
        Host: () => `127.0.0.1:${host.port}`,
        'X-Omneo-Session': () => session,
        Origin: () => 'http://evil.example',
      },
      403,
    ],
    [
      'an https Origin on our host',
      {
        Host: () => `127.0.0.1:${host.port}`,
        'X-Omneo-Session': () => session,
        Origin: () => `https://127.0.0.1:${host.port}`,
      },
      403,
    ],
  ] as [string, Record<string, () => string>, number][])(
    'refuses a request with %s',
    async (_, headerMakers, status) => {
      const headers = Object.fromEntries(Object.entries(headerMakers).map(([k, make]) => [k, make()]));
      for (const target of ['/api/events']) {
        expect((await send({ path: target, headers })).status).toBe(status);
      }
      if (status === 421 || headers.Origin) expect((await send({ path: '/', headers })).status).toBe(status);
      const call = await send({
        method: 'POST',
        path: '/api/connections:list',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(call.status).toBe(status);
      expect(call.body).not.toContain('sandbox');
    },
  );

  it('serves the app itself (public files) without a session, to our Host only', async () => {
    const page = await send({ path: '/', headers: { Host: `localhost:${host.port}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
  });

  it('sends the security headers on every answer', async () => {
    for (const answer of [await send({ path: '/', headers: ours() }), await send({ path: '/' })]) {
      expect(answer.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(answer.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves only the renderer folder', async () => {
    expect((await send({ path: '/assets/app.js', headers: ours() })).headers['content-type']).toMatch(
      /javascript/,
    );
    for (const target of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/../../outside.txt']) {
      const answer = await send({ path: target, headers: ours() });
      expect(answer.body).not.toContain('not for the web');
    }
  });
});

describe('browser host: the contract over HTTP and SSE', () => {
  it('answers operations with the reply envelope', async () => {
    const list = await api('connections:list', {});
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body)).toMatchObject({
      ok: true,
      value: { defaultId: 'sandbox', secureStorage: { tokenStorage: 'session-only' } },
    });
    const info = JSON.parse((await api('app:info', {})).body);
    expect(info.value).toMatchObject({ runtime: 'browser-host', nativeDialogs: false });
  });

  it('parses input with the same schemas', async () => {
    const bad = JSON.parse(
      (await api('connections:save', { name: 'x', baseUrl: 'http://evil.example' })).body,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(JSON.parse((await api('rows:page', { fileId: 'f', offset: -1, limit: 5 })).body)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'offset' }] },
    });
    const notJson = await send({
      method: 'POST',
      path: '/api/app:info',
      headers: { ...ours(), 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(notJson.status).toBe(415);
    const garbage = await send({
      method: 'POST',
      path: '/api/app:info',
      headers: { ...ours(), 'Content-Type': 'application/json' },
      body: '{not json',
    });
    expect(garbage.status).toBe(400);
  });

  it('pushes events over SSE', async () => {
    const events = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: host.port, path: '/api/events', headers: ours() },
        (res) => {
          expect(res.headers['content-type']).toMatch(/text\/event-stream/);
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
            if (text.includes('event: connections:changed')) {
              req.destroy();
              resolve(text);
            }
          });
          void api('connections:save', {
            name: 'Prod',
            baseUrl: 'https://api.acme.getomneo.com/api/v3',
            token: secret,
          });
        },
      );
      req.on('error', (error) => (error.message.includes('aborted') ? undefined : reject(error)));
      req.end();
    });
    seen.push(events);
    expect(events).toContain('event: connections:changed\ndata: {}');
  });

  it('takes an upload and opens it by ref, never by a path', async () => {
    const body = await readFile(casePath('01-utf8-bom-header.csv'));
    const uploaded = await send({
      method: 'POST',
      path: '/api/upload',
      headers: {
        ...ours(),
        'Content-Type': 'application/octet-stream',
        'X-File-Name': encodeURIComponent('../01 bom.csv'),
      },
      body,
    });
    const registered = JSON.parse(uploaded.body);
    expect(registered).toMatchObject({ ok: true, value: { name: '01 bom.csv', size: body.length } });
    const opened = JSON.parse((await api('file:open', { via: 'ref', ref: registered.value.ref })).body);
    expect(opened).toMatchObject({
      ok: true,
      value: { kind: 'opened', info: { name: '01 bom.csv', encoding: 'utf-8' } },
    });
    expect(opened.value.info.columns.map((c: { header: string }) => c.header)).toEqual([
      'email',
      'first_name',
      'last_name',
      'phone',
    ]);
    expect(uploaded.body + JSON.stringify(opened)).not.toMatch(/omneo-host-|\/tmp\//);
  });

  it('never sends the token back', async () => {
    const list = await api('connections:list', {});
    expect(JSON.parse(list.body).value.connections).toContainEqual(
      expect.objectContaining({ name: 'Prod', hasToken: true, tokenStorage: 'session-only' }),
    );
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((body) => body.includes(secret))).toEqual([]);
  });
});
