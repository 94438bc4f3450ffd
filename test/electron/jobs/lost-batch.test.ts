/**
 * A batch Omneo acknowledged and then lost (the Sandbox crashed and came back without it:
 * `GET /batches/{id}` answers 404) is settled truthfully: the job is not "completed", says its
 * rows are pending, and its resume sends them again — every row accounted for once, none lost,
 * none sent twice to the tenant that knows them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openJobToResume } from '../../../electron/jobs/job-store';
import { runJob } from '../../../electron/jobs/run-job';
import { OmneoClient } from '../../../electron/omneo/api-client';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { chunk } from '../runner/support/plan-people';
import { makeJob } from './support/make-job';

const sims: RunningSimulator[] = [];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lost-batch-'));
});
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

it('a batch answering 404 after its acknowledgement leaves the job pending; resume sends its rows once', async () => {
  // The first Sandbox holds batches a minute before processing them: it "crashes" before.
  const first = await startSimulator({ processingDelayMs: 60_000 });
  sims.push(first);
  const port = Number(new URL(first.baseUrl).port);
  const rows = Array.from({ length: 30 }, (_, i) => ({
    line: i + 2,
    matchKey: `p${i}@example.com`,
    profile: { email: `p${i}@example.com`, first_name: `P${i}` },
  }));
  const job = await makeJob({
    journalDir: dir,
    filePath: path.join(dir, 'people.csv'),
    baseUrl: first.baseUrl,
    batches: chunk(rows, 10),
  });
  const client = new OmneoClient({ baseUrl: first.baseUrl, token: first.token, timeoutMs: 5_000 });
  let accepted = 0;
  let restarted: Promise<RunningSimulator> | null = null;
  const run = runJob(job, {
    client,
    concurrency: 3,
    onCredentialsRefused: 'stop',
    onEvent: (event) => {
      if (event.kind === 'batch-accepted' && ++accepted === 3) {
        // Omneo acknowledged every batch, then came back empty on the same address.
        restarted = first.close().then(() => startSimulator({ port, processingDelayMs: 5 }));
      }
    },
  });
  const end = await run.done;
  const second = await (restarted as unknown as Promise<RunningSimulator>);
  sims.push(second);
  expect(end.summary.state).not.toBe('completed');
  expect(end.summary.counts.pending).toBe(30);
  expect(end.summary.message).toMatch(/30 rows pending/);
  expect(
    end.result.rows.every(
      (r) => r.outcome === 'accepted' && /no longer knows it \(404\)/.test(r.error ?? ''),
    ),
  ).toBe(true);

  const resumed = await openJobToResume(dir, job.spec.jobId, { baseUrl: second.baseUrl });
  const again = await runJob(resumed, { client, concurrency: 3, onCredentialsRefused: 'stop' }).done;
  expect(again.summary.state).toBe('completed');
  expect(again.report.counts).toMatchObject({ rows: 30, created: 30 });
  const sent = second.state().batches.flatMap((b) => b.items.map((i) => i.external_id));
  expect(sent.sort()).toEqual(rows.map((r) => r.matchKey).sort());
  expect(second.state().profiles).toHaveLength(30);
});
