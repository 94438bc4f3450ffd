import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../electron/simulator/simulator';
import { call } from './sim-client';

const started: RunningSimulator[] = [];
async function start(options: SimulatorOptions): Promise<RunningSimulator> {
  const sim = await startSimulator({ processingDelayMs: 5, ...options });
  started.push(sim);
  return sim;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((sim) => sim.close()));
});

/** What each of `count` sequential GET /auth/verify calls met: a status, or 'dropped'. */
async function outcomes(sim: RunningSimulator, count: number): Promise<(number | 'dropped')[]> {
  const seen: (number | 'dropped')[] = [];
  for (let i = 0; i < count; i++) {
    try {
      seen.push((await call(sim, 'GET', '/auth/verify')).status);
    } catch {
      seen.push('dropped');
    }
  }
  return seen;
}

describe('faults are deterministic with a seed', () => {
  it.each<[string, SimulatorOptions]>([
    ['5xx answers', { faultRate: 0.5 }],
    ['dropped connections', { dropConnectionRate: 0.4 }],
  ])('%s repeat exactly for the same seed', async (_label, faults) => {
    const first = await outcomes(await start({ ...faults, seed: 42 }), 24);
    const again = await outcomes(await start({ ...faults, seed: 42 }), 24);
    const other = await outcomes(await start({ ...faults, seed: 7 }), 24);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(first).toContain(200);
    expect(first.some((o) => o !== 200)).toBe(true);
  });

  it('answers 500, 502 and 503 and queues nothing on a 5xx', async () => {
    const sim = await start({ faultRate: 1, seed: 3 });
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const answer = await call(sim, 'POST', '/profiles/batch', {
        match_criteria: 'email',
        profiles: [{ email: `r${i}@example.com` }],
      });
      statuses.add(answer.status);
    }
    expect([...statuses].sort()).toEqual([500, 502, 503]);
    expect(sim.state().batches).toHaveLength(0);
  });

  it('logs a dropped connection without a status', async () => {
    const sim = await start({ dropConnectionRate: 1 });
    await expect(call(sim, 'GET', '/auth/verify')).rejects.toThrow();
    expect(sim.state().requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/api/v3/auth/verify',
        status: null,
        outcome: 'dropped',
      }),
    ]);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After in seconds and X-RateLimit headers, then lets requests through again', async () => {
    const sim = await start({ rateLimitPerMinute: 60 }); // one a second, burst of one
    const first = await call(sim, 'GET', '/auth/verify');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('60');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
    const refused = await call(sim, 'GET', '/auth/verify');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ message: 'Too Many Attempts.' });
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await call(sim, 'GET', '/auth/verify')).status).toBe(200);
  });

  it('can be switched on at runtime through POST /__sim/config', async () => {
    const sim = await start({});
    const url = sim.baseUrl.replace('/api/v3', '/__sim/config');
    const bad = await fetch(url, { method: 'POST', body: JSON.stringify({ faultRate: 2 }) });
    expect(bad.status).toBe(422);
    const ok = await fetch(url, { method: 'POST', body: JSON.stringify({ rateLimitPerMinute: 60 }) });
    expect(ok.status).toBe(200);
    expect((await call(sim, 'GET', '/auth/verify')).status).toBe(200);
    expect((await call(sim, 'GET', '/auth/verify')).status).toBe(429);
  });
});

describe('latency, lost responses and revoked tokens', () => {
  it('delays each API request by latencyMs', async () => {
    const sim = await start({ latencyMs: 120 });
    const began = performance.now();
    await call(sim, 'GET', '/auth/verify');
    expect(performance.now() - began).toBeGreaterThanOrEqual(110);
  });

  it('loses the response of an accepted batch, which is still processed', async () => {
    const sim = await start({ lostResponseRate: 1 });
    const sent = call(sim, 'POST', '/profiles/batch', {
      match_criteria: 'email',
      profiles: [{ email: 'lost@example.com' }],
    });
    await expect(sent).rejects.toThrow();
    expect((await call(sim, 'GET', '/auth/verify')).status).toBe(200);
    await sim.idle();
    const state = sim.state();
    expect(state.profiles.map((p) => p.email)).toEqual(['lost@example.com']);
    expect(state.batches[0]).toMatchObject({ status: 'success', success_count: 1 });
    expect(state.requests[0]).toMatchObject({ status: 202, outcome: 'lost-response' });
  });

  it('revokes the token after N requests until revocation is lifted', async () => {
    const sim = await start({ revokeTokenAfter: 2 });
    expect(await outcomes(sim, 4)).toEqual([200, 200, 401, 401]);
    sim.configure({ revokeTokenAfter: null });
    expect(await outcomes(sim, 1)).toEqual([200]);
  });

  it('accepts a new token after a revocation, and refuses the old one', async () => {
    const sim = await start({ revokeTokenAfter: 0 });
    const old = sim.token;
    expect((await call(sim, 'GET', '/auth/verify')).status).toBe(401);
    sim.configure({ token: 'fresh-token' });
    expect(sim.token).toBe('fresh-token');
    expect((await call(sim, 'GET', '/auth/verify')).status).toBe(200);
    expect((await call(sim, 'GET', '/auth/verify', undefined, old)).status).toBe(401);
  });
});

describe('persistence', () => {
  it('keeps profiles and batches across a restart, and processes a batch still queued at shutdown', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omneo-sim-'));
    try {
      const dataFile = path.join(dir, 'state.json');
      const first = await startSimulator({ dataFile, processingDelayMs: 5 });
      const done = await call(first, 'POST', '/profiles/batch', {
        match_criteria: 'email',
        profiles: [{ email: 'kept@example.com', first_name: 'Kept' }],
      });
      await first.idle();
      first.configure({ processingDelayMs: 60_000 });
      const queued = await call(first, 'POST', '/profiles/batch', {
        match_criteria: 'email',
        profiles: [{ email: 'queued@example.com' }],
      });
      await first.close();

      const second = await start({ dataFile, processingDelayMs: 5 });
      const kept = await call(second, 'GET', `/batches/${done.body.data.batch_id}`);
      expect(kept.body.data).toMatchObject({ status: 'success', success_count: 1 });
      await second.idle();
      const resumed = await call(second, 'GET', `/batches/${queued.body.data.batch_id}`);
      expect(resumed.body.data).toMatchObject({ status: 'success', success_count: 1 });
      const emails = second.state().profiles.map((p) => p.email);
      expect(emails).toEqual(['kept@example.com', 'queued@example.com']);
      await second.close(); // before the folder goes
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start over a file that is not a state file, naming it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omneo-sim-'));
    try {
      const dataFile = path.join(dir, 'people.csv');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(dataFile, 'email\na@example.com\n');
      await expect(startSimulator({ dataFile })).rejects.toThrow(dataFile);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
