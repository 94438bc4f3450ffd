import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JobJournal,
  JournalError,
  listJobs,
  readJobSettings,
  parseJournal,
  replayJournal,
  type JournalEntry,
} from '../../../electron/runner/journal';
import { hashFile } from '../../../electron/runner/file-hash';
import { lockFileName } from '../../../electron/runner/job-lock';
import { fixturePath } from '../../support/shared-paths';

let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'journal-test-'));
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

const at = '2025-01-01T00:00:00.000Z';
const settings = {
  file: { path: '/tmp/people.csv', name: 'people.csv', size: 10, sha256: 'a'.repeat(64) },
  baseUrl: 'http://127.0.0.1:1/api/v3',
  matchCriteria: 'email',
  importJobId: null,
  wait: true,
  mapping: { Email: 'email' },
  options: { batchSize: 500 },
};

describe('replayJournal', () => {
  const cases: [string, JournalEntry[], object][] = [
    [
      'sending with no answer is unknown',
      [{ t: 'sending', batch: 0, attempt: 1, rows: 5, at }],
      { state: 'sending', sends: 1, resent: false },
    ],
    [
      'a second send after no answer is a re-send',
      [
        { t: 'sending', batch: 0, attempt: 1, rows: 5, at },
        { t: 'attempt-failed', batch: 0, reason: 'network-error', unknownOutcome: true, at },
        { t: 'sending', batch: 0, attempt: 2, rows: 5, at },
        { t: 'accepted', batch: 0, batchId: 'b1', at },
      ],
      { state: 'accepted', batchId: 'b1', sends: 2, resent: true },
    ],
    [
      'a retry after a refused send is not a re-send',
      [
        { t: 'sending', batch: 0, attempt: 1, rows: 5, at },
        { t: 'attempt-failed', batch: 0, reason: 'server-error', unknownOutcome: false, at },
        { t: 'sending', batch: 0, attempt: 2, rows: 5, at },
      ],
      { state: 'sending', sends: 2, resent: false },
    ],
    [
      'rejected rows are remembered and the batch is pending',
      [
        { t: 'sending', batch: 0, attempt: 1, rows: 5, at },
        { t: 'rows-rejected', batch: 0, rows: [{ line: 4, message: 'bad email' }], at },
      ],
      { state: 'pending', rejected: new Map([[4, 'bad email']]) },
    ],
    [
      'settled keeps item outcomes',
      [
        { t: 'sending', batch: 0, attempt: 1, rows: 1, at },
        { t: 'accepted', batch: 0, batchId: 'b1', at },
        { t: 'settled', batch: 0, batchId: 'b1', items: [{ line: 2, outcome: 'created', error: null }], at },
      ],
      { state: 'settled', items: [{ line: 2, outcome: 'created', error: null }] },
    ],
  ];
  it.each(cases)('%s', (_name, entries, expected) => {
    expect(replayJournal(entries).get(0)).toMatchObject(expected);
  });
});

describe('parseJournal', () => {
  it('stops at a torn last line and reports the valid length', () => {
    const good = `${JSON.stringify({ t: 'sending', batch: 0, attempt: 1, rows: 1, at })}\n`;
    expect(parseJournal(`${good}{"t":"acc`)).toEqual({
      entries: [JSON.parse(good)],
      validLength: good.length,
    });
    expect(parseJournal(good).validLength).toBe(good.length);
  });
});

describe('JobJournal', () => {
  it('creates a job, appends durably, survives a torn line and replays on open', async () => {
    const journal = await JobJournal.create(dataDir, settings);
    expect(journal.settings.jobId).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4}$/);
    await journal.append({ t: 'sending', batch: 0, attempt: 1, rows: 2, at });
    await journal.append({ t: 'accepted', batch: 0, batchId: 'b-0', at });
    await journal.append({ t: 'sending', batch: 1, attempt: 1, rows: 2, at });
    await journal.close();

    const file = path.join(journal.directory, 'journal.jsonl');
    await fs.appendFile(file, '{"t":"accepted","batch":1,"bat'); // a crash mid-write

    const reopened = await JobJournal.open(dataDir, journal.settings.jobId);
    expect(reopened.settings).toEqual(journal.settings);
    expect(reopened.batches().get(0)).toMatchObject({ state: 'accepted', batchId: 'b-0' });
    expect(reopened.batches().get(1)).toMatchObject({ state: 'sending' });
    await reopened.append({ t: 'sending', batch: 1, attempt: 1, rows: 2, at });
    await reopened.append({ t: 'accepted', batch: 1, batchId: 'b-1', at });
    await reopened.append({ t: 'run-ended', status: 'completed', at });
    await reopened.close();

    const text = await fs.readFile(file, 'utf8');
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .every((line) => JSON.parse(line)),
    ).toBe(true);
    const third = await JobJournal.open(dataDir, journal.settings.jobId);
    expect(third.batches().get(1)).toMatchObject({
      state: 'accepted',
      batchId: 'b-1',
      resent: true,
      sends: 2,
    });
    expect(third.lastStatus).toBe('completed');
    await third.close();

    const jobs = await listJobs(dataDir);
    expect(jobs.find((j) => j.jobId === journal.settings.jobId)).toMatchObject({
      fileName: 'people.csv',
      batches: { acknowledged: 2, failed: 0, unknown: 0 },
      lastStatus: 'completed',
    });
  });

  it('refuses to resume when the input file changed', async () => {
    const journal = await JobJournal.create(dataDir, settings);
    expect(() => journal.assertSameFile('b'.repeat(64))).toThrow(JournalError);
    expect(() => journal.assertSameFile('b'.repeat(64))).toThrow(/people\.csv has changed since job/);
    expect(() => journal.assertSameFile('a'.repeat(64))).not.toThrow();
    await journal.close();
  });

  it('names a missing job clearly', async () => {
    await expect(JobJournal.open(dataDir, '20250101-000000-abcd')).rejects.toThrow(
      /No import job "20250101-000000-abcd"/,
    );
  });

  it.each(['../../etc', 'no-such-job', '20250101-000000-ABCD/..', ''])(
    'refuses %j as a job id before touching the disk',
    async (jobId) => {
      await expect(JobJournal.open(dataDir, jobId)).rejects.toThrow(/is not a job id/);
      await expect(readJobSettings(dataDir, jobId)).rejects.toThrow(JournalError);
    },
  );
});

describe('job lock', () => {
  it('lets one opener hold a job: a second open is refused naming the holder, until the first closes', async () => {
    const journal = await JobJournal.create(dataDir, settings);
    const jobId = journal.settings.jobId;
    await expect(JobJournal.open(dataDir, jobId)).rejects.toThrow(
      new RegExp(`Job ${jobId} is already being sent by process ${process.pid} on ${os.hostname()}`),
    );
    await journal.close();
    const reopened = await JobJournal.open(dataDir, jobId);
    const opens = await Promise.allSettled([
      JobJournal.open(dataDir, jobId),
      JobJournal.open(dataDir, jobId),
    ]);
    expect(opens.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    await reopened.close();
    await reopened.close(); // closing twice is harmless
    const once = await Promise.allSettled([JobJournal.open(dataDir, jobId), JobJournal.open(dataDir, jobId)]);
    expect(once.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of once) if (o.status === 'fulfilled') await o.value.close();
  });

  it('takes over a lock left by a process that is gone, but not one from another host', async () => {
    const journal = await JobJournal.create(dataDir, settings);
    const jobId = journal.settings.jobId;
    await journal.close();
    const lockFile = path.join(journal.directory, lockFileName);
    // a pid that cannot be running: above the kernel's pid_max (4194304 at most on Linux)
    const dead = { pid: 2 ** 22 + 12345, hostname: os.hostname(), startedAt: at };
    await fs.writeFile(lockFile, JSON.stringify(dead));
    const taken = await JobJournal.open(dataDir, jobId);
    expect(JSON.parse(await fs.readFile(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    await taken.close();
    await expect(fs.stat(lockFile)).rejects.toThrow(/ENOENT/);

    await fs.writeFile(lockFile, JSON.stringify({ ...dead, hostname: 'another-host' }));
    await expect(JobJournal.open(dataDir, jobId)).rejects.toThrow(/another-host.*delete .*job\.lock/s);
    await fs.rm(lockFile);
  });

  it('hashes a real file with SHA-256', async () => {
    const one = await hashFile(fixturePath('customers-100.csv'));
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashFile(fixturePath('customers-100.csv'))).toBe(one);
    expect(await hashFile(fixturePath('customers-1000.csv'))).not.toBe(one);
  });
});
