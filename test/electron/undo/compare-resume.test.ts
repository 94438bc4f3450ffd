/**
 * A job run with a mode keeps it: interrupted during its compare and resumed without --mode it
 * still sends by the mode it started with (recorded in its spec); resumed with another mode it is
 * refused.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobFromFile } from '../../../electron/jobs/job-from-file';
import { openJobToResume } from '../../../electron/jobs/job-store';
import { JobNotStartedError, runJob } from '../../../electron/jobs/run-job';
import { OmneoClient } from '../../../electron/omneo/api-client';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { compareBeforeSending } from '../../../electron/undo/record-before-send';
import { cli } from '../compare/cli-harness';
import { seededTenant, writeCsv } from '../compare/compare-fixture';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 5, tenant: seededTenant });
  process.env.COMPARE_RESUME_TOKEN = sim.token;
});
afterAll(async () => {
  delete process.env.COMPARE_RESUME_TOKEN;
  await sim.close();
});

describe('a compared job resumed', () => {
  it('keeps the mode it started with after an interrupted compare, and refuses another', async () => {
    const journalDir = await fs.mkdtemp(path.join(os.tmpdir(), 'compare-resume-'));
    const rows = Array.from({ length: 250 }, (_, i) => `new${i}@example.com,New`);
    const file = await writeCsv(['Email,First Name', 'ann@example.com,Annie', ...rows].join('\n'));
    const client = new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token });
    const made = await jobFromFile({
      journalDir,
      path: file,
      read: {},
      mapping: 'auto',
      overrides: [],
      options: {},
      baseUrl: client.baseUrl,
      importJobId: null,
      wait: true,
      compare: { mode: 'create' },
    });
    if (made.kind !== 'ready') throw new Error(made.message);
    const jobId = made.job.spec.jobId;
    const first = runJob(made.job, {
      client,
      concurrency: 2,
      onCredentialsRefused: 'stop',
      beforeSending: (job, signal) => compareBeforeSending(job, client, signal, () => first.interrupt()),
    });
    const stopped = await first.done.then(
      () => null,
      (error: unknown) => error,
    );
    expect(stopped).toBeInstanceOf(JobNotStartedError);
    expect((stopped as JobNotStartedError).interrupted).toBe(true);
    expect(sim.state().batches).toHaveLength(0);

    const other = await cli(
      'run',
      '--resume',
      jobId,
      '--mode',
      'update',
      '--journal-dir',
      journalDir,
      '--base-url',
      sim.baseUrl,
      '--token-env',
      'COMPARE_RESUME_TOKEN',
    );
    expect(other.code).toBe(2);
    expect(other.err).toContain('was started with --mode create');

    const resumed = runJob(await openJobToResume(journalDir, jobId), {
      client,
      concurrency: 2,
      onCredentialsRefused: 'stop',
      beforeSending: (job, signal) => compareBeforeSending(job, client, signal),
    });
    expect((await resumed.done).summary.state).toBe('completed');
    const sent = sim.state().batches.flatMap((b) => b.items.map((i) => i.external_id));
    expect(sent).toHaveLength(250);
    expect(sent).not.toContain('ann@example.com');
    expect(sim.state().profiles.find((p) => p.email === 'ann@example.com')?.first_name).toBe('Ann');
  });
});
