/**
 * The token check retried like a batch: real requests to the simulator over loopback, with a fake
 * clock whose sleeps lift the fault, so each test sees exactly one failure and then the answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OmneoClient } from '../../../electron/omneo/api-client';
import type { FaultSettings } from '../../../electron/simulator/faults';
import { callWithRetry } from '../../../electron/omneo/retrying-call';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import type { Clock } from '../../../shared/runner/clock';

let sim: RunningSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

/** A clock that records each sleep and, on the first, applies `heal` to the simulator. */
function healingClock(heal: Partial<FaultSettings>): { clock: Clock; sleeps: number[] } {
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms);
      sim?.configure(heal);
    },
  };
  return { clock, sleeps };
}

const verifies = (s: RunningSimulator) => s.state().requests.filter((r) => r.path.endsWith('/auth/verify'));

describe('callWithRetry(verify)', () => {
  it.each<[string, Partial<FaultSettings>, Partial<FaultSettings>]>([
    ['a 5xx', { faultRate: 1 }, { faultRate: 0 }],
    ['a dropped connection', { dropConnectionRate: 1 }, { dropConnectionRate: 0 }],
  ])('retries after %s and then succeeds', async (_name, fault, heal) => {
    sim = await startSimulator(fault);
    const client = new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token });
    const { clock, sleeps } = healingClock(heal);
    const retries: string[] = [];
    const outcome = await callWithRetry((signal) => client.verify(signal), {
      clock,
      random: () => 0.5,
      onRetry: (failure) => retries.push(failure.kind),
    });
    expect(outcome).toEqual({ kind: 'ok', value: true });
    expect(sleeps).toHaveLength(1);
    expect(retries).toHaveLength(1);
    expect(verifies(sim)).toHaveLength(2);
  });

  it('waits the Retry-After of a 429 before trying again', async () => {
    sim = await startSimulator({ rateLimitPerMinute: 1 });
    const client = new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token });
    expect(await client.verify()).toEqual({ kind: 'ok', value: true }); // uses the one request allowed
    const { clock, sleeps } = healingClock({ rateLimitPerMinute: null });
    const outcome = await callWithRetry((signal) => client.verify(signal), { clock, random: () => 0 });
    expect(outcome).toEqual({ kind: 'ok', value: true });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(1_000); // Retry-After is whole seconds, at least 1
  });

  it('does not retry a refused token (401)', async () => {
    sim = await startSimulator();
    const client = new OmneoClient({ baseUrl: sim.baseUrl, token: 'wrong-token' });
    const { clock, sleeps } = healingClock({});
    const outcome = await callWithRetry((signal) => client.verify(signal), { clock });
    expect(outcome).toMatchObject({ kind: 'unauthorised', status: 401 });
    expect(sleeps).toHaveLength(0);
    expect(verifies(sim)).toHaveLength(1);
  });

  it('gives up after the policy’s retries and returns the last failure', async () => {
    sim = await startSimulator({ faultRate: 1 });
    const client = new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token });
    const { clock, sleeps } = healingClock({});
    const outcome = await callWithRetry((signal) => client.verify(signal), {
      clock,
      policy: { backoff: { baseMs: 10, capMs: 100, maxRetries: 3 }, maxRateLimited: 100 },
    });
    expect(outcome).toMatchObject({ kind: 'server-error' });
    expect(sleeps).toHaveLength(3);
    expect(verifies(sim)).toHaveLength(4);
  });
});
