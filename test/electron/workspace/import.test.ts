import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../electron/simulator/simulator';
import { casePath, fixturePath } from '../../support/shared-paths';
import {
  bucketTotal as total,
  checkAll,
  openFile,
  startWorkspace,
  valueOf,
  type Job,
  type WorkspaceHarness,
} from './workspace-harness';

function finished(app: WorkspaceHarness, jobId: string): Promise<Job> {
  return new Promise((resolve) => {
    const unsubscribe = app.services.events.subscribe((event, payload) => {
      const job = (payload as { job?: Job }).job;
      if (event === 'job:finished' && job?.id === jobId) {
        unsubscribe();
        resolve(job);
      }
    });
  });
}

function parseCsv(content: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(content.replace(/^\ufeff/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

const sandbox = (app: WorkspaceHarness): RunningSimulator => {
  const running = app.services.context.sandbox.running();
  if (!running) throw new Error('the Sandbox is not running');
  return running;
};

describe('case 20 fixed in place, a row skipped, imported into the Sandbox', () => {
  let app: WorkspaceHarness;
  let fileId: string;
  beforeAll(async () => {
    app = await startWorkspace();
    fileId = await openFile(app, casePath('20-phone-scientific-notation.csv'));
  });
  afterAll(() => app.close());

  it('refuses to import before a check', async () => {
    expect(valueOf(await app.call('import:preview', { fileId, connectionId: 'sandbox' }))).toMatchObject({
      kind: 'not-checked',
    });
  });

  let job: Job;
  it('checks, fixes line 2, skips line 3, confirms and imports', async () => {
    await app.call('mapping:suggest', { fileId });
    const checked = valueOf<{ summary: { invalid: number; valid: number } }>(
      await checkAll(app, { fileId, options: {} }),
    );
    expect(checked.summary).toMatchObject({ valid: 1, invalid: 2 });
    const fixed = valueOf<{ row: { status: string } }>(
      await app.call('rows:edit', { fileId, line: 2, column: 2, value: '+61 491 570 156' }),
    );
    expect(fixed.row.status).toBe('valid');
    await app.call('rows:skip', { fileId, line: 3, skipped: true, reason: 'phone lost by Excel' });

    const preview = valueOf<{ kind: string; confirmation: { message: string; profiles: number } }>(
      await app.call('import:preview', { fileId, connectionId: 'sandbox' }),
    );
    expect(preview.confirmation.message).toBe(
      '2 profiles in 1 batch to Sandbox (built-in simulator); 1 skipped by you.',
    );
    const started = valueOf<{ kind: string; job: Job }>(
      await app.call('import:start', { fileId, connectionId: 'sandbox', confirmed: true }),
    );
    expect(started.kind).toBe('started');
    // edits and skips wait while the job sends the rows
    const locked = await app.call('rows:skip', { fileId, line: 2, skipped: true });
    expect(locked.ok || (!locked.ok && locked.error.code === 'conflict')).toBe(true);
    job = await finished(app, started.job.id);
    expect(job.state).toBe('completed');
    expect(job.counts).toMatchObject({ rows: 3, created: 2, skipped: 1, invalid: 0, failed: 0, pending: 0 });
    expect(total(job.counts)).toBe(job.counts.rows);
  });

  it('sent the edited phone, and nothing of the skipped row', async () => {
    const profiles = sandbox(app).state().profiles;
    expect(profiles.map((p) => p.email).sort()).toEqual([
      'ana.example@example.com',
      'chloe.test@example.com',
    ]);
    expect(profiles.find((p) => p.email === 'ana.example@example.com')?.mobile_phone).toBe('+61491570156');
  });

  it('exports results.csv with every row, and errors.csv with the skipped row and its reason', async () => {
    const results = valueOf<{ kind: string; rows: number }>(
      await app.call('report:export', { of: 'job', jobId: job.id, report: 'results' }),
    );
    expect(results).toMatchObject({ kind: 'download', rows: 3 });
    const rows = parseCsv(app.reports.at(-1)?.content ?? '');
    expect(rows.map((r) => [r.line, r.status, r.outcome])).toEqual([
      ['2', 'valid', 'created'],
      ['3', 'skipped', 'skipped'],
      ['4', 'valid', 'created'],
    ]);
    const errors = valueOf<{ rows: number }>(
      await app.call('report:export', { of: 'job', jobId: job.id, report: 'errors' }),
    );
    expect(errors.rows).toBe(1);
    const errorRows = parseCsv(app.reports.at(-1)?.content ?? '');
    expect(errorRows).toEqual([
      expect.objectContaining({
        email: 'bruno.sample@example.com',
        error: 'line 3: skipped: phone lost by Excel',
      }),
    ]);
  });

  it('lists the job in the history with counts that add up', async () => {
    const list = valueOf<{ jobs: Job[] }>(await app.call('jobs:list'));
    expect(list.jobs[0]).toMatchObject({
      id: job.id,
      state: 'completed',
      resumable: false,
      counts: job.counts,
    });
  });

  it('never shows the Sandbox token in a reply, an event or the log', () => {
    const token = sandbox(app).token;
    expect(token.length).toBeGreaterThan(10);
    expect(app.seen.filter((line) => line.includes(token))).toEqual([]);
  });
});

describe('customers-1000 with the automatic mapping and region US', () => {
  let app: WorkspaceHarness;
  beforeAll(async () => {
    app = await startWorkspace();
  });
  afterAll(() => app.close());

  it('sends every sendable row; every other row is in errors.csv with its reason; counts add up to 1,000', async () => {
    const fileId = await openFile(app, fixturePath('customers-1000.csv'));
    await app.call('mapping:suggest', { fileId });
    const checked = valueOf<{ summary: { rows: number; valid: number; invalid: number } }>(
      await checkAll(app, { fileId, options: { phoneRegion: 'US' } }),
    );
    expect(checked.summary.rows).toBe(1000);
    const problems = valueOf<{ rows: number }>(
      await app.call('report:export', { of: 'file', fileId, report: 'problems' }),
    );
    const problemRows = parseCsv(app.reports.at(-1)?.content ?? '');
    expect(problemRows).toHaveLength(problems.rows);
    expect(problemRows.filter((r) => r.status === 'invalid')).toHaveLength(checked.summary.invalid);

    const started = valueOf<{ job: Job }>(
      await app.call('import:start', { fileId, connectionId: 'sandbox', confirmed: true }),
    );
    const job = await finished(app, started.job.id);
    expect(total(job.counts)).toBe(1000);
    expect(job.counts.created + job.counts.updated).toBe(checked.summary.valid - job.counts.failed);
    expect(sandbox(app).state().profiles).toHaveLength(job.counts.created);

    await app.call('report:export', { of: 'job', jobId: job.id, report: 'errors' });
    const errors = parseCsv(app.reports.at(-1)?.content ?? '');
    expect(errors).toHaveLength(job.counts.invalid + job.counts.failed);
    expect(errors.filter((r) => !/[Ll]ine \d+/.test(r.error ?? ''))).toEqual([]);
    const progress = app.events.filter((e) => e.event === 'import:progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(app.events.some((e) => e.event === 'batch:settled')).toBe(true);
  });
});
