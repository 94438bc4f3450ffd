/**
 * The rows of a job as they were checked, kept in its folder: `batches.jsonl` (one planned batch a
 * line — every row's line, match key and profile exactly as sent) and `rows.jsonl` (every input
 * row's verdict, for the reports).
 *
 * A job sends from these, never from the input file again: a file edited, replaced or deleted
 * after the check cannot change what is sent, a resume sends the very batches the journal counts,
 * and either front end can resume, retry or report any job from its folder alone.
 *
 * A job is made in `<jobs>/<jobId>.partial/` ({@link JobDraft}) and renamed into place once its
 * rows and spec are on disk, so the history never sees half a job.
 */
import { once } from 'node:events';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { PlannedBatch } from '../../shared/engine/check-result';
import type { CheckedRow } from '../../shared/report/report-rows';
import { ensurePrivateFolder, syncFolder } from '../files/private-files';
import { asDiskError, jobFiles, newJobId, writeFileDurably } from './job-folder';
import { jobSpecSchema, jobSpecVersion, type JobSpec, type JobSpecInput } from './job-spec';
import { JournalError } from './journal';

/** Bytes buffered before a write. */
const flushBytes = 1 << 20;

/**
 * A JSON Lines file written in large chunks behind the caller (so a check can add rows from a
 * synchronous callback), fsynced on close; disk errors name the folder and surface on close.
 */
class LineWriter {
  #pending: string[] = [];
  #bytes = 0;
  #writing: Promise<void> = Promise.resolve();
  #error: unknown = null;

  private constructor(
    private readonly handle: fs.FileHandle,
    private readonly folder: string,
  ) {}

  static async open(file: string): Promise<LineWriter> {
    try {
      return new LineWriter(await fs.open(file, 'w', 0o600), path.dirname(file));
    } catch (error) {
      throw asDiskError(error, path.dirname(file));
    }
  }

  add(line: string): void {
    this.#pending.push(line, '\n');
    this.#bytes += line.length + 1;
    if (this.#bytes >= flushBytes) this.#flush();
  }

  /** Resolves once every line added so far is handed to the file (errors surface on close). */
  async written(): Promise<void> {
    this.#flush();
    await this.#writing;
  }

  async close(): Promise<void> {
    try {
      this.#flush();
      await this.#writing;
      if (this.#error) throw this.#error;
      await this.handle.sync();
    } catch (error) {
      throw asDiskError(error, this.folder);
    } finally {
      await this.handle.close().catch(() => undefined);
    }
  }

  #flush(): void {
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    this.#bytes = 0;
    this.#writing = this.#writing.then(async () => {
      if (this.#error) return;
      try {
        await this.handle.write(text);
      } catch (error) {
        this.#error = error;
      }
    });
  }
}

/** A job being made: its rows are written as they are checked; {@link commit} makes it a job. */
export class JobDraft {
  #batchCount = 0;
  #closed = false;

  private constructor(
    readonly journalDir: string,
    readonly jobId: string,
    readonly directory: string,
    private readonly batches: LineWriter,
    private readonly rows: LineWriter,
  ) {}

  /** Starts a job under `journalDir` (created if missing). Throws `JobDiskError`. */
  static async create(journalDir: string): Promise<JobDraft> {
    const jobId = newJobId();
    const directory = path.join(journalDir, `${jobId}.partial`);
    try {
      await ensurePrivateFolder(directory);
    } catch (error) {
      throw asDiskError(error, journalDir);
    }
    const batches = await LineWriter.open(path.join(directory, jobFiles.batches));
    const rows = await LineWriter.open(path.join(directory, jobFiles.rows));
    return new JobDraft(journalDir, jobId, directory, batches, rows);
  }

  /** Batches added so far. */
  get batchCount(): number {
    return this.#batchCount;
  }

  /**
   * Resolves once the rows and batches added so far are handed to the disk: a caller adding
   * millions of rows awaits this now and then, so they are not all held as text first.
   */
  async written(): Promise<void> {
    await Promise.all([this.batches.written(), this.rows.written()]);
  }

  /** Records one input row's verdict (in file order). */
  addRow(row: CheckedRow): void {
    this.rows.add(JSON.stringify(row));
  }

  /**
   * Records one batch as it will be sent. A batch that cannot be written as JSON (a value nested
   * too deep, a cycle) is kept with its lines and a `problem`, so the run fails its rows with that
   * reason instead of the process failing.
   */
  addBatch(batch: PlannedBatch): void {
    this.#batchCount += 1;
    let line: string;
    try {
      line = JSON.stringify({ index: batch.index, rows: batch.rows });
    } catch (error) {
      const problem = `This batch cannot be sent: a value in it cannot be written as JSON (${error instanceof Error ? error.message : String(error)}).`;
      const rows = batch.rows.map((row) => ({ line: row.line, matchKey: row.matchKey, profile: {} }));
      line = JSON.stringify({ index: batch.index, rows, problem });
    }
    this.batches.add(line);
  }

  /**
   * Writes the spec and moves the job into place; answers the spec as written. Throws
   * `JobDiskError` when the disk refuses (the draft is then removed).
   */
  async commit(input: JobSpecInput): Promise<{ spec: JobSpec; directory: string }> {
    const spec = jobSpecSchema.parse({
      ...input,
      version: jobSpecVersion,
      jobId: this.jobId,
      createdAt: new Date().toISOString(),
    });
    const directory = path.join(this.journalDir, this.jobId);
    try {
      await this.#closeWriters();
      await writeFileDurably(path.join(this.directory, jobFiles.spec), `${JSON.stringify(spec, null, 2)}\n`);
      await syncFolder(this.directory);
      await fs.rename(this.directory, directory).catch((error: unknown) => {
        throw asDiskError(error, this.journalDir);
      });
      await syncFolder(this.journalDir);
    } catch (error) {
      await this.discard();
      throw error;
    }
    return { spec, directory };
  }

  /** Removes the draft (the file was not sendable, or the check was interrupted). */
  async discard(): Promise<void> {
    await this.#closeWriters().catch(() => undefined);
    await fs.rm(this.directory, { recursive: true, force: true }).catch(() => undefined);
  }

  async #closeWriters(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([this.batches.close(), this.rows.close()]);
  }
}

/** A batch as the job keeps it; `problem` says why it cannot be sent (its rows then fail). */
export type SnapshotBatch = PlannedBatch & { readonly problem?: string };

/** The job's batches in order, one at a time. Throws {@link JournalError} for a damaged line. */
export async function* readBatches(directory: string): AsyncGenerator<SnapshotBatch> {
  for await (const value of readLines(path.join(directory, jobFiles.batches))) {
    yield value as SnapshotBatch;
  }
}

/** Every input row's verdict, in file order. Throws {@link JournalError} for a damaged line. */
export async function* readCheckedRows(directory: string): AsyncGenerator<CheckedRow> {
  for await (const value of readLines(path.join(directory, jobFiles.rows))) yield value as CheckedRow;
}

async function* readLines(file: string): AsyncGenerator<unknown> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const opened = once(stream, 'open').catch((error: NodeJS.ErrnoException) => {
    throw new JournalError(
      error.code === 'ENOENT'
        ? `The job's checked rows (${file}) are missing; the job cannot be resumed or reported.`
        : `The job's checked rows (${file}) cannot be read (${error.code ?? error.message}).`,
    );
  });
  await opened;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const line of lines) {
      number += 1;
      if (line === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = null;
      }
      if (value === null || typeof value !== 'object') {
        throw new JournalError(`${file} line ${number} is damaged; the job's checked rows cannot be read.`);
      }
      yield value;
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}

/**
 * The batches without the rows in `skip`, re-chunked at `batchSize` and numbered from 0 — the
 * same for the same skips, so a resumed job's batch indexes mean the same rows.
 */
export async function* batchesWithout(
  batches: AsyncIterable<SnapshotBatch>,
  skip: ReadonlySet<number>,
  batchSize: number,
): AsyncGenerator<SnapshotBatch> {
  let index = 0;
  let rows: PlannedBatch['rows'][number][] = [];
  for await (const batch of batches) {
    for (const row of batch.rows) {
      if (skip.has(row.line)) continue;
      rows.push(row);
      if (rows.length === batchSize) {
        yield { index: index++, rows };
        rows = [];
      }
    }
  }
  if (rows.length > 0) yield { index, rows };
}
