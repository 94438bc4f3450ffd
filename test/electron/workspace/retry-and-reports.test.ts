/**
 * A file with every kind of row — blank, invalid, duplicate, skipped by the user, failed at Omneo,
 * created and updated: errors.csv lists exactly the rows not sent (with the original columns and
 * why), results.csv says `skipped` for the skipped row, `jobs:failed-rows` pages the same rows,
 * and `import:retry-failed` sends the failed row again once Omneo would take it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../electron/simulator/simulator';
import { checkAll, openFile, startWorkspace, valueOf, type WorkspaceHarness } from './workspace-harness';

interface Job {
  id: string;
  state: string;
  counts: Record<
    'rows' | 'blank' | 'invalid' | 'duplicate' | 'skipped' | 'created' | 'updated' | 'failed' | 'pending',
    number
  >;
}

let app: WorkspaceHarness;
let dir = '';
const csv = (name: string, lines: string[]) => {
  const file = path.join(dir, name);
  return writeFile(file, ['email,first_name,mobile_phone', ...lines].join('\n') + '\n').then(() => file);
};
const parse = (text: string) =>
  Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true })
    .data;
const sandbox = (): RunningSimulator => {
  const running = app.services.context.sandbox.running();
  if (!running) throw new Error('no sandbox');
  return running;
};

function finished(jobId: string): Promise<Job> {
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

async function importFile(file: string, skip?: { line: number; reason: string }): Promise<Job> {
  const fileId = await openFile(app, file);
  await app.call('mapping:suggest', { fileId });
  await checkAll(app, { fileId, options: { phoneRegion: 'AU' } });
  if (skip) await app.call('rows:skip', { fileId, line: skip.line, skipped: true, reason: skip.reason });
  const started = valueOf<{ job: Job }>(
    await app.call('import:start', { fileId, connectionId: 'sandbox', confirmed: true }),
  );
  return finished(started.job.id);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-every-kind-'));
  app = await startWorkspace();
  // e@ exists already, so the import updates it.
  const seeded = await importFile(await csv('seed.csv', ['e@example.com,Eve,']));
  expect(seeded.counts.created).toBe(1);
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a file with every kind of row', () => {
  let job: Job;
  beforeAll(async () => {
    const file = await csv('every-kind.csv', [
      'a@example.com,Ann,+61491570150', // 2 created
      ',,', // 3 blank
      'not-an-email,Bob,', // 4 invalid
      'a@example.com,Ann again,', // 5 duplicate of line 2
      'c@example.com,Cat,+61491570151', // 6 skipped by the user
      'd@example.com,Dan,+61491570150', // 7 failed: Omneo keeps mobile_phone unique
      'e@example.com,Eve,', // 8 updated
    ]);
    job = await importFile(file, { line: 6, reason: 'not wanted' });
  });

  it('rows = blank + rows in errors.csv + created + updated, and errors.csv says why for each', async () => {
    expect(job.counts).toMatchObject({
      rows: 7,
      blank: 1,
      invalid: 1,
      duplicate: 1,
      skipped: 1,
      failed: 1,
      created: 1,
      updated: 1,
    });
    await app.call('report:export', { of: 'job', jobId: job.id, report: 'errors' });
    const errors = parse(app.reports.at(-1)?.content ?? '');
    expect(job.counts.rows).toBe(job.counts.blank + errors.length + job.counts.created + job.counts.updated);
    expect(errors.map((r) => [r.email, r.first_name])).toEqual([
      ['not-an-email', 'Bob'],
      ['a@example.com', 'Ann again'],
      ['c@example.com', 'Cat'],
      ['d@example.com', 'Dan'],
    ]);
    expect(errors.map((r) => r.error)).toEqual([
      expect.stringMatching(/^Line 4, column A 'email'/),
      'line 5: duplicate of line 2',
      'line 6: skipped: not wanted',
      expect.stringMatching(/^line 7: .*phone number exists/i),
    ]);
    expect(errors.every((r) => Object.values(r).some((v) => v !== ''))).toBe(true);
  });

  it('results.csv gives the skipped row the status skipped', async () => {
    await app.call('report:export', { of: 'job', jobId: job.id, report: 'results' });
    const results = parse(app.reports.at(-1)?.content ?? '');
    expect(results.map((r) => [r.line, r.status, r.outcome])).toEqual([
      ['2', 'valid', 'created'],
      ['3', 'blank', 'blank'],
      ['4', 'invalid', 'invalid'],
      ['5', 'duplicate', 'duplicate'],
      ['6', 'skipped', 'skipped'],
      ['7', 'valid', 'failed'],
      ['8', 'valid', 'updated'],
    ]);
  });

  it('jobs:failed-rows pages the rows not sent with their reasons, from main', async () => {
    const page = valueOf<{
      total: number;
      failed: number;
      rows: { line: number; outcome: string; error: string }[];
    }>(await app.call('jobs:failed-rows', { jobId: job.id, offset: 1, limit: 2 }));
    expect(page).toMatchObject({ total: 4, failed: 1, offset: 1 });
    expect(page.rows).toEqual([
      // Each row names its customer, not only a line number.
      {
        line: 5,
        outcome: 'duplicate',
        error: 'duplicate of line 2',
        matchKey: 'a@example.com',
        profileId: null,
      },
      {
        line: 6,
        outcome: 'skipped',
        error: 'skipped: not wanted',
        matchKey: 'c@example.com',
        profileId: null,
      },
    ]);
  });

  it('retries the failed row as a new, confirmed job once Omneo would take it', async () => {
    const asked = valueOf<{ kind: string; confirmation: { profiles: number; message: string } }>(
      await app.call('import:retry-failed', { jobId: job.id }),
    );
    expect(asked).toMatchObject({ kind: 'needs-confirmation', confirmation: { profiles: 1 } });
    // Omneo refused it because another profile holds its phone: the confirmation says a retry
    // cannot succeed until that changes.
    expect(
      (asked.confirmation as unknown as { refusals: { code: string; rows: number; message: string }[] })
        .refusals,
    ).toEqual([
      {
        code: 'value-held',
        rows: 1,
        message: expect.stringMatching(/another Omneo profile holds its mobile phone: a retry fails again/),
      },
    ]);
    expect(
      sandbox()
        .state()
        .profiles.find((p) => p.email === 'd@example.com'),
    ).toBeUndefined();

    // Still taken: the retry fails again, and says so.
    const again = valueOf<{ kind: string; job: Job }>(
      await app.call('import:retry-failed', { jobId: job.id, confirmed: true }),
    );
    expect(again.kind).toBe('started');
    expect((await finished(again.job.id)).counts).toMatchObject({ rows: 1, failed: 1, created: 0 });

    // Ann moves to another phone; now the retry of the first job sends Dan's row.
    await importFile(await csv('move.csv', ['a@example.com,Ann,+61491570159']));
    const retried = valueOf<{ kind: string; job: Job }>(
      await app.call('import:retry-failed', { jobId: job.id, confirmed: true }),
    );
    const done = await finished(retried.job.id);
    expect(done.counts).toMatchObject({ rows: 1, created: 1, failed: 0, pending: 0 });
    const dan = sandbox()
      .state()
      .profiles.find((p) => p.email === 'd@example.com');
    expect(dan?.mobile_phone).toBe('+61491570150');
    expect(
      valueOf<{ kind: string }>(await app.call('import:retry-failed', { jobId: retried.job.id })),
    ).toMatchObject({
      kind: 'nothing-to-send',
    });
  });
});
