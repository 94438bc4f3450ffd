import { appendFile, copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../support/shared-paths';
import {
  bucketTotal as total,
  checkAll,
  openFile,
  startWorkspace,
  valueOf,
  type Job,
  type WorkspaceHarness,
} from './workspace-harness';

/** Resolves with the payload of the next event matching `test`. */
function nextEvent<T>(app: WorkspaceHarness, name: string, test: (payload: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const unsubscribe = app.services.events.subscribe((event, payload) => {
      if (event === name && test(payload as T)) {
        unsubscribe();
        resolve(payload as T);
      }
    });
  });
}

const finished = (app: WorkspaceHarness, jobId: string) =>
  nextEvent<{ job: Job }>(app, 'job:finished', (p) => p.job.id === jobId).then((p) => p.job);
const batchSettled = (app: WorkspaceHarness, jobId: string) =>
  nextEvent<{ jobId: string; batch: { state: string } }>(
    app,
    'batch:settled',
    (p) => p.jobId === jobId && p.batch.state === 'settled',
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sendsOf = (app: WorkspaceHarness, jobId: string) =>
  app.events.filter((e) => {
    const p = e.payload as { jobId?: string; batch?: { state: string } };
    return e.event === 'batch:settled' && p.jobId === jobId && p.batch?.state === 'sending';
  }).length;

/** Batches whose latest state is `sending`: requests in flight, whose answers are still due. */
const inFlightOf = (app: WorkspaceHarness, jobId: string) => {
  const latest = new Map<number, string>();
  for (const e of app.events) {
    const p = e.payload as { jobId?: string; batch?: { index: number; state: string } };
    if (e.event === 'batch:settled' && p.jobId === jobId && p.batch) latest.set(p.batch.index, p.batch.state);
  }
  return [...latest.values()].filter((state) => state === 'sending').length;
};

/** Waits until no request of the job is in flight (a loaded machine can take seconds). */
async function untilNoneInFlight(app: WorkspaceHarness, jobId: string): Promise<void> {
  for (let waited = 0; inFlightOf(app, jobId) > 0; waited += 50) {
    if (waited > 20_000) throw new Error('batches still in flight after 20 s');
    await sleep(50);
  }
}

/**
 * Opens, maps automatically and checks a file; answers the file id and the valid rows. Invalid
 * phones (most datablist numbers are random digits no one can dial) are left out of their
 * profiles rather than refusing the rows; batches of 100 make ~100 of them, so a pause or cancel
 * after the first settled batch always finds batches still to send, however fast the machine.
 */
async function checked(app: WorkspaceHarness, file: string): Promise<{ fileId: string; valid: number }> {
  const fileId = await openFile(app, file);
  await app.call('mapping:suggest', { fileId });
  const result = valueOf<{ summary: { valid: number } }>(
    await checkAll(app, { fileId, options: { phoneRegion: 'US', batchSize: 100, onInvalidValue: 'drop' } }),
  );
  return { fileId, valid: result.summary.valid };
}

async function start(app: WorkspaceHarness, fileId: string): Promise<Job> {
  return valueOf<{ job: Job }>(
    await app.call('import:start', { fileId, connectionId: 'sandbox', confirmed: true }),
  ).job;
}

describe('pause, resume and cancel of people-10000 in the Sandbox', () => {
  let app: WorkspaceHarness;
  let fileId: string;
  let valid: number;
  beforeAll(async () => {
    app = await startWorkspace({ sandboxOptions: { processingDelayMs: 5, latencyMs: 40 } });
    ({ fileId, valid } = await checked(app, fixturePath('people-10000.csv')));
  });
  afterAll(() => app.close());

  it('pauses (no new batch starts), resumes, and completes with every row accounted for', async () => {
    const job = await start(app, fileId);
    await batchSettled(app, job.id);
    const paused = valueOf<{ job: Job }>(await app.call('import:pause', { jobId: job.id })).job;
    expect(paused).toMatchObject({ state: 'paused', resumable: true });
    await untilNoneInFlight(app, job.id); // batches in flight get their answers
    const sendsWhilePaused = sendsOf(app, job.id);
    await sleep(300);
    expect(sendsOf(app, job.id)).toBe(sendsWhilePaused);
    const progress = app.events.filter((e) => e.event === 'import:progress').at(-1)?.payload;
    expect(progress).toMatchObject({ waiting: 'paused' });

    const done = finished(app, job.id);
    expect(valueOf<{ job: Job }>(await app.call('import:resume', { jobId: job.id })).job.state).toBe(
      'running',
    );
    const end = await done;
    expect(end.state).toBe('completed');
    expect(end.counts).toMatchObject({ rows: 10_000, duplicate: 64, pending: 0 });
    expect(end.counts.created + end.counts.updated + end.counts.failed).toBe(valid);
    expect(total(end.counts)).toBe(10_000);
  });

  let cancelled: Job;
  it('cancels: unsent rows are pending, counts still add up, the history says so', async () => {
    const job = await start(app, fileId);
    await batchSettled(app, job.id);
    cancelled = valueOf<{ job: Job }>(await app.call('import:cancel', { jobId: job.id })).job;
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.counts.pending).toBeGreaterThan(0);
    expect(total(cancelled.counts)).toBe(10_000);
    const list = valueOf<{ jobs: Job[] }>(await app.call('jobs:list'));
    expect(list.jobs.find((j) => j.id === job.id)).toMatchObject({
      state: 'cancelled',
      resumable: true,
      counts: cancelled.counts,
    });
    expect(await app.call('import:pause', { jobId: job.id })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('resumes the cancelled job from the journal and sends only what was left', async () => {
    const done = finished(app, cancelled.id);
    await app.call('jobs:resume', { jobId: cancelled.id });
    const end = await done;
    expect(end.state).toBe('completed');
    expect(end.counts.pending).toBe(0);
    expect(end.counts.created + end.counts.updated + end.counts.failed).toBe(valid);
    const skipped = app.events.filter((e) => {
      const p = e.payload as { jobId?: string; batch?: { message: string | null } };
      return p.jobId === cancelled.id && p.batch?.message === 'Already sent before the job was resumed.';
    });
    expect(skipped.length).toBeGreaterThan(0);
  });
});

describe('an import interrupted by a restart, resumed from the history', () => {
  let dataDir: string;
  let folder: string;
  let file: string;
  let jobId: string;
  let valid: number;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'omneo-resume-'));
    file = path.join(folder, 'people.csv');
    await copyFile(fixturePath('people-10000.csv'), file);
    const first = await startWorkspace({ sandboxOptions: { processingDelayMs: 5, latencyMs: 40 } });
    dataDir = first.dataDir;
    const opened = await checked(first, file);
    valid = opened.valid;
    const job = await start(first, opened.fileId);
    jobId = job.id;
    await batchSettled(first, jobId);
    await first.call('import:pause', { jobId });
    await sleep(400);
    await first.close(true); // the app quits with the job unfinished
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the job as interrupted and resumable after the restart', async () => {
    const app = await startWorkspace({}, dataDir);
    try {
      const job = valueOf<{ jobs: Job[] }>(await app.call('jobs:list')).jobs.find((j) => j.id === jobId);
      expect(job).toMatchObject({ state: 'interrupted', resumable: true });
      expect(job?.counts.created).toBeGreaterThan(0);
      expect(job && total(job.counts)).toBe(10_000);
    } finally {
      await app.close(true);
    }
  });

  it('resumes in new services over the same data folder: every valid row ends in the Sandbox once, as checked', async () => {
    // The file changes on disk after the check: the job sends the rows it checked, never the change.
    await appendFile(file, '10001,x,Late,Row,Male,late.row@example.org,,2000-01-01,Tester\n');
    const app = await startWorkspace({}, dataDir);
    try {
      const done = finished(app, jobId);
      const resumed = valueOf<{ job: Job }>(await app.call('jobs:resume', { jobId })).job;
      expect(resumed.state).toBe('running');
      const end = await done;
      expect(end.state).toBe('completed');
      expect(end.counts.created + end.counts.updated + end.counts.failed).toBe(valid);
      expect(total(end.counts)).toBe(10_000);
      const profiles = app.services.context.sandbox.running()?.state().profiles ?? [];
      expect(profiles).toHaveLength(end.counts.created);
      expect(profiles.map((p) => String(p.email))).not.toContain('late.row@example.org');
      const token = app.services.context.sandbox.running()?.token ?? '';
      expect(app.seen.filter((line) => line.includes(token))).toEqual([]);
      expect(await app.call('jobs:resume', { jobId })).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
    } finally {
      await app.close(true);
    }
  });
});

describe('a Sandbox that rate-limits and fails 10% of requests', () => {
  let app: WorkspaceHarness;
  beforeAll(async () => {
    app = await startWorkspace({
      sandboxOptions: { processingDelayMs: 5, faultRate: 0.1, rateLimitPerMinute: 1200, seed: 7 },
    });
  });
  afterAll(() => app.close());

  it('still completes with every row accounted for, retries shown as waiting, not as failures', async () => {
    const fileId = await openFile(app, fixturePath('people-1000.csv'));
    await app.call('mapping:suggest', { fileId });
    const check = valueOf<{ summary: { valid: number } }>(
      await checkAll(app, { fileId, options: { phoneRegion: 'US', batchSize: 50 } }),
    );
    const job = await start(app, fileId);
    const end = await finished(app, job.id);
    expect(end.state).toBe('completed');
    expect(total(end.counts)).toBe(1000);
    expect(end.counts.pending).toBe(0);
    expect(end.counts.created + end.counts.updated + end.counts.failed).toBe(check.summary.valid);
    const waits = app.events
      .filter((e) => e.event === 'batch:settled')
      .map((e) => (e.payload as { batch: { state: string } }).batch.state)
      .filter((state) => state === 'retrying' || state === 'rate-limited');
    expect(waits.length).toBeGreaterThan(0);
  });
});

describe('a cancel while Omneo is still processing acknowledged batches', () => {
  let app: WorkspaceHarness;
  let fileId: string;
  beforeAll(async () => {
    // Slow processing: batches are acknowledged long before they settle, as in the tester's run.
    app = await startWorkspace({ sandboxOptions: { processingDelayMs: 400, latencyMs: 20 } });
    fileId = await openFile(app, fixturePath('people-10000.csv'));
    await app.call('mapping:suggest', { fileId });
    await checkAll(app, { fileId, options: { phoneRegion: 'US', batchSize: 20 } });
  });
  afterAll(() => app.close());

  it('follows the acknowledged batches to their outcome, and the message agrees with the counts', async () => {
    const job = await start(app, fileId);
    await nextEvent<{ jobId: string; batch: { state: string } }>(
      app,
      'batch:settled',
      (p) => p.jobId === job.id && p.batch.state === 'accepted',
    );
    const cancelled = valueOf<{ job: Job }>(await app.call('import:cancel', { jobId: job.id })).job;
    expect(cancelled.state).toBe('cancelled');
    // Acknowledged before the cancel means processed by Omneo: the results say what it did.
    expect(cancelled.counts.created + cancelled.counts.updated).toBeGreaterThan(0);
    expect(total(cancelled.counts)).toBe(10_000);
    const notSent = Number(
      /^([\d,]+) rows? (?:was|were) not sent/.exec(cancelled.message ?? '')?.[1]?.replace(/,/g, ''),
    );
    const unknown = Number(
      /([\d,]+) rows? reached Omneo/.exec(cancelled.message ?? '')?.[1]?.replace(/,/g, '') ?? 0,
    );
    expect(notSent + unknown).toBe(cancelled.counts.pending);
    expect(app.services.context.sandbox.running()?.state().profiles.length).toBe(cancelled.counts.created);
  });
});
