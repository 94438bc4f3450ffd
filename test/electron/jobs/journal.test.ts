/**
 * The job's record on disk: journal replay, a torn last line cut while a corrupt or non-object
 * line stops the job naming its line (never cut short), a truncated job.json said so, and the job
 * and sender locks — one holder at a time, a stale lock taken over atomically.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJobSpec } from '../../../electron/jobs/job-folder';
import { acquireJobLock, acquireSenderLock, lockFileName } from '../../../electron/jobs/job-lock';
import { JobJournal, JournalError, parseJournal } from '../../../electron/jobs/journal';
import { hashFile } from '../../../electron/runner/file-hash';
import { replayJournal, type JournalEntry } from '../../../electron/runner/run-journal';
import { fixturePath } from '../../support/shared-paths';
import { closeJob, makeJob } from './support/make-job';

let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'journal-test-'));
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

const at = '2025-01-01T00:00:00.000Z';
let made = 0;
/** A fresh job (its own file path, so sender locks never meet), closed. */
async function newJob(): Promise<{ jobId: string; directory: string }> {
  made += 1;
  const job = await makeJob({ journalDir: dataDir, filePath: `/tmp/people-${made}.csv` });
  await closeJob(job);
  return { jobId: job.spec.jobId, directory: job.directory };
}

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
  const good = `${JSON.stringify({ t: 'sending', batch: 0, attempt: 1, rows: 1, at })}\n`;
  it('leaves out a torn last line (no newline after it) and reports the valid length', () => {
    expect(parseJournal(`${good}{"t":"acc`)).toEqual({
      entries: [JSON.parse(good)],
      validLength: good.length,
    });
    expect(parseJournal(good).validLength).toBe(good.length);
  });

  it.each([
    ['corrupt bytes', '{"t":"accepted","ba\u0000tch'],
    ['a JSON value that is not an object', '42'],
    ['an array', '[1,2]'],
    ['an object that is not an entry', '{"hello":"world"}'],
    ['an entry with no batch', '{"t":"accepted","batchId":"b"}'],
  ])('stops at a complete line holding %s, naming its line number', (_name, bad) => {
    const accepted = `${JSON.stringify({ t: 'accepted', batch: 0, batchId: 'b-0', at })}\n`;
    const text = `${good}${bad}\n${accepted}`;
    expect(() => parseJournal(text, 'journal.jsonl')).toThrow(JournalError);
    expect(() => parseJournal(text, 'journal.jsonl')).toThrow(/journal\.jsonl line 2 is not a journal entry/);
  });
});

describe('JobJournal', () => {
  it('appends durably, survives a torn line and replays on open', async () => {
    const { jobId, directory } = await newJob();
    const journal = await JobJournal.open(directory, jobId);
    await journal.append({ t: 'sending', batch: 0, attempt: 1, rows: 2, at });
    await journal.append({ t: 'accepted', batch: 0, batchId: 'b-0', at });
    await journal.append({ t: 'sending', batch: 1, attempt: 1, rows: 2, at });
    await journal.close();

    const file = path.join(directory, 'journal.jsonl');
    await fs.appendFile(file, '{"t":"accepted","batch":1,"bat'); // a crash mid-write

    const reopened = await JobJournal.open(directory, jobId);
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
    const third = await JobJournal.open(directory, jobId);
    expect(third.batches().get(1)).toMatchObject({
      state: 'accepted',
      batchId: 'b-1',
      resent: true,
      sends: 2,
    });
    expect(third.lastStatus).toBe('completed');
    await third.close();
  });

  it('refuses to open a journal with a damaged line in the middle, and leaves the file as it was', async () => {
    const { jobId, directory } = await newJob();
    const file = path.join(directory, 'journal.jsonl');
    const lines = [
      JSON.stringify({ t: 'sending', batch: 0, attempt: 1, rows: 2, at }),
      'not json at all',
      JSON.stringify({ t: 'accepted', batch: 0, batchId: 'b-0', at }),
    ];
    await fs.writeFile(file, `${lines.join('\n')}\n`);
    await expect(JobJournal.open(directory, jobId)).rejects.toThrow(
      /journal\.jsonl line 2 is not a journal entry/,
    );
    expect(await fs.readFile(file, 'utf8')).toBe(`${lines.join('\n')}\n`);
    // the lock was released: the next open meets the same damage, not a lock
    await expect(JobJournal.open(directory, jobId)).rejects.toThrow(/line 2/);
  });

  it('names a missing job, a truncated job.json and an empty one', async () => {
    await expect(readJobSpec(dataDir, '20250101-000000-abcd')).rejects.toThrow(
      /No import job "20250101-000000-abcd"/,
    );
    const { jobId, directory } = await newJob();
    const spec = path.join(directory, 'job.json');
    const text = await fs.readFile(spec, 'utf8');
    await fs.writeFile(spec, text.slice(0, Math.floor(text.length / 2)));
    await expect(readJobSpec(dataDir, jobId)).rejects.toThrow(/job\.json, is truncated/);
    await fs.writeFile(spec, '');
    await expect(readJobSpec(dataDir, jobId)).rejects.toThrow(/job\.json, is empty/);
  });

  it.each(['../../etc', 'no-such-job', '20250101-000000-ABCD/..', ''])(
    'refuses %j as a job id before touching the disk',
    async (jobId) => {
      await expect(readJobSpec(dataDir, jobId)).rejects.toThrow(/is not a job id/);
    },
  );
});

describe('job lock', () => {
  it('lets one opener hold a job: a second open is refused naming the holder, until the first closes', async () => {
    const { jobId, directory } = await newJob();
    const journal = await JobJournal.open(directory, jobId);
    await expect(JobJournal.open(directory, jobId)).rejects.toThrow(
      new RegExp(`Job ${jobId} is already being sent by`),
    );
    await journal.close();
    const reopened = await JobJournal.open(directory, jobId);
    const opens = await Promise.allSettled([
      JobJournal.open(directory, jobId),
      JobJournal.open(directory, jobId),
    ]);
    expect(opens.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    await reopened.close();
    await reopened.close(); // closing twice is harmless
    const once = await Promise.allSettled([
      JobJournal.open(directory, jobId),
      JobJournal.open(directory, jobId),
    ]);
    expect(once.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of once) if (o.status === 'fulfilled') await o.value.close();
  });

  it('takes over a lock left by a process that is gone, but not one from another host', async () => {
    const { jobId, directory } = await newJob();
    const lockFile = path.join(directory, lockFileName);
    // a pid that cannot be running: above the kernel's pid_max (4194304 at most on Linux)
    const dead = { pid: 2 ** 22 + 12345, hostname: os.hostname(), startedAt: at };
    await fs.writeFile(lockFile, JSON.stringify(dead));
    const taken = await JobJournal.open(directory, jobId);
    expect(JSON.parse(await fs.readFile(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    await taken.close();
    await expect(fs.stat(lockFile)).rejects.toThrow(/ENOENT/);

    await fs.writeFile(lockFile, JSON.stringify({ ...dead, hostname: 'another-host' }));
    await expect(JobJournal.open(directory, jobId)).rejects.toThrow(/another-host.*delete .*job\.lock/s);
    await fs.rm(lockFile);
  });

  it('takes a stale lock over atomically: of many openers at once, exactly one holds it', async () => {
    for (let round = 0; round < 20; round++) {
      const directory = path.join(dataDir, `stale-${round}`);
      await fs.mkdir(directory);
      const dead = { pid: 2 ** 22 + 777, hostname: os.hostname(), startedAt: at, nonce: `n${round}` };
      await fs.writeFile(path.join(directory, lockFileName), JSON.stringify(dead));
      const opens = await Promise.allSettled(
        Array.from({ length: 32 }, (_, i) =>
          new Promise((resolve) => setTimeout(resolve, i % 4)).then(() =>
            acquireJobLock(directory, `stale-${round}`),
          ),
        ),
      );
      const held = opens.filter((o) => o.status === 'fulfilled');
      expect(held, `round ${round}`).toHaveLength(1);
      for (const o of held) await o.value.release();
    }
  });

  it('lets one start of a file to one tenant at a time', async () => {
    const first = await acquireSenderLock(dataDir, '/tmp/same.csv', 'http://127.0.0.1:1/api/v3');
    await expect(acquireSenderLock(dataDir, '/tmp/same.csv', 'http://127.0.0.1:1/api/v3')).rejects.toThrow(
      /same\.csv is already being sent to http:\/\/127\.0\.0\.1:1\/api\/v3/,
    );
    const other = await acquireSenderLock(dataDir, '/tmp/same.csv', 'http://127.0.0.1:2/api/v3');
    await first.release();
    await other.release();
  });

  it('hashes a real file with SHA-256', async () => {
    const one = await hashFile(fixturePath('customers-100.csv'));
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashFile(fixturePath('customers-100.csv'))).toBe(one);
    expect(await hashFile(fixturePath('customers-1000.csv'))).not.toBe(one);
  });
});
