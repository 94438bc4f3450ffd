/**
 * Streams a prepared check's rows as evaluations, chunk by chunk in file order — on this thread
 * for ordinary files, or on worker threads for large ones.
 */
import { availableParallelism } from 'node:os';
import type { RowEvaluation } from '../../shared/engine/check-result';
import type { SourceRow } from '../../shared/source/source-table';
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
 * the per-row cost gate ({@link worthWorkers}) rather than a core count alone.
 */
export const parallelFromCores = 2;
/**
 * Evaluating a row must cost this many times what moving it to a worker and its evaluation back
 * costs this thread, before workers are used. Measured on warm chunks here: the varied file
 * evaluates at ~8 µs a row against ~2.2 µs of copying (3.6×), and two workers check it in ~0.65 of
 * the one-thread time; the seed file evaluates at ~1 µs against ~2 µs (0.5×), and workers double
 * its time.
 */
export const parallelFromCostRatio = 2;

/** What a warm chunk cost this thread, per row, in µs: evaluating it, and the copying workers would add. */
export interface ChunkCost {
  readonly evaluateMicros: number;
  readonly transferMicros: number;
}

/**
 * Whether evaluation is costly enough, next to the copying, for workers to pay.
 *
 * A ratio of two times measured on the same thread moments apart, so load from other processes
 * on a shared machine scales both and does not decide it.
 */
export function worthWorkers(cost: ChunkCost): boolean {
  return cost.evaluateMicros >= parallelFromCostRatio * cost.transferMicros;
}

/** This thread's share of moving rows to a worker, in ms: cloning the rows and parsing the evaluations' JSON. */
function transferMs(rows: readonly SourceRow[], evaluated: readonly RowEvaluation[]): number {
  const started = performance.now();
  structuredClone(rows);
  const cloned = performance.now();
  const json = JSON.stringify(evaluated); // done by the worker, so not counted
  const parsing = performance.now();
  JSON.parse(json);
  return cloned - started + (performance.now() - parsing);
}

/** Rows evaluated here before measuring: they warm the memos and the JIT. */
const warmUpRows = 2000;
/** Rows per cost sample; the cheaper of two samples decides. */
const sampleRows = 1500;
/** Rows sent to a worker per message (the reader's chunks are ~1,000 rows). */
const workerBatchRows = 2500;
/** Batches in flight per worker: enough to keep each busy, few enough to bound memory. */
const batchesInFlightPerWorker = 3;

/**
 * Decides, from the first rows evaluated on this thread, whether to move the rest to workers:
 * after {@link warmUpRows}, two samples of {@link sampleRows} each, the cheaper one (so a moment of
 * load on a shared machine does not start workers) judged by {@link worthWorkers}.
 */
export class WorkerGate {
  private seen = 0;
  private sample = { rows: 0, evaluateMs: 0, transferMs: 0 };
  private cheapest: ChunkCost | null = null;
  private samples = 0;

  /**
   * Records a chunk evaluated here (`evaluateMs` for all its rows); `transfer` measures the
   * copying and is only called for rows that are sampled. Answers true (move to workers), false
   * (stay here for good) or undefined (not decided yet).
   */
  observe(rows: number, evaluateMs: number, transfer: () => number): boolean | undefined {
    this.seen += rows;
    if (this.seen - rows < warmUpRows) return undefined;
    this.sample.rows += rows;
    this.sample.evaluateMs += evaluateMs;
    this.sample.transferMs += transfer();
    if (this.sample.rows < sampleRows) return undefined;
    const cost: ChunkCost = {
      evaluateMicros: (this.sample.evaluateMs * 1000) / this.sample.rows,
      transferMicros: (this.sample.transferMs * 1000) / this.sample.rows,
    };
    this.cheapest =
      this.cheapest === null
        ? cost
        : {
            evaluateMicros: Math.min(this.cheapest.evaluateMicros, cost.evaluateMicros),
            transferMicros: Math.min(this.cheapest.transferMicros, cost.transferMicros),
          };
    this.sample = { rows: 0, evaluateMs: 0, transferMs: 0 };
    this.samples += 1;
    return this.samples < 2 ? undefined : worthWorkers(this.cheapest);
  }
}

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
 * Yields evaluations in file order, a chunk at a time. Throws what the reader throws (e.g.
 * `FileErrorException` for an unclosed quote) and a worker's failure; workers are always stopped.
 *
 * When worker threads are allowed but not forced, the first rows run here and the rest moves to
 * workers only if evaluating costs {@link parallelFromCostRatio} times the copying workers would
 * add ({@link WorkerGate}): copying rows and profiles between threads costs more than it saves
 * when the normalisers' memos already answer most cells (e.g. the million-row seed, whose 1,000
 * phones repeat). Rows go to workers in batches of about {@link workerBatchRows}.
 */
export async function* evaluateChunks(
  prepared: PreparedCheck,
  plan: CheckPlan,
  options: ParallelOptions = {},
): AsyncGenerator<readonly RowEvaluation[]> {
  const parallel = chooseThreads(prepared, options);
  const forced = options.threads !== undefined && options.threads > 0;
  const gate = parallel !== null && !forced ? new WorkerGate() : null;
  let pool: EvaluationPool | null = null;
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
  let decided = gate === null;
  const queue: Promise<readonly RowEvaluation[]>[] = [];
  const limit = (parallel?.threads ?? 1) * batchesInFlightPerWorker;
  let batch: SourceRow[] = [];
  const submit = (active: EvaluationPool): void => {
    const evaluated = active.evaluate(batch);
    evaluated.catch(() => undefined); // awaited below in order; this only marks it handled
    queue.push(evaluated);
    batch = [];
  };
  try {
    for await (const chunk of prepared.source.rows()) {
      if (pool === null) {
        const started = performance.now();
        const evaluated = chunk.map((row) => evaluateRow(row, plan, prepared.dateStates));
        if (!decided && gate !== null) {
          const verdict = gate.observe(chunk.length, performance.now() - started, () =>
            transferMs(chunk, evaluated),
          );
          if (verdict !== undefined) {
            decided = true;
            if (verdict) pool = startPool();
          }
        }
        yield evaluated;
        continue;
      }
      for (const row of chunk) batch.push(row);
      if (batch.length < workerBatchRows) continue;
      submit(pool);
      while (queue.length >= limit) yield await (queue.shift() as Promise<readonly RowEvaluation[]>);
    }
    if (pool !== null && batch.length > 0) submit(pool);
    while (queue.length > 0) yield await (queue.shift() as Promise<readonly RowEvaluation[]>);
  } finally {
    await pool?.close();
  }
}
