/**
 * A job run tells one ending. A gentle stop (Ctrl+C, the app's Cancel) follows the batches Omneo
 * had acknowledged with a runner of its own; its "completed" used to follow the run's "cancelled",
 * so the CLI printed "run cancelled" then "run completed" before its resume hint.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runJob } from '../../../electron/jobs/run-job';
import { OmneoClient } from '../../../electron/omneo/api-client';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import type { RunEvent } from '../../../shared/runner/run-events';
import { chunk } from '../runner/support/plan-people';
import { makeJob } from './support/make-job';

let sim: RunningSimulator;
let dir: string;
beforeAll(async () => {
  // Batches wait 1.5 s to be processed: a stop right after the first acknowledgement must follow it.
  sim = await startSimulator({ processingDelayMs: 1_500 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'job-ending-'));
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

it('a gentle stop with acknowledged batches still processing ends once, "cancelled"', async () => {
  const rows = Array.from({ length: 40 }, (_, i) => ({
    line: i + 2,
    matchKey: `p${i}@example.com`,
    profile: { email: `p${i}@example.com`, first_name: `P${i}` },
  }));
  const job = await makeJob({
    journalDir: dir,
    filePath: path.join(dir, 'people.csv'),
    baseUrl: sim.baseUrl,
    batches: chunk(rows, 10),
  });
  const events: RunEvent[] = [];
  const run = runJob(job, {
    client: new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token, timeoutMs: 5_000 }),
    concurrency: 1,
    onCredentialsRefused: 'stop',
    onEvent: (event) => {
      events.push(event);
      if (event.kind === 'batch-accepted') run.interrupt();
    },
  });
  const end = await run.done;
  expect(events.filter((e) => e.kind === 'finished')).toEqual([
    { kind: 'finished', status: 'cancelled', elapsedMs: end.result.elapsedMs },
  ]);
  // The acknowledged batch was followed to its outcome before that one ending.
  expect(events.findIndex((e) => e.kind === 'batch-settled')).toBeLessThan(
    events.findIndex((e) => e.kind === 'finished'),
  );
  expect(end.result.rows.filter((r) => r.outcome === 'created')).toHaveLength(10);
  expect(end.result.rows.filter((r) => r.outcome === 'not-sent')).toHaveLength(30);
});
