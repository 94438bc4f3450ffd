/**
 * Streams a prepared check's rows as evaluations, chunk by chunk in file order — on this thread
 * for ordinary files, or on worker threads for large ones.
 */
import { availableParallelism } from 'node:os';
import type { RowEvaluation } from '../../shared/engine/check-result';
import type { CheckPlan } from '../../shared/engine/compile-mapping';
import { evaluateRow } from '../../shared/engine/evaluate-row';
import { defaultWorkerUrl, EvaluationPool } from './evaluation-pool';
import type { PreparedCheck } from './prepare-check';

/** Files at least this big are checked on worker threads when the bundled worker is available. */
export const parallelFromBytes = 16 * 1024 * 1024;
/**
 * Cores needed before workers are used by default. Measured here (`npm run bench`, 2 shared cores,
 * best of two interleaved rounds): the varied 1,000,000-row file took 15.6 s with two workers
 * against 23.7 s on one thread, while the memo-friendly seed file took 7.1 s against 3.6 s — hence
 * the per-row cost gate below rather than a core count alone.
 */
export const parallelFromCores = 2;
/** A warm chunk must cost this many µs a row on this thread before workers are worth their copying. */
export const parallelFromMicros = 6;
/** Chunks in flight per worker: enough to keep each busy, few enough to bound memory. */
const chunksInFlightPerWorker = 2;

/**
 * How to evaluate rows: `threads` 0 keeps everything on this thread; N > 0 forces N workers;
 * undefined lets the engine use workers (one per core, at most 4) on machines with
 * {@link parallelFromCores} cores or more, for files of {@link parallelFromBytes} or more whose rows
 * are costly, when `dist/check-worker.mjs` is beside the running bundle.
 */
export interface ParallelOptions {
  readonly threads?: number;
  /** The worker script; default {@link defaultWorkerUrl}. */
  readonly workerUrl?: URL | null;
}

function chooseThreads(
  prepared: PreparedCheck,
  options: ParallelOptions,
): { url: URL; threads: number } | null {
  const url = options.workerUrl === undefined ? defaultWorkerUrl() : options.workerUrl;
  if (url === null) return null;
  const cores = availableParallelism();
  const threads =
    options.threads ??
    (prepared.source.info.size >= parallelFromBytes && cores >= parallelFromCores ? Math.min(4, cores) : 0);
  return threads > 0 ? { url, threads } : null;
}

/**
 * Yields each chunk's evaluations in file order. Throws what the reader throws (e.g.
 * `FileErrorException` for an unclosed quote) and a worker's failure; workers are always stopped.
 *
 * When worker threads are allowed but not forced, the first chunks run here and the rest moves to
 * workers only if a warm chunk costs at least {@link parallelFromMicros} µs a row: copying rows
 * and profiles between threads costs more than it saves when the normalisers' memos already
 * answer most cells (e.g. the million-row seed, whose 1,000 phones repeat).
 */
export async function* evaluateChunks(
  prepared: PreparedCheck,
  plan: CheckPlan,
  options: ParallelOptions = {},
): AsyncGenerator<readonly RowEvaluation[]> {
  const parallel = chooseThreads(prepared, options);
  const forced = options.threads !== undefined && options.threads > 0;
  let pool: EvaluationPool | null = null;
  let chunksHere = 0;
  let cheapest = Number.POSITIVE_INFINITY;
  const startPool = (): EvaluationPool | null =>
    parallel === null
      ? null
      : new EvaluationPool(parallel.url, parallel.threads, {
          mapping: prepared.mapping,
          columns: prepared.source.info.columns,
          options: prepared.options,
          dateStates: prepared.dateStates,
        });
  if (forced) pool = startPool();
  const queue: Promise<readonly RowEvaluation[]>[] = [];
  const limit = (parallel?.threads ?? 1) * chunksInFlightPerWorker;
  try {
    for await (const chunk of prepared.source.rows()) {
      if (pool === null) {
        const started = performance.now();
        const evaluated = chunk.map((row) => evaluateRow(row, plan, prepared.dateStates));
        chunksHere += 1;
        // The first chunk warms memos and the JIT; the cheaper of the next two shows the steady
        // cost (the cheaper, so a moment of load on a shared machine does not start workers).
        if (parallel !== null && chunksHere >= 2 && chunksHere <= 3 && chunk.length >= 1000) {
          cheapest = Math.min(cheapest, ((performance.now() - started) * 1000) / chunk.length);
          if (chunksHere === 3 && cheapest >= parallelFromMicros) pool = startPool();
        }
        yield evaluated;
        continue;
      }
      const evaluated = pool.evaluate(chunk);
      evaluated.catch(() => undefined); // awaited below in order; this only marks it handled
      queue.push(evaluated);
      while (queue.length >= limit) yield await (queue.shift() as Promise<readonly RowEvaluation[]>);
    }
    while (queue.length > 0) yield await (queue.shift() as Promise<readonly RowEvaluation[]>);
  } finally {
    await pool?.close();
  }
}
