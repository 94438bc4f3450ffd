/**
 * Network hygiene of the API client against two loopback servers: redirects stay within the base
 * URL's origin (the token and the batch never reach another server), and `Retry-After` is read
 * against the server's clock and capped.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OmneoClient } from '../../../electron/omneo/api-client';
import { callWithRetry } from '../../../electron/omneo/retrying-call';
import { maxRedirects } from '../../../electron/omneo/same-origin-fetch';
import { maxRetryAfterMs } from '../../../shared/runner/backoff';
import type { Clock } from '../../../shared/runner/clock';
import {
  startRecordingServer,
  type RecordingServer,
  type RequestHandler,
} from '../../support/recording-server';

const token = 'tok_NETWORK_secret_42';
const batch = { match_criteria: 'email', profiles: [{ email: 'ana@example.com' }] };

const redirect =
  (status: number, location: string): RequestHandler =>
  (_req, res) => {
    res.writeHead(status, { location });
    res.end();
  };
const accepted: RequestHandler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ data: { batch_id: 'b-1' } }));
};

let tenant: RecordingServer;
let elsewhere: RecordingServer;
beforeAll(async () => {
  [tenant, elsewhere] = await Promise.all([startRecordingServer(), startRecordingServer()]);
});
afterAll(async () => {
  await Promise.all([tenant.close(), elsewhere.close()]);
});
beforeEach(() => {
  tenant.seen.length = 0;
  elsewhere.seen.length = 0;
  elsewhere.handle(accepted);
});

describe('redirects on API calls', () => {
  it.each([307, 308, 302, 301])(
    'a %i to another origin fails with a clear message, and nothing reaches that origin',
    async (status) => {
      tenant.handle(redirect(status, `${elsewhere.origin}/api/v3/profiles/batch`));
      const client = new OmneoClient({ baseUrl: `${tenant.origin}/api/v3`, token });
      const outcome = await client.postBatch(batch);
      expect(outcome).toMatchObject({ kind: 'unexpected', status });
      expect(outcome.kind === 'unexpected' && outcome.message).toContain(
        `redirected (HTTP ${status}) to ${elsewhere.origin}`,
      );
      expect(outcome.kind === 'unexpected' && outcome.message).toContain('never followed to another address');
      expect(elsewhere.seen).toEqual([]);
      expect(tenant.seen).toHaveLength(1);
    },
  );

  it('a redirect to another port of the same host is another origin too (GET, token)', async () => {
    tenant.handle(redirect(302, `${elsewhere.origin.replace('127.0.0.1', 'localhost')}/api/v3/auth/verify`));
    const client = new OmneoClient({ baseUrl: `${tenant.origin}/api/v3`, token });
    expect(await client.verify()).toMatchObject({ kind: 'unexpected', status: 302 });
    expect(elsewhere.seen).toEqual([]);
  });

  it('follows a same-origin 307 with the same method and body', async () => {
    tenant.handle((req, res) =>
      req.url === '/api/v3/profiles/batch'
        ? redirect(307, '/api/v3/profiles/batch/')(req, res)
        : accepted(req, res),
    );
    const client = new OmneoClient({ baseUrl: `${tenant.origin}/api/v3`, token });
    expect(await client.postBatch(batch)).toEqual({ kind: 'accepted', batchId: 'b-1' });
    expect(tenant.seen.map((s) => [s.method, s.url])).toEqual([
      ['POST', '/api/v3/profiles/batch'],
      ['POST', '/api/v3/profiles/batch/'],
    ]);
    expect(JSON.parse(tenant.seen[1]!.body)).toEqual(batch);
    expect(tenant.seen[1]!.authorization).toBe(`Bearer ${token}`);
  });

  it('refuses a same-origin 303 on a POST (it would drop the batch) and a redirect loop', async () => {
    tenant.handle(redirect(303, '/api/v3/elsewhere'));
    const client = new OmneoClient({ baseUrl: `${tenant.origin}/api/v3`, token });
    expect(await client.postBatch(batch)).toMatchObject({ kind: 'unexpected', status: 303 });
    tenant.seen.length = 0;
    tenant.handle(redirect(302, '/api/v3/auth/verify'));
    const looped = await client.verify();
    expect(looped).toMatchObject({ kind: 'unexpected', status: 302 });
    expect(looped.kind === 'unexpected' && looped.message).toContain(`more than ${maxRedirects} times`);
    expect(tenant.seen).toHaveLength(maxRedirects + 1);
  });
});

describe('Retry-After', () => {
  /** A clock that records sleeps and lets the server answer 200 after the first. */
  function recordingClock(): { clock: Clock; sleeps: number[] } {
    const sleeps: number[] = [];
    return {
      sleeps,
      clock: {
        now: () => 0,
        sleep: async (ms) => {
          sleeps.push(ms);
          tenant.handle((_req, res) => res.end());
        },
      },
    };
  }

  it('waits at most the cap when the server asks for 3,000,000 s, and says so', async () => {
    tenant.handle((_req, res) => {
      res.writeHead(429, { 'retry-after': '3000000' });
      res.end();
    });
    const client = new OmneoClient({ baseUrl: `${tenant.origin}/api/v3`, token });
    const { clock, sleeps } = recordingClock();
    const outcome = await callWithRetry((signal) => client.verify(signal), { clock, random: () => 0 });
    expect(outcome).toEqual({ kind: 'ok', value: true });
    expect(sleeps).toEqual([maxRetryAfterMs]);
    expect(tenant.seen).toHaveLength(2);
  });

  it("reads an HTTP-date against the server's Date header, not the local clock", async () => {
    const serverNow = Date.now() - 400 * 86_400_000; // the server's clock is 400 days behind ours
    tenant.handle((_req, res) => {
      res.writeHead(429, {
        date: new Date(serverNow).toUTCString(),
        'retry-after': new Date(serverNow + 20_000).toUTCString(),
      });
      res.end();
    });
    const client = new OmneoClient({ baseUrl: `${tenant.origin}/api/v3`, token });
    expect(await client.verify()).toEqual({ kind: 'rate-limited', retryAfterMs: 20_000 });
  });
});
