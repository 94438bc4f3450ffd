/**
 * Evaluates chunks of rows on worker threads, for large files: the main thread reads and keeps the
 * file-order work (duplicates, batches), the workers do the per-cell normalising.
 *
 * Results come back per chunk in the order the chunks were submitted, whichever worker finishes
 * first, so the accumulator still sees rows in file order and the report is identical to a
 * single-thread check.
 */
import { Worker } from 'node:worker_threads';
import type { CheckOptions } from '../../shared/engine/check-options';
import type { RowEvaluation } from '../../shared/engine/check-result';
import type { ColumnDateStates } from '../../shared/engine/evaluate-row';
import type { ColumnMapping } from '../../shared/mapping/column-mapping';
import type { ColumnInfo, SourceRow } from '../../shared/source/source-table';
import { bundledWorkerUrl } from '../files/worker-script';

/** What each worker is started with (structured-cloned). */
export interface WorkerInit {
  readonly mapping: readonly ColumnMapping[];
  readonly columns: readonly ColumnInfo[];
  readonly options: CheckOptions;
  readonly dateStates: ColumnDateStates;
}

/** One chunk to evaluate. */
export interface WorkerRequest {
  readonly seq: number;
  readonly rows: readonly SourceRow[];
}

/** A chunk's evaluations as JSON text (`RowEvaluation[]`), or why the worker could not evaluate it. */
export type WorkerReply =
  { readonly seq: number; readonly json: string } | { readonly seq: number; readonly error: string };

/**
 * The bundled worker beside the running bundle (`dist/check-worker.mjs` next to `dist/cli.mjs`, or
 * one folder up from `dist/bench/`), or null when there is none (running from TypeScript sources,
 * e.g. under vitest, or from the Electron shell's bundle, which carries no check worker).
 */
export function defaultWorkerUrl(): URL | null {
  return bundledWorkerUrl('check-worker');
}

interface Pending {
  readonly resolve: (evaluations: readonly RowEvaluation[]) => void;
  readonly reject: (error: Error) => void;
  /** Index of the worker holding the chunk. */
  readonly worker: number;
}

/** A fixed set of workers; submit chunks with {@link evaluate}, then {@link close}. */
export class EvaluationPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private failure: Error | null = null;
  /** Chunks each worker holds now. */
  private readonly held: number[];

  /**
   * Starts `threads` workers from `url` (see {@link defaultWorkerUrl}), each with a 48 MB young
   * generation: evaluating allocates many short-lived strings and objects, and with the default
   * the workers spent about a quarter of their CPU collecting them (measured: one worker on the
   * varied 400,000-row file, ~10.5 s of CPU with the default against ~8 s).
   */
  constructor(url: URL, threads: number, init: WorkerInit) {
    this.workers = Array.from({ length: Math.max(1, threads) }, () => {
      const worker = new Worker(url, { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
      worker.on('message', (reply: WorkerReply) => this.settle(reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`check worker stopped with exit code ${code}`));
      });
      return worker;
    });
    this.held = this.workers.map(() => 0);
  }

  /** Chunks submitted and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  /**
   * Evaluates one chunk on the worker holding the fewest (a worker slowed by load on a shared
   * machine gets less); resolves with its evaluations in row order.
   */
  evaluate(rows: readonly SourceRow[]): Promise<readonly RowEvaluation[]> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const seq = this.next++;
    let index = 0;
    for (let i = 1; i < this.held.length; i++) if ((this.held[i] ?? 0) < (this.held[index] ?? 0)) index = i;
    this.held[index] = (this.held[index] ?? 0) + 1;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject, worker: index });
      const request: WorkerRequest = { seq, rows };
      this.workers[index]?.postMessage(request);
    });
  }

  /** Stops every worker; pending chunks are rejected. */
  async close(): Promise<void> {
    this.fail(new Error('check cancelled'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.seq);
    if (pending === undefined) return;
    this.pending.delete(reply.seq);
    this.held[pending.worker] = (this.held[pending.worker] ?? 1) - 1;
    if ('error' in reply) pending.reject(new Error(reply.error));
    else pending.resolve(JSON.parse(reply.json) as RowEvaluation[]);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
