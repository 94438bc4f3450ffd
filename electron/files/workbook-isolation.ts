/**
 * Reads workbooks off the calling thread: each opening, and each pass over the rows, runs in a
 * worker thread with a heap limit (`resourceLimits`) and a time limit, so a hostile or huge
 * workbook cannot freeze the browser host's requests or take the process down. A worker that runs
 * out of memory or time is stopped and the file gets a file error naming it and the limit; the
 * process lives on. The CLI and the app both come through here (`openTable`).
 *
 * One worker per opening or pass, not a pool: a workbook is read at most a few times (open, date
 * pre-scan, check), and a fresh thread gives back all its memory when it ends.
 */
import { Worker } from 'node:worker_threads';
import { fileLimits, formatBytes } from '../../shared/limits/file-limits';
import {
  FileErrorException,
  type FileError,
  type ReadOptions,
  type SourceRow,
} from '../../shared/source/source-table';
import type { WorkbookFile } from './excel-table';
import { fileError } from './file-error';
import type { OpenTableOptions, TableSource } from './open-table';
import { findWorkerScript } from './worker-script';
import {
  decodeRows,
  openWorkbookPlan,
  workbookRows,
  type WorkbookOpened,
  type WorkbookPlan,
} from './workbook-reader';

/** What a reader worker is started with (structured-cloned). */
export interface WorkbookTask {
  readonly file: WorkbookFile;
  readonly job:
    | { readonly kind: 'open'; readonly options: ReadOptions }
    | { readonly kind: 'rows'; readonly plan: WorkbookPlan; readonly chunkRows: number };
}

/** What a reader worker answers; after `rows`, it waits for a message asking for the next chunk. */
export type WorkbookAnswer =
  | { readonly kind: 'opened'; readonly opened: WorkbookOpened }
  | { readonly kind: 'rows'; readonly json: string }
  | { readonly kind: 'done' }
  | { readonly kind: 'file-error'; readonly error: FileError }
  | { readonly kind: 'failed'; readonly message: string };

/** The limits a reader worker runs under. */
export interface WorkbookReaderLimits {
  /** Heap (V8 old generation) in MiB. */
  readonly heapMb: number;
  /** Longest wait for one answer (the opening, or one chunk of rows), in ms. */
  readonly answerMs: number;
}

const defaultLimits: WorkbookReaderLimits = {
  heapMb: fileLimits.workbookReaderHeapMb,
  answerMs: fileLimits.workbookOpenMs,
};

const defaultChunkRows = 5000;

function duration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
  return `${Math.round(ms / 100) / 10} s`;
}

/** One reader worker: answers in order; see {@link WorkbookAnswer}. */
class ReaderThread {
  private readonly worker: Worker;
  private readonly answers: WorkbookAnswer[] = [];
  private waiting: { resolve: (a: WorkbookAnswer) => void; reject: (e: unknown) => void } | null = null;
  private failure: unknown = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly onAbort = (): void => this.fail(this.signal?.reason);

  constructor(
    script: URL,
    task: WorkbookTask,
    private readonly limits: WorkbookReaderLimits,
    private readonly signal: AbortSignal | undefined,
  ) {
    const name = task.file.name;
    this.worker = new Worker(script, {
      workerData: task,
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    this.worker.on('message', (answer: WorkbookAnswer) => this.settle(answer));
    this.worker.on('error', (error: Error & { code?: string }) =>
      this.fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? fileError(
              'unreadable',
              `${name} needs more memory than the ${formatBytes(limits.heapMb * 1024 * 1024)} a workbook may use while it is read; save the sheet as CSV and import that.`,
            )
          : fileError('unreadable', `${name} could not be read as an Excel workbook (${error.message}).`),
      ),
    );
    this.worker.on('exit', () =>
      this.fail(fileError('unreadable', `${name} could not be read: the workbook reader stopped.`)),
    );
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** The next answer; with `more`, asks for the next chunk of rows first. Rejects as the module says. */
  next(more: boolean, name: string): Promise<WorkbookAnswer> {
    const ready = this.answers.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.failure !== null) return Promise.reject(this.failure);
    if (more) this.worker.postMessage('more');
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.timer = setTimeout(
        () =>
          this.fail(
            fileError(
              'unreadable',
              `${name} took longer than the ${duration(this.limits.answerMs)} a workbook may take to read; save the sheet as CSV and import that.`,
            ),
          ),
        this.limits.answerMs,
      );
    });
  }

  /** Stops the worker (it keeps nothing worth waiting for). */
  async stop(): Promise<void> {
    this.signal?.removeEventListener('abort', this.onAbort);
    clearTimeout(this.timer);
    this.failure ??= new Error('the workbook reader was stopped');
    await this.worker.terminate();
  }

  private settle(answer: WorkbookAnswer): void {
    clearTimeout(this.timer);
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) waiting.resolve(answer);
    else this.answers.push(answer);
  }

  private fail(error: unknown): void {
    clearTimeout(this.timer);
    if (this.failure === null) this.failure = error;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(this.failure);
    void this.worker.terminate();
  }
}

/** Throws what a worker answered when it is not what was expected. */
function unexpected(name: string, answer: WorkbookAnswer): never {
  if (answer.kind === 'file-error') throw new FileErrorException(answer.error);
  const why = answer.kind === 'failed' ? answer.message : `unexpected answer ${answer.kind}`;
  throw fileError('unreadable', `${name} could not be read as an Excel workbook (${why}).`);
}

/** Where the reader runs: a worker script, or (when no worker script can be found) this thread. */
type Runner = URL | null;

async function openIn(
  runner: Runner,
  task: WorkbookTask,
  limits: WorkbookReaderLimits,
  signal?: AbortSignal,
) {
  if (task.job.kind !== 'open') throw new Error('not an opening');
  if (runner === null) return openWorkbookPlan(task.file, task.job.options);
  const thread = new ReaderThread(runner, task, limits, signal);
  try {
    const answer = await thread.next(false, task.file.name);
    return answer.kind === 'opened' ? answer.opened : unexpected(task.file.name, answer);
  } finally {
    await thread.stop();
  }
}

async function* rowsIn(
  runner: Runner,
  file: WorkbookFile,
  plan: WorkbookPlan,
  width: number,
  chunkRows: number,
  limits: WorkbookReaderLimits,
  signal?: AbortSignal,
): AsyncGenerator<readonly SourceRow[]> {
  if (runner === null) {
    yield* workbookRows(file, plan, chunkRows);
    return;
  }
  const thread = new ReaderThread(runner, { file, job: { kind: 'rows', plan, chunkRows } }, limits, signal);
  try {
    for (let more = false; ; more = true) {
      const answer = await thread.next(more, file.name);
      if (answer.kind === 'done') return;
      if (answer.kind !== 'rows') unexpected(file.name, answer);
      yield decodeRows(answer.json, width);
    }
  } finally {
    await thread.stop();
  }
}

/**
 * Opens a workbook in a reader worker and returns it as a {@link TableSource} whose `rows()` reads
 * the sheet again in a fresh worker each time it is called.
 *
 * Throws FileErrorException: what the readers throw (`unreadable`, `sheet-not-found`,
 * `no-header`, `bad-option`), and `unreadable` naming the limit when the worker runs out of memory
 * (`limits.heapMb`) or time (`limits.answerMs` for the opening or for one chunk). Throws the
 * signal's reason when aborted. Runs on this thread only when no worker script exists (a bundle
 * built without `workbook-worker`).
 */
export async function openWorkbookIsolated(
  file: WorkbookFile,
  options: OpenTableOptions,
  limits: WorkbookReaderLimits = defaultLimits,
): Promise<TableSource> {
  options.signal?.throwIfAborted();
  const runner = findWorkerScript('workbook-worker');
  const readOptions: ReadOptions = {
    ...(options.sheet !== undefined && { sheet: options.sheet }),
    ...(options.headerRow !== undefined && { headerRow: options.headerRow }),
  };
  const opened = await openIn(
    runner,
    { file, job: { kind: 'open', options: readOptions } },
    limits,
    options.signal,
  );
  options.onProgress?.({ bytesRead: file.size, totalBytes: file.size });
  const chunkRows = Math.max(1, options.chunkRows ?? defaultChunkRows);
  return {
    info: opened.info,
    ...(opened.notices.length > 0 && { notices: opened.notices }),
    rows: () =>
      rowsIn(runner, file, opened.plan, opened.info.columns.length, chunkRows, limits, options.signal),
  };
}
