/**
 * The durable journal of one import job: what was sent, what Omneo acknowledged, what came back.
 *
 * A folder per job under the data directory holds `job.json` (settings, the input file's SHA-256,
 * mapping and options, written once) and `journal.jsonl`, an append-only log of batch state
 * transitions. Each line is written and fsynced BEFORE a batch is sent (`sending`) and AFTER its
 * answer (`accepted` / `rows-rejected` / `failed` / `settled`), so after a crash a replay knows, for
 * every batch, whether Omneo acknowledged it: acknowledged batches are never sent again; a batch
 * with `sending` but no answer has an unknown outcome and is sent again (safe: Omneo upserts on
 * each row's match key). A torn last line (power cut mid-write) is ignored and cut off.
 *
 * An open journal holds the job's exclusive lock (`job.lock`, see ./job-lock.ts) until it is
 * closed, so the CLI and the app, or two resumes, can never send one job's batches twice at once.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ensurePrivateFolder, openPrivateAppend, syncFolder, writePrivateFile } from '../files/private-files';
import type { RowOutcome } from '../../shared/runner/run-events';
import { acquireJobLock, JobLockedError, type JobLock } from './job-lock';

/** What the job was started with; compared on resume. */
export interface JobSettings {
  readonly version: 1;
  readonly jobId: string;
  readonly createdAt: string;
  readonly file: {
    readonly path: string;
    readonly name: string;
    readonly size: number;
    readonly sha256: string;
  };
  readonly baseUrl: string;
  readonly matchCriteria: string;
  readonly importJobId: string | null;
  readonly wait: boolean;
  /** The mapping and check options as the caller gave them (opaque to the journal). */
  readonly mapping: unknown;
  readonly options: unknown;
}

/** One row's outcome as recorded when its batch settled. */
export interface JournalItem {
  readonly line: number;
  readonly outcome: Extract<RowOutcome, 'created' | 'updated' | 'failed'>;
  readonly error: string | null;
  /** The profile created or updated (the batch item's `entity_id`); absent in older journals. */
  readonly profileId?: string;
}

/** One line of `journal.jsonl`. `at` is an ISO time. */
export type JournalEntry =
  | {
      readonly t: 'sending';
      readonly batch: number;
      readonly attempt: number;
      readonly rows: number;
      readonly at: string;
    }
  | { readonly t: 'accepted'; readonly batch: number; readonly batchId: string; readonly at: string }
  | {
      readonly t: 'rows-rejected';
      readonly batch: number;
      readonly rows: readonly { readonly line: number; readonly message: string }[];
      readonly at: string;
    }
  | {
      readonly t: 'attempt-failed';
      readonly batch: number;
      readonly reason: string;
      /** The request may have reached Omneo (no answer came): the next send repeats it. */
      readonly unknownOutcome: boolean;
      readonly at: string;
    }
  | { readonly t: 'failed'; readonly batch: number; readonly error: string; readonly at: string }
  | {
      readonly t: 'settled';
      readonly batch: number;
      readonly batchId: string;
      readonly items: readonly JournalItem[];
      readonly at: string;
    }
  | { readonly t: 'run-ended'; readonly status: string; readonly at: string };

/**
 * Where a batch stands after replaying the journal: `sending` means a send began and no answer was
 * recorded — its outcome is unknown; `pending` means the last try was refused without effect.
 */
export type JournalBatchState = 'pending' | 'sending' | 'accepted' | 'settled' | 'failed';

/** One batch as the journal remembers it. */
export interface BatchRecord {
  readonly index: number;
  readonly state: JournalBatchState;
  readonly batchId: string | null;
  /** Rows Omneo rejected (422), by line: never sent again. */
  readonly rejected: ReadonlyMap<number, string>;
  readonly items: readonly JournalItem[] | null;
  /** How many times a send began, over every run of the job. */
  readonly sends: number;
  /** A send began while an earlier one had no answer (its outcome was unknown). */
  readonly resent: boolean;
  readonly error: string | null;
}

/** Why a job can't be opened or resumed; the message names the job and what to do. */
export class JournalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalError';
  }
}

/** A summary of a past job for history lists. */
export interface JobSummary {
  readonly jobId: string;
  readonly createdAt: string;
  readonly fileName: string;
  readonly batches: { readonly acknowledged: number; readonly failed: number; readonly unknown: number };
  readonly lastStatus: string | null;
}

const settingsName = 'job.json';
const journalName = 'journal.jsonl';

/** The append-only journal of one job, open for writing. */
export class JobJournal {
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(
    readonly directory: string,
    readonly settings: JobSettings,
    private readonly handle: fs.FileHandle,
    private readonly records: Map<number, BatchRecord>,
    readonly lastStatus: string | null,
    private readonly lock: JobLock,
  ) {}

  /**
   * Creates a new job folder `<dataDir>/<jobId>` with its `job.json`, and opens its journal.
   *
   * The job id is `YYYYMMDD-HHMMSS-xxxx` (UTC time and 4 random hex digits), sortable by age.
   */
  static async create(
    dataDir: string,
    settings: Omit<JobSettings, 'version' | 'jobId' | 'createdAt'>,
  ): Promise<JobJournal> {
    const now = new Date();
    const jobId = `${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${randomBytes(2).toString('hex')}`;
    const directory = path.join(dataDir, jobId);
    await ensurePrivateFolder(dataDir);
    await ensurePrivateFolder(directory);
    const lock = await lockJob(directory, jobId);
    try {
      const full: JobSettings = { version: 1, jobId, createdAt: now.toISOString(), ...settings };
      await writePrivateFile(path.join(directory, settingsName), `${JSON.stringify(full, null, 2)}\n`, {
        durable: true,
      });
      const handle = await openPrivateAppend(path.join(directory, journalName));
      await handle.sync();
      await syncFolder(directory);
      await syncFolder(dataDir);
      return new JobJournal(directory, full, handle, new Map(), null, lock);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /**
   * Opens an existing job for resuming and takes its lock. Throws {@link JournalError} when the
   * job id is malformed, the job does not exist, its `job.json` is unreadable, or another live
   * process has it open. A torn last line is cut off so new lines append cleanly.
   */
  static async open(dataDir: string, jobId: string): Promise<JobJournal> {
    const directory = path.join(dataDir, assertJobId(jobId));
    const settings = await readSettings(directory, jobId);
    const lock = await lockJob(directory, jobId);
    try {
      const journalPath = path.join(directory, journalName);
      const text = await fs.readFile(journalPath, 'utf8').catch(() => '');
      const { entries, validLength } = parseJournal(text);
      if (validLength < Buffer.byteLength(text, 'utf8')) await fs.truncate(journalPath, validLength);
      const handle = await openPrivateAppend(journalPath);
      const lastEnd = entries.findLast((e) => e.t === 'run-ended');
      return new JobJournal(
        directory,
        settings,
        handle,
        replayJournal(entries),
        lastEnd?.t === 'run-ended' ? lastEnd.status : null,
        lock,
      );
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Refuses to resume when the input file changed since the job began. */
  assertSameFile(sha256: string): void {
    if (sha256 !== this.settings.file.sha256) {
      throw new JournalError(
        `${this.settings.file.name} has changed since job ${this.settings.jobId} started ` +
          `(SHA-256 ${sha256.slice(0, 12)}… now, ${this.settings.file.sha256.slice(0, 12)}… then); ` +
          'resuming would send different rows. Start a new import instead.',
      );
    }
  }

  /** Each batch's state as the journal knows it (batches never mentioned are absent: pending). */
  batches(): ReadonlyMap<number, BatchRecord> {
    return this.records;
  }

  /**
   * Appends one entry and fsyncs it; resolves once it is on disk. Entries are written in call order.
   */
  append(entry: JournalEntry): Promise<void> {
    const previous = this.records.get('batch' in entry ? entry.batch : -1);
    if ('batch' in entry) this.records.set(entry.batch, applyEntry(previous, entry));
    const write = this.#queue.then(async () => {
      await this.handle.write(`${JSON.stringify(entry)}\n`);
      await this.handle.datasync();
    });
    this.#queue = write.catch(() => undefined);
    return write;
  }

  /** Waits for pending writes, closes the file and releases the job's lock. Safe to call twice. */
  async close(): Promise<void> {
    await this.#queue;
    if (!this.#closed) {
      this.#closed = true;
      await this.handle.close();
    }
    await this.lock.release();
  }
}

/** Parses `journal.jsonl`; stops at the first unreadable line (a torn write) and says where. */
export function parseJournal(text: string): { entries: JournalEntry[]; validLength: number } {
  const entries: JournalEntry[] = [];
  let offset = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    if (end === -1) break;
    const line = text.slice(offset, end);
    try {
      if (line.trim() !== '') entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      break;
    }
    offset = end + 1;
  }
  return { entries, validLength: Buffer.byteLength(text.slice(0, offset), 'utf8') };
}

/** Folds journal entries into each batch's latest state. */
export function replayJournal(entries: readonly JournalEntry[]): Map<number, BatchRecord> {
  const records = new Map<number, BatchRecord>();
  for (const entry of entries) {
    if ('batch' in entry) records.set(entry.batch, applyEntry(records.get(entry.batch), entry));
  }
  return records;
}

function applyEntry(
  previous: BatchRecord | undefined,
  entry: Exclude<JournalEntry, { t: 'run-ended' }>,
): BatchRecord {
  const base: BatchRecord = previous ?? {
    index: entry.batch,
    state: 'sending',
    batchId: null,
    rejected: new Map(),
    items: null,
    sends: 0,
    resent: false,
    error: null,
  };
  switch (entry.t) {
    case 'sending':
      return {
        ...base,
        state: 'sending',
        sends: base.sends + 1,
        // a send that began while the last one never got an answer repeats it
        resent: base.resent || (previous !== undefined && previous.state === 'sending'),
      };
    case 'accepted':
      return { ...base, state: 'accepted', batchId: entry.batchId, error: null };
    case 'attempt-failed':
      return entry.unknownOutcome ? base : { ...base, state: 'pending' };
    case 'rows-rejected': {
      const rejected = new Map(base.rejected);
      for (const row of entry.rows) rejected.set(row.line, row.message);
      return { ...base, state: 'pending', rejected };
    }
    case 'failed':
      return { ...base, state: 'failed', error: entry.error };
    case 'settled':
      return { ...base, state: 'settled', batchId: entry.batchId, items: entry.items };
  }
}

/** Lists the jobs under `dataDir`, newest first; unreadable folders are skipped. */
export async function listJobs(dataDir: string): Promise<JobSummary[]> {
  const names = await fs.readdir(dataDir).catch(() => [] as string[]);
  const jobs: JobSummary[] = [];
  for (const name of names.sort().reverse()) {
    const directory = path.join(dataDir, name);
    try {
      const settings = await readSettings(directory, name);
      const text = await fs.readFile(path.join(directory, journalName), 'utf8').catch(() => '');
      const { entries } = parseJournal(text);
      const records = [...replayJournal(entries).values()];
      const lastEnd = entries.findLast((e) => e.t === 'run-ended');
      jobs.push({
        jobId: settings.jobId,
        createdAt: settings.createdAt,
        fileName: settings.file.name,
        batches: {
          acknowledged: records.filter((r) => r.state === 'accepted' || r.state === 'settled').length,
          failed: records.filter((r) => r.state === 'failed').length,
          unknown: records.filter((r) => r.state === 'sending').length,
        },
        lastStatus: lastEnd?.t === 'run-ended' ? lastEnd.status : null,
      });
    } catch {
      continue;
    }
  }
  return jobs;
}

/** Every readable entry of a job's journal, without its lock (undo reads what was created, and when). */
export async function readJournalEntries(dataDir: string, jobId: string): Promise<JournalEntry[]> {
  const file = path.join(dataDir, assertJobId(jobId), journalName);
  return parseJournal(await fs.readFile(file, 'utf8').catch(() => '')).entries;
}

/** Reads a job's `job.json` without opening its journal; throws {@link JournalError} like `open`. */
export async function readJobSettings(dataDir: string, jobId: string): Promise<JobSettings> {
  return readSettings(path.join(dataDir, assertJobId(jobId)), jobId);
}

/**
 * The shape of a job id, `YYYYMMDD-HHMMSS-xxxx` as {@link JobJournal.create} makes it; anything
 * else (a path such as `../../etc`) is refused before it touches the file system.
 */
export const jobIdPattern = /^\d{8}-\d{6}-[0-9a-f]{4}$/;

/** Returns `jobId` when it has the job id shape; throws {@link JournalError} otherwise. */
export function assertJobId(jobId: string): string {
  if (!jobIdPattern.test(jobId)) {
    throw new JournalError(
      `"${jobId}" is not a job id: job ids look like 20250131-093000-ab12 (as printed when the job started).`,
    );
  }
  return jobId;
}

/** Takes the job's lock, as a {@link JournalError} when another process holds it. */
async function lockJob(directory: string, jobId: string): Promise<JobLock> {
  try {
    return await acquireJobLock(directory, jobId);
  } catch (error) {
    if (error instanceof JobLockedError) throw new JournalError(error.message);
    throw error;
  }
}

async function readSettings(directory: string, jobId: string): Promise<JobSettings> {
  let text: string;
  try {
    text = await fs.readFile(path.join(directory, settingsName), 'utf8');
  } catch {
    throw new JournalError(`No import job "${jobId}" in ${path.dirname(directory)}.`);
  }
  try {
    const settings = JSON.parse(text) as JobSettings;
    if (settings.version !== 1 || typeof settings.file?.sha256 !== 'string') throw new Error('shape');
    return settings;
  } catch {
    throw new JournalError(
      `The settings of job "${jobId}" (${path.join(directory, settingsName)}) are unreadable.`,
    );
  }
}
