import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiConfigError, OmneoClient } from '../../../electron/omneo/api-client';
import { redactHeaders, redactSecrets } from '../../../electron/omneo/redact';

const token = 'tok_SECRET_abc123xyz';

/** A scripted loopback server: each test sets what `/api/v3/...` answers. */
type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;
let handler: Handler = (_req, res) => res.end();
const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const json = (
  res: http.ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
};
const body = { match_criteria: 'email', profiles: [{ email: 'ana@example.com' }] };

describe('OmneoClient base URL and token', () => {
  it.each([
    ['https://api.acme.getomneo.com/api/v3', true],
    ['http://127.0.0.1:8080/api/v3', true],
    ['http://localhost:8080/api/v3', true],
    ['http://[::1]:8080/api/v3', true],
    ['http://api.acme.getomneo.com/api/v3', false],
    ['ftp://127.0.0.1/api/v3', false],
    ['not a url', false],
  ])('%s accepted: %s', (url, ok) => {
    const make = () => new OmneoClient({ baseUrl: url, token });
    if (ok) expect(make().baseUrl).toBe(url.replace(/\/$/, ''));
    else expect(make).toThrow(ApiConfigError);
  });

  it('refuses an empty token', () => {
    expect(() => new OmneoClient({ baseUrl, token: '  ' })).toThrow(/token is empty/);
  });
});

describe('OmneoClient requests', () => {
  it('sends the Bearer token and JSON headers, and reads the batch id', async () => {
    handler = (_req, res) =>
      json(res, 200, { data: { message: 'Profiles queued for batch import.', batch_id: 'b-1' } });
    const client = new OmneoClient({ baseUrl, token });
    expect(await client.postBatch(body)).toEqual({ kind: 'accepted', batchId: 'b-1' });
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', url: '/api/v3/profiles/batch' });
    expect(last.headers.authorization).toBe(`Bearer ${token}`);
    expect(last.headers.accept).toBe('application/json');
    expect(last.headers['content-type']).toBe('application/json');
    expect(JSON.parse(last.body)).toEqual(body);
  });

  it.each([
    [
      429,
      { 'retry-after': '7' },
      { message: 'Too Many Attempts.' },
      { kind: 'rate-limited', retryAfterMs: 7000 },
    ],
    [429, {}, { message: 'Too Many Attempts.' }, { kind: 'rate-limited', retryAfterMs: null }],
    [
      401,
      {},
      { message: 'Unauthenticated.' },
      { kind: 'unauthorised', status: 401, message: 'Unauthenticated.' },
    ],
    [403, {}, { message: 'Forbidden.' }, { kind: 'unauthorised', status: 403, message: 'Forbidden.' }],
    [503, {}, { message: 'down' }, { kind: 'server-error', status: 503, message: 'down' }],
    [404, {}, { message: 'Not Found' }, { kind: 'unexpected', status: 404 }],
    [
      422,
      {},
      {
        message: 'The given data was invalid.',
        errors: { 'profiles.3.email': ['The email must be a valid email address.'] },
      },
      {
        kind: 'invalid',
        message: 'The given data was invalid.',
        errors: { 'profiles.3.email': ['The email must be a valid email address.'] },
      },
    ],
  ])('HTTP %i → typed outcome', async (status, headers, answer, expected) => {
    handler = (_req, res) => json(res, status, answer, headers);
    const outcome = await new OmneoClient({ baseUrl, token }).postBatch(body);
    expect(outcome).toMatchObject(expected);
  });

  it('parses a batch status, enveloped or bare', async () => {
    const status = {
      id: 'b-9',
      status: 'success',
      total_count: 1,
      items: [{ id: 1, entity_id: 77, external_id: 'ana@example.com', status: 'created', error: null }],
    };
    const client = new OmneoClient({ baseUrl, token });
    for (const answer of [status, { data: status }]) {
      handler = (_req, res) => json(res, 200, answer);
      const outcome = await client.getBatch('b-9');
      expect(outcome.kind).toBe('ok');
      if (outcome.kind === 'ok') expect(outcome.value.items?.[0]?.status).toBe('created');
    }
    expect(seen.at(-1)?.url).toBe('/api/v3/batches/b-9');
  });

  it('verify() is ok on 200 and unauthorised on 401', async () => {
    const client = new OmneoClient({ baseUrl, token });
    handler = (_req, res) => json(res, 200, { data: { ok: true } });
    expect(await client.verify()).toEqual({ kind: 'ok', value: true });
    handler = (_req, res) => json(res, 401, { message: 'Unauthenticated.' });
    expect(await client.verify()).toMatchObject({ kind: 'unauthorised', status: 401 });
  });

  it('a dropped connection is a network error whose outcome is unknown', async () => {
    handler = (req) => req.socket.destroy();
    const outcome = await new OmneoClient({ baseUrl, token }).postBatch(body);
    expect(outcome).toMatchObject({ kind: 'network-error', unknownOutcome: true });
  });

  it('a refused connection is a network error that never reached the server', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await new OmneoClient({ baseUrl: `http://127.0.0.1:${port}/api/v3`, token }).postBatch(
      body,
    );
    expect(outcome).toMatchObject({ kind: 'network-error', unknownOutcome: false });
  });

  it('a slow answer times out, outcome unknown; an abort is reported as aborted', async () => {
    handler = (_req, res) => setTimeout(() => json(res, 200, { data: { batch_id: 'late' } }), 400);
    const client = new OmneoClient({ baseUrl, token, timeoutMs: 100 });
    expect(await client.postBatch(body)).toMatchObject({ kind: 'timeout', unknownOutcome: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await new OmneoClient({ baseUrl, token }).postBatch(body, controller.signal)).toEqual({
      kind: 'aborted',
      unknownOutcome: true,
    });
  });

  it('never lets the token into messages, even when the server echoes it', async () => {
    handler = (req, res) => json(res, 500, { message: `bad header ${req.headers.authorization}` });
    const client = new OmneoClient({ baseUrl, token });
    const outcome = await client.postBatch(body);
    expect(JSON.stringify(outcome)).not.toContain(token);
    expect(outcome).toMatchObject({ kind: 'server-error', message: 'bad header Bearer [redacted]' });
    expect(JSON.stringify(client)).not.toContain(token);
    expect(JSON.stringify({ ...client })).not.toContain(token);
  });
});

describe('redaction helpers', () => {
  it.each([
    [`token ${token} here`, 'token [redacted] here'],
    ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer [redacted]'],
    ['"authorization":"bearer xyz"', '"authorization":"bearer [redacted]"'],
    ['nothing secret', 'nothing secret'],
  ])('%s', (text, expected) => {
    expect(redactSecrets(text, [token])).toBe(expected);
  });

  it('redacts the Authorization header in any case', () => {
    expect(redactHeaders({ authorization: `Bearer ${token}`, Accept: 'application/json' })).toEqual({
      authorization: '[redacted]',
      Accept: 'application/json',
    });
  });
});
