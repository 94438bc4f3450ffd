/**
 * The runner resuming from a journal, against the simulator: acknowledged batches are never sent
 * again, a batch with no recorded answer is re-sent and reported as such, rows Omneo rejected
 * stay out. And retry timing with a fake clock: every back-off delay within the policy's bounds.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OmneoClient } from '../../../electron/omneo/api-client';
import { runImport } from '../../../electron/runner/batch-runner';
import { JobJournal } from '../../../electron/jobs/journal';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import type { Clock } from '../../../shared/runner/clock';
import { countImport, reconcile } from '../../../shared/runner/reconcile';
import type { RunEvent } from '../../../shared/runner/run-events';
import { fixturePath } from '../../support/shared-paths';
import { chunk, planPeople, streamed } from './support/plan-people';

let dir: string;
let sim: RunningSimulator | null = null;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'runner-resume-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await sim?.close();
  sim = null;
});

const at = new Date().toISOString();
const fast = {
  retryPolicy: { backoff: { baseMs: 10, capMs: 100, maxRetries: 10 }, maxRateLimited: 100 },
  pollBackoff: { baseMs: 10, capMs: 100, maxRetries: 500 },
};

describe('resuming from the journal', () => {
  it('skips acknowledged batches, re-sends the unknown one, keeps rejected rows out', async () => {
    sim = await startSimulator({ processingDelayMs: 10 });
    const plan = planPeople(fixturePath('people-1000.csv'), 20, 80);
    const batches = chunk(plan.validRows, 20);
    expect(batches).toHaveLength(4);
    const jobDir = path.join(dir, 'job');
    await fs.mkdir(jobDir);
    const journal = await JobJournal.open(jobDir, 'job');
    const first = batches[0]!.rows;
    await journal.append({ t: 'sending', batch: 0, attempt: 1, rows: 20, at });
    await journal.append({ t: 'accepted', batch: 0, batchId: 'earlier-run', at });
    await journal.append({
      t: 'settled',
      batch: 0,
      batchId: 'earlier-run',
      items: first.map((row) => ({ line: row.line, outcome: 'created' as const, error: null })),
      at,
    });
    await journal.append({ t: 'sending', batch: 1, attempt: 1, rows: 20, at }); // crash: no answer
    const rejectedLine = batches[2]!.rows[5]!.line;
    await journal.append({ t: 'sending', batch: 2, attempt: 1, rows: 20, at });
    await journal.append({
      t: 'rows-rejected',
      batch: 2,
      rows: [{ line: rejectedLine, message: 'email: bad' }],
      at,
    });
    await journal.close();

    const reopened = await JobJournal.open(jobDir, 'job');
    const events: RunEvent[] = [];
    const result = await runImport({
      client: new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token }),
      batches: streamed(batches),
      matchCriteria: 'email',
      concurrency: 2,
      journal: reopened,
      wait: true,
      onEvent: (e) => events.push(e),
      ...fast,
    });
    await reopened.close();

    expect(events).toContainEqual({ kind: 'batch-skipped', batchIndex: 0, reason: 'already-acknowledged' });
    const sentIndexes = events.flatMap((e) => (e.kind === 'batch-sending' ? [e.batchIndex] : []));
    expect(new Set(sentIndexes)).toEqual(new Set([1, 2, 3]));
    const state = sim.state();
    expect(state.batches).toHaveLength(3);
    const sentEmails = state.profiles.map((p) => String(p.email));
    expect(sentEmails).not.toContain(first[0]!.matchKey);
    expect(sentEmails).not.toContain(batches[2]!.rows[5]!.matchKey);
    expect(sentEmails).toHaveLength(80 - 20 - 1);

    expect(result.batches.map((b) => [b.index, b.state, b.resent])).toEqual([
      [0, 'settled', false],
      [1, 'settled', true],
      [2, 'settled', false],
      [3, 'settled', false],
    ]);
    expect(result.rows.find((r) => r.line === rejectedLine)).toMatchObject({
      outcome: 'invalid',
      error: 'email: bad',
    });
    expect(
      result.rows
        .filter((r) => r.batchIndex === 0)
        .every((r) => r.outcome === 'created' && r.batchId === 'earlier-run'),
    ).toBe(true);
    expect(
      reconcile(countImport({ rows: 80, blank: 0, invalid: 0, duplicate: 0 }, result.rows)).difference,
    ).toBe(0);
  });
});

describe('retry timing with a fake clock', () => {
  it('waits within the back-off bounds after each 5xx, without real sleeping', async () => {
    sim = await startSimulator({ processingDelayMs: 0, faultRate: 0.4, seed: 11 });
    const sleeps: number[] = [];
    let fakeNow = 0;
    const clock: Clock = {
      now: () => fakeNow,
      sleep: async (ms) => {
        sleeps.push(ms);
        fakeNow += ms;
      },
    };
    const policy = { baseMs: 1_000, capMs: 8_000, maxRetries: 20 };
    const events: RunEvent[] = [];
    const plan = planPeople(fixturePath('people-1000.csv'), 10, 100);
    const started = Date.now();
    const result = await runImport({
      client: new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token }),
      batches: streamed(chunk(plan.validRows, 10)),
      matchCriteria: 'email',
      concurrency: 1,
      wait: false,
      clock,
      random: () => 0.999,
      retryPolicy: { backoff: policy, maxRateLimited: 100 },
      onEvent: (e) => events.push(e),
    });
    expect(Date.now() - started).toBeLessThan(5_000); // fake waits: minutes of back-off in no time
    expect(result.rows.every((r) => r.outcome === 'accepted')).toBe(true);
    const retries = events.flatMap((e) => (e.kind === 'batch-retry-scheduled' ? [e] : []));
    expect(retries.length).toBeGreaterThan(3);
    for (const retry of retries) {
      const prior = retries.filter(
        (r) => r.batchIndex === retry.batchIndex && r.attempt <= retry.attempt,
      ).length;
      const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (prior - 1));
      expect(retry.delayMs).toBe(Math.floor(0.999 * ceiling));
    }
    expect(sleeps).toEqual(retries.map((r) => r.delayMs));
  });
});
