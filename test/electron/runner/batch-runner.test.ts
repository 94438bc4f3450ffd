/**
 * The batch runner against the real Omneo simulator over loopback (no mocked fetch): happy path,
 * 429 storms, 5xx, dropped connections, lost responses, a revoked token, and a 422.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OmneoClient } from '../../../electron/omneo/api-client';
import { runImport, startImport, type RunImportOptions } from '../../../electron/runner/batch-runner';
import { createdOnResendNote } from '../../../electron/runner/lost-answer';
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../electron/simulator/simulator';
import type { PlannedRow } from '../../../shared/engine/check-result';
import { countImport, reconcile } from '../../../shared/runner/reconcile';
import type { RunEvent, RunResult } from '../../../shared/runner/run-events';
import { fixturePath } from '../../support/shared-paths';
import { chunk, planPeople, streamed } from './support/plan-people';

const fast = {
  retryPolicy: { backoff: { baseMs: 20, capMs: 200, maxRetries: 10 }, maxRateLimited: 100 },
  pollBackoff: { baseMs: 20, capMs: 200, maxRetries: 500 },
};

let sim: RunningSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function simulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  sim = await startSimulator({ processingDelayMs: 20, seed: 7, ...options });
  return sim;
}

function run(
  s: RunningSimulator,
  rows: readonly PlannedRow[],
  batchSize: number,
  extra: Partial<RunImportOptions> = {},
) {
  const events: RunEvent[] = [];
  const options: RunImportOptions = {
    client: new OmneoClient({ baseUrl: s.baseUrl, token: s.token, timeoutMs: 5_000 }),
    batches: streamed(chunk(rows, batchSize)),
    matchCriteria: 'email',
    concurrency: 4,
    wait: true,
    onEvent: (event) => events.push(event),
    ...fast,
    ...extra,
  };
  return { events, options };
}

/** Every valid row is in the simulator exactly once, and nothing else is. */
function expectEachRowOnce(s: RunningSimulator, rows: readonly PlannedRow[]): void {
  const emails = s.state().profiles.map((p) => String(p.email));
  expect(emails.length).toBe(rows.length);
  expect(new Set(emails)).toEqual(new Set(rows.map((r) => r.matchKey)));
}

/** Each row handed to the runner has exactly one result, and the counts reconcile. */
function expectReconciled(
  result: RunResult,
  rows: readonly PlannedRow[],
  extra = { rows: rows.length, blank: 0, invalid: 0, duplicate: 0 },
) {
  expect(result.rows.map((r) => r.line)).toEqual(rows.map((r) => r.line).sort((a, b) => a - b));
  expect(reconcile(countImport(extra, result.rows)).difference).toBe(0);
}

const kinds = (events: RunEvent[], kind: RunEvent['kind']) => events.filter((e) => e.kind === kind);

describe('runImport against the simulator', () => {
  it('imports people-10000.csv: every valid row once, all created, report reconciles', async () => {
    const plan = planPeople(fixturePath('people-10000.csv'), 500);
    expect(plan.duplicateLines.length).toBeGreaterThan(0);
    const s = await simulator();
    const { events, options } = run(s, plan.validRows, 500, {
      totalBatches: plan.batches.length,
      totalRows: plan.validRows.length,
    });
    const result = await runImport(options);
    expect(result.status).toBe('completed');
    expectEachRowOnce(s, plan.validRows);
    expect(result.rows.every((r) => r.outcome === 'created' && r.batchId !== null)).toBe(true);
    expect(result.batches).toHaveLength(plan.batches.length);
    expect(result.batches.every((b) => b.state === 'settled' && !b.resent)).toBe(true);
    const counts = countImport(
      { rows: plan.rows, blank: 0, invalid: 0, duplicate: plan.duplicateLines.length },
      result.rows,
    );
    expect(counts.created).toBe(plan.validRows.length);
    expect(reconcile(counts).difference).toBe(0);
    const progress = kinds(events, 'progress').at(-1);
    expect(progress).toMatchObject({
      rowsSent: plan.validRows.length,
      batchesAcknowledged: plan.batches.length,
      etaSeconds: 0,
    });
    // batches start in file order
    const starts = kinds(events, 'batch-sending').map((e) =>
      e.kind === 'batch-sending' ? e.batchIndex : -1,
    );
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('rides out a 429 storm: honours Retry-After, lowers concurrency, loses nothing', async () => {
    const plan = planPeople(fixturePath('people-1000.csv'), 25, 600);
    const s = await simulator({ rateLimitPerMinute: 600 });
    const { events, options } = run(s, plan.validRows, 25, { concurrency: 8 });
    const result = await runImport(options);
    expect(result.status).toBe('completed');
    const retries = kinds(events, 'batch-retry-scheduled');
    expect(
      retries.some(
        (e) => e.kind === 'batch-retry-scheduled' && e.reason === 'rate-limited' && e.delayMs >= 1_000,
      ),
    ).toBe(true);
    expect(
      kinds(events, 'concurrency-changed').some((e) => e.kind === 'concurrency-changed' && e.limit < 8),
    ).toBe(true);
    expect(s.state().requests.some((r) => r.status === 429)).toBe(true);
    expectEachRowOnce(s, plan.validRows);
    expectReconciled(result, plan.validRows);
    expect(result.rows.every((r) => r.outcome === 'created')).toBe(true);
  });

  it('retries 10% 5xx answers with back-off', async () => {
    const plan = planPeople(fixturePath('people-1000.csv'), 50);
    const s = await simulator({ faultRate: 0.1 });
    const { events, options } = run(s, plan.validRows, 50);
    const result = await runImport(options);
    expect(s.state().requests.filter((r) => r.status !== null && r.status >= 500).length).toBeGreaterThan(0);
    expect(
      kinds(events, 'batch-retry-scheduled').some(
        (e) => e.kind === 'batch-retry-scheduled' && e.reason === 'server-error',
      ),
    ).toBe(true);
    expectEachRowOnce(s, plan.validRows);
    expectReconciled(result, plan.validRows);
    expect(result.rows.every((r) => r.outcome === 'created')).toBe(true);
  });

  it('re-sends after dropped connections', async () => {
    const plan = planPeople(fixturePath('people-1000.csv'), 50);
    const s = await simulator({ dropConnectionRate: 0.1 });
    const { events, options } = run(s, plan.validRows, 50);
    const result = await runImport(options);
    expect(s.state().requests.some((r) => r.outcome === 'dropped')).toBe(true);
    expect(
      kinds(events, 'batch-retry-scheduled').some(
        (e) => e.kind === 'batch-retry-scheduled' && e.reason === 'network-error',
      ),
    ).toBe(true);
    expectEachRowOnce(s, plan.validRows);
    expectReconciled(result, plan.validRows);
    expect(result.rows.every((r) => r.outcome === 'created' || r.outcome === 'updated')).toBe(true);
  });

  it('re-sends a batch whose answer was lost, and says so', async () => {
    const plan = planPeople(fixturePath('people-1000.csv'), 100);
    const s = await simulator({ lostResponseRate: 0.3 });
    const { options } = run(s, plan.validRows, 100);
    const result = await runImport(options);
    expect(s.state().requests.some((r) => r.outcome === 'lost-response')).toBe(true);
    const resent = result.batches.filter((b) => b.resent);
    expect(resent.length).toBeGreaterThan(0);
    expect(resent.every((b) => b.sends >= 2 && b.state === 'settled')).toBe(true);
    expectEachRowOnce(s, plan.validRows);
    expectReconciled(result, plan.validRows);
    // the lost send created the profiles; the re-send said "updated", and the job tells the truth
    const resentRows = result.rows.filter((r) => resent.some((b) => b.index === r.batchIndex));
    expect(resentRows.every((r) => r.outcome === 'created' && r.error === createdOnResendNote)).toBe(true);
  });

  it('pauses when the token is revoked mid-run and resumes with a new one', async () => {
    const plan = planPeople(fixturePath('people-1000.csv'), 50);
    const s = await simulator({ revokeTokenAfter: 12 });
    const { events, options } = run(s, plan.validRows, 50);
    const handle = startImport({
      ...options,
      onEvent: (event) => {
        events.push(event);
        if (event.kind === 'paused') {
          setTimeout(() => {
            s.configure({ token: 'fresh-token' });
            handle.resume(options.client.withToken('fresh-token'));
          }, 50);
        }
      },
    });
    const result = await handle.done;
    expect(kinds(events, 'paused')).toEqual([
      expect.objectContaining({
        kind: 'paused',
        reason: 'credentials',
        message: expect.stringContaining('401'),
      }),
    ]);
    expect(kinds(events, 'resumed')).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(s.token);
    expect(result.status).toBe('completed');
    expectEachRowOnce(s, plan.validRows);
    expectReconciled(result, plan.validRows);
  });

  it('a late 401 to the old token, after a resume with a new one, does not pause the run again', async () => {
    const plan = planPeople(fixturePath('people-1000.csv'), 50);
    // four batches in flight when the token is revoked: their 401s come back one after another
    const s = await simulator({ revokeTokenAfter: 6, latencyMs: 120 });
    const { events, options } = run(s, plan.validRows, 50);
    const handle = startImport({
      ...options,
      onEvent: (event) => {
        events.push(event);
        if (event.kind === 'paused') {
          s.configure({ token: 'fresh-token' });
          handle.resume(options.client.withToken('fresh-token')); // at once, before the other 401s
        }
      },
    });
    const result = await handle.done;
    expect(kinds(events, 'paused')).toHaveLength(1);
    expect(result.status).toBe('completed');
    expectEachRowOnce(s, plan.validRows);
    expectReconciled(result, plan.validRows);
  });

  it('a 422 naming three bad rows in a batch of 500 sends the other 497', async () => {
    const plan = planPeople(fixturePath('people-1000.csv'), 500);
    const bad = new Set([3, 250, 499]);
    const rows = plan.validRows
      .slice(0, 500)
      .map((row, i) =>
        bad.has(i) ? { ...row, profile: { ...row.profile, email: `not-an-email-${i}` } } : row,
      );
    const s = await simulator();
    const { events, options } = run(s, rows, 500);
    const result = await runImport(options);
    const rejected = kinds(events, 'batch-rejected-rows');
    expect(rejected).toHaveLength(1);
    const badLines = [...bad].map((i) => rows[i]!.line);
    const invalid = result.rows.filter((r) => r.outcome === 'invalid');
    expect(invalid.map((r) => r.line)).toEqual(badLines);
    expect(invalid[0]?.error).toMatch(/email: .*valid email address/);
    const good = rows.filter((_r, i) => !bad.has(i));
    expectEachRowOnce(s, good);
    expectReconciled(result, rows);
    expect(result.rows.filter((r) => r.outcome === 'created')).toHaveLength(497);
  });

  it('with wait=false, rows end as accepted and are counted', async () => {
    const plan = planPeople(fixturePath('people-1000.csv'), 100, 300);
    const s = await simulator();
    const { options } = run(s, plan.validRows, 100, { wait: false });
    const result = await runImport(options);
    expect(result.rows.every((r) => r.outcome === 'accepted' && r.batchId)).toBe(true);
    expect(s.state().requests.filter((r) => r.path.startsWith('/api/v3/batches/'))).toHaveLength(0);
    await s.idle();
    expectEachRowOnce(s, plan.validRows);
    expectReconciled(result, plan.validRows);
  });

  it('cancel stops sending; unsent rows are accounted for as not sent', async () => {
    const plan = planPeople(fixturePath('people-1000.csv'), 20);
    const s = await simulator({ latencyMs: 30 });
    const controller = new AbortController();
    const { options } = run(s, plan.validRows, 20, {
      concurrency: 1,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.kind === 'batch-accepted' && event.batchIndex === 2) controller.abort();
      },
    });
    const result = await runImport(options);
    expect(result.status).toBe('cancelled');
    expectReconciled(result, plan.validRows);
    const notSent = result.rows.filter((r) => r.outcome === 'not-sent');
    expect(notSent.length).toBeGreaterThan(plan.validRows.length - 100);
    const sent = result.rows.filter((r) => r.outcome !== 'not-sent').length;
    await s.idle();
    expect(s.state().profiles.length).toBeLessThanOrEqual(sent);
  });
});
