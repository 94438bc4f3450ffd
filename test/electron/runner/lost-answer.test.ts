/**
 * A batch whose first answer was lost (the simulator queues it and drops the response) is sent
 * again; the re-send reports "updated" for the profiles the first send created. The job records
 * them `created` (confirmed by each profile's `created_at` against the batch's first send), keeps a
 * profile that existed before `updated`, and undo deletes the ones it created and restores the other.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runJob } from '../../../electron/jobs/run-job';
import { OmneoClient } from '../../../electron/omneo/api-client';
import { createdOnResendNote } from '../../../electron/runner/lost-answer';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { executeUndo, planUndo } from '../../../electron/undo/run-undo';
import { compareBeforeSending } from '../../../electron/undo/record-before-send';
import type { RunEvent } from '../../../shared/runner/run-events';
import { makeJob } from '../jobs/support/make-job';

let sim: RunningSimulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({
    processingDelayMs: 5,
    // A customer since 2020: the import updates her, whatever the re-send says.
    tenant: {
      profiles: [{ email: 'old@example.com', first_name: 'Old', created_at: '2020-01-01T00:00:00Z' }],
    },
  });
  dir = await mkdtemp(path.join(os.tmpdir(), 'lost-answer-'));
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const row = (line: number, email: string, first: string) => ({
  line,
  matchKey: email,
  profile: { email, first_name: first },
});

it('records the rows its lost first send created as created, and undo deletes them', async () => {
  const before = sim.state().profiles.map((p) => ({ email: p.email, first_name: p.first_name }));
  const client = new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token, timeoutMs: 5_000 });
  const job = await makeJob({
    journalDir: dir,
    filePath: path.join(dir, 'people.csv'),
    baseUrl: sim.baseUrl,
    batches: [
      {
        index: 0,
        rows: [
          row(2, 'ann@example.com', 'Ann'),
          row(3, 'old@example.com', 'Olive'),
          row(4, 'bo@example.com', 'Bo'),
        ],
      },
    ],
    spec: { compare: { mode: 'both' } },
  });
  const events: RunEvent[] = [];
  const run = runJob(job, {
    client,
    concurrency: 1,
    onCredentialsRefused: 'stop',
    beforeSending: (open, signal) => {
      sim.configure({ lostResponseRate: 1 }); // after the compare's look-ups: only sends lose answers
      return compareBeforeSending(open, client, signal);
    },
    onEvent: (event) => {
      events.push(event);
      if (event.kind === 'batch-retry-scheduled') sim.configure({ lostResponseRate: 0 });
    },
  });
  const end = await run.done;
  // The first send's answer was lost and the batch was sent again; both reached the tenant.
  expect(events.find((e) => e.kind === 'batch-retry-scheduled')).toMatchObject({ unknownOutcome: true });
  expect(sim.state().batches).toHaveLength(2);
  expect(sim.state().batches[1]?.items.map((i) => i.status)).toEqual(['updated', 'updated', 'updated']);

  const byLine = new Map(end.result.rows.map((r) => [r.line, r]));
  expect(byLine.get(2)).toMatchObject({ outcome: 'created', error: createdOnResendNote });
  expect(byLine.get(4)).toMatchObject({ outcome: 'created', error: createdOnResendNote });
  expect(byLine.get(3)).toMatchObject({ outcome: 'updated', error: null });
  expect(end.report.counts).toMatchObject({ created: 2, updated: 1 });

  const planned = await planUndo({ client, journalDir: dir, jobId: job.spec.jobId });
  expect(planned.counts).toMatchObject({ delete: 2, restore: 1, keep: 0 });
  const undone = await executeUndo({ client, journalDir: dir, jobId: job.spec.jobId }, planned);
  expect(undone.complete).toBe(true);
  expect(sim.state().profiles.map((p) => ({ email: p.email, first_name: p.first_name }))).toEqual(before);
});
