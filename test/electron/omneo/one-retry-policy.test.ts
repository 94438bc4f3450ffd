/**
 * Every Omneo call obeys the one retry policy (shared/runner/retry-policy.ts): against the
 * simulator over loopback, a server that always fails (5xx) or always rate-limits (429) gets the
 * same number of tries from the token check, a batch send, a batch follow, compare's look-ups and
 * undo, and each gives up with the policy's sentence. A fake clock makes minutes of waiting instant.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCompare } from '../../../electron/compare/run-compare';
import { OmneoClient } from '../../../electron/omneo/api-client';
import { failureMessage } from '../../../electron/omneo/api-outcome';
import { callWithRetry } from '../../../electron/omneo/retrying-call';
import { runImport } from '../../../electron/runner/batch-runner';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { executeUndo, planUndo } from '../../../electron/undo/run-undo';
import type { Clock } from '../../../shared/runner/clock';
import type { RunEvent } from '../../../shared/runner/run-events';
import { omneoRetryPolicy } from '../../../shared/runner/retry-policy';
import type { FaultSettings } from '../../../electron/simulator/faults';
import { cli, jobIdOf } from '../compare/cli-harness';
import { compareCsv, seededTenant, writeCsv } from '../compare/compare-fixture';

const tries = omneoRetryPolicy.backoff.maxRetries + 1;
const rateLimitedTries = omneoRetryPolicy.maxRateLimited + 1;
const gaveUp = new RegExp(`^Gave up after ${tries} failed tries: `);
const keptLimiting = `Omneo kept answering 429 Too Many Requests (${rateLimitedTries} times); gave up.`;

/** Sleeps instantly, keeping its own time. */
function fakeClock(): Clock {
  let now = 0;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 5, tenant: seededTenant });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.configure({ faultRate: 0, rateLimitPerMinute: null });
  sim.reset();
});

const client = () => new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token, timeoutMs: 5_000 });
/** Requests to `pathPart` answered with the fault (5xx or 429): the tries that met it. */
const faulted = (method: string, pathPart: string) =>
  sim
    .state()
    .requests.filter(
      (r) =>
        (method === '' || r.method === method) &&
        r.path.includes(pathPart) &&
        (r.status === 429 || (r.status ?? 0) >= 500),
    ).length;
const alwaysFailing: Partial<FaultSettings> = { faultRate: 1 };
/** One request a minute: after the first, every request is answered 429 for a minute. */
const alwaysLimited: Partial<FaultSettings> = { rateLimitPerMinute: 1 };
/** Sets `faults`; a rate limit's one allowed request is spent first, so every call meets 429. */
async function applyFaults(faults: Partial<FaultSettings>): Promise<void> {
  sim.configure(faults);
  if (faults.rateLimitPerMinute) await client().verify();
}
const rows = [{ line: 2, matchKey: 'new@example.com', profile: { email: 'new@example.com' } }];

/** Sends `rows` as one batch, followed when `wait`, with the default policy and a fake clock. */
function importOneBatch(wait: boolean, onEvent?: (event: RunEvent) => void) {
  return runImport({
    client: client(),
    batches: (async function* () {
      yield { index: 0, rows };
    })(),
    matchCriteria: 'email',
    concurrency: 1,
    wait,
    clock: fakeClock(),
    ...(onEvent && { onEvent }),
  });
}

describe.each([
  ['5xx', alwaysFailing, tries, (message: string) => expect(message).toMatch(gaveUp)],
  ['429', alwaysLimited, rateLimitedTries, (message: string) => expect(message).toBe(keptLimiting)],
] as const)('a server that always answers %s', (_name, faults, expectedTries, saysGaveUp) => {
  it('the token check tries as the policy says, then gives up with its sentence', async () => {
    await applyFaults(faults);
    const outcome = await callWithRetry((signal) => client().verify(signal), { clock: fakeClock() });
    expect(outcome.kind).not.toBe('ok');
    if (outcome.kind !== 'ok') saysGaveUp(failureMessage(outcome));
    expect(faulted('GET', '/auth/verify')).toBe(expectedTries);
  });

  it('a batch send tries as the policy says, then fails its rows with its sentence', async () => {
    await applyFaults(faults);
    const result = await importOneBatch(false);
    expect(result.rows).toMatchObject([{ line: 2, outcome: 'failed' }]);
    saysGaveUp(result.rows[0]?.error ?? '');
    expect(faulted('POST', '/profiles/batch')).toBe(expectedTries);
  });

  it('a batch follow tries as the policy says, then leaves the rows accepted with its sentence', async () => {
    const result = await importOneBatch(true, (event) => {
      if (event.kind === 'batch-accepted') void applyFaults(faults);
    });
    expect(result.rows).toMatchObject([{ line: 2, outcome: 'accepted' }]);
    const note = result.rows[0]?.error ?? '';
    expect(note).toMatch(/^Accepted; its outcome could not be read: /);
    saysGaveUp(note.replace(/^Accepted; its outcome could not be read: /, ''));
    expect(faulted('GET', '/batches/')).toBe(expectedTries);
  });

  it('a compare tries each look-up as the policy says, then stops with its sentence', async () => {
    await applyFaults(faults);
    const run = await runCompare({ client: client(), match: 'email', rows, clock: fakeClock() });
    expect(run.kind).toBe('failed');
    saysGaveUp((run.message ?? '').replace(/^[^:]*: /, ''));
    // GET /users/me (the throttle), then the first reference list: each tried to the policy's end.
    expect(faulted('GET', '/users/me')).toBe(expectedTries);
    expect(faulted('GET', '')).toBe(2 * expectedTries);
  });
});

describe('undo under failures', () => {
  let journalDir: string;
  beforeAll(async () => {
    journalDir = await mkdtemp(path.join(os.tmpdir(), 'retry-undo-'));
    process.env.RETRY_POLICY_TOKEN = sim.token;
  });
  afterAll(async () => {
    delete process.env.RETRY_POLICY_TOKEN;
    await rm(journalDir, { recursive: true, force: true });
  });

  it('reads and deletes as the policy says, then reports each profile failed with its sentence', async () => {
    const file = await writeCsv(compareCsv);
    const connection = ['--base-url', sim.baseUrl, '--token-env', 'RETRY_POLICY_TOKEN'];
    const run = await cli(
      'run',
      file,
      '--phone-region',
      'AU',
      '--json',
      '--compare',
      '--journal-dir',
      journalDir,
      ...connection,
    );
    const jobId = jobIdOf(run);
    sim.configure(alwaysFailing);
    await expect(
      planUndo({ client: client(), journalDir, jobId, clock: fakeClock(), concurrency: 1 }),
    ).rejects.toThrow(new RegExp(`could not read profile \\d+: Gave up after ${tries} failed tries: `));
    expect(faulted('GET', '/profiles/')).toBe(tries); // one profile read, to the policy's end
    sim.configure({ faultRate: 0 });
    const planned = await planUndo({
      client: client(),
      journalDir,
      jobId,
      clock: fakeClock(),
      concurrency: 1,
    });
    expect(planned.counts).toMatchObject({ delete: 2, restore: 2 });
    sim.configure(alwaysFailing);
    const before = faulted('', '');
    const report = await executeUndo({ client: client(), journalDir, jobId, clock: fakeClock() }, planned);
    expect(report.results.filter((r) => r.result !== null && typeof r.result === 'object')).toHaveLength(4);
    for (const { result } of report.results) {
      if (result !== null && typeof result === 'object') expect(result.failed).toMatch(gaveUp);
    }
    expect(faulted('', '') - before).toBe(4 * tries);
  });
});
