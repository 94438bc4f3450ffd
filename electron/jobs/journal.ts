/**
 * A job's journal file, `journal.jsonl`: the append-only log of the runner's batch entries (see
 * electron/runner/run-journal.ts), each written and fsynced before the runner goes on.
 *
 * An open journal holds the job's exclusive lock (`job.lock`, ./job-lock.ts) until it is closed.
 *
 * Reading never cuts a journal short silently: only a torn last line (a write cut by a crash: no
 * newline after it) is dropped. Any complete line that is not a journal entry (corrupt bytes, a
 * JSON value that is not an entry object) stops the job with {@link JournalError} naming the file
 * and the line number, so the batches Omneo accepted — recorded after that line — are never sent
 * again by mistake.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  applyEntry,
  journalEntryKinds,
  replayJournal,
  type BatchRecord,
  type JournalEntry,
  type RunJournal,
} from '../runner/run-journal';
import { openPrivateAppend } from '../files/private-files';
import { acquireJobLock, JobLockedError, type JobLock } from './job-lock';

/**
 * Why a job can't be made, opened, resumed or retried; the message names the job or file and what
 * to do. `reason`: `not-found` (no such job), `conflict` (another sender holds it, or it cannot go
 * on as asked), `damaged` (its record is unreadable), `other-tenant` (asked to resume it against
 * another base URL).
 */
export class JournalError extends Error {
  constructor(
    message: string,
    readonly reason: 'not-found' | 'conflict' | 'damaged' | 'other-tenant' = 'conflict',
  ) {
    super(message);
    this.name = 'JournalError';
  }
}

/** The journal file's name inside a job folder. */
export const journalFileName = 'journal.jsonl';

/** A journal file read back: its entries, the length of the complete lines, and the last run's status. */
export interface ParsedJournal {
  readonly entries: JournalEntry[];
  /** Bytes up to the end of the last complete line (a torn last line lies beyond it). */
  readonly validLength: number;
}

/** The journal of one job, open for writing (and holding the job's lock). */
export class JobJournal implements RunJournal {
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(
    readonly directory: string,
    private readonly handle: fs.FileHandle,
    private readonly records: Map<number, BatchRecord>,
    /** The status the last run ended with (`completed`, `cancelled`, …), or null. */
    readonly lastStatus: string | null,
    private readonly lock: JobLock,
  ) {}

  /**
   * Opens (creating when absent) the journal in `directory` and takes the job's lock. Throws
   * {@link JournalError} when another live process holds the job, or when a line is corrupt (see
   * the module comment). A torn last line is cut off so new lines append cleanly.
   */
  static async open(directory: string, jobId: string): Promise<JobJournal> {
    const lock = await lockJob(directory, jobId);
    try {
      const file = path.join(directory, journalFileName);
      const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      const { entries, validLength } = parseJournal(text, file);
      if (validLength < Buffer.byteLength(text, 'utf8')) await fs.truncate(file, validLength);
      const handle = await openPrivateAppend(file);
      if (text === '') await handle.sync();
      const lastEnd = entries.findLast((e) => e.t === 'run-ended');
      return new JobJournal(
        directory,
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

  batches(): ReadonlyMap<number, BatchRecord> {
    return this.records;
  }

  /**
   * Appends one entry and fsyncs it; resolves once it is on disk. Entries are written in call
   * order. Rejects (e.g. ENOSPC, EROFS) when it cannot be written.
   */
  append(entry: JournalEntry): Promise<void> {
    if ('batch' in entry) this.records.set(entry.batch, applyEntry(this.records.get(entry.batch), entry));
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
      await this.handle.close().catch(() => undefined);
    }
    await this.lock.release().catch(() => undefined);
  }
}

/**
 * Parses journal text. A last line with no newline after it is a torn write and is left out
 * (`validLength` ends before it). Throws {@link JournalError} naming `file` and the 1-based line
 * for any complete line that is not a journal entry.
 */
export function parseJournal(text: string, file = journalFileName): ParsedJournal {
  const entries: JournalEntry[] = [];
  let offset = 0;
  let lineNumber = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    if (end === -1) break;
    lineNumber += 1;
    const line = text.slice(offset, end);
    if (line.trim() !== '') {
      const entry = entryOf(line);
      if (!entry) {
        throw new JournalError(
          `${file} line ${lineNumber} is not a journal entry (${describeLine(line)}). The job's record ` +
            'is damaged there; nothing was sent. Restore that line (or remove it if you know what it held) to go on.',
          'damaged',
        );
      }
      entries.push(entry);
    }
    offset = end + 1;
  }
  return { entries, validLength: Buffer.byteLength(text.slice(0, offset), 'utf8') };
}

function entryOf(line: string): JournalEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const entry = value as { t?: unknown; batch?: unknown };
  if (typeof entry.t !== 'string' || !journalEntryKinds.has(entry.t)) return null;
  if (entry.t !== 'run-ended' && (typeof entry.batch !== 'number' || !Number.isInteger(entry.batch)))
    return null;
  return value as JournalEntry;
}

function describeLine(line: string): string {
  const shown = line.length > 40 ? `${line.slice(0, 40)}…` : line;
  return `it reads ${JSON.stringify(shown)}`;
}

/** Reads and parses a job's journal without opening it for writing; throws like {@link parseJournal}. */
export async function readJournal(directory: string): Promise<ParsedJournal> {
  const file = path.join(directory, journalFileName);
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return parseJournal(text, file);
}

/**
 * Every entry of job `jobId`'s journal under `journalDir`, without its lock (undo reads what was
 * created, and when). Throws {@link JournalError} for a damaged line, like {@link parseJournal}.
 */
export async function readJournalEntries(journalDir: string, jobId: string): Promise<JournalEntry[]> {
  return (await readJournal(path.join(journalDir, jobId))).entries;
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
