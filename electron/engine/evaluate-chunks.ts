/**
 * Streams a prepared check's rows as evaluations, chunk by chunk in file order — on this thread
 * for ordinary files, or on worker threads for large ones.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { RowEvaluation } from '../../shared/engine/check-result';
import type { SourceRow } from '../../shared/source/source-table';
import type { CheckPlan } from '../../shared/engine/compile-mapping';
import { evaluateRow } from '../../shared/engine/evaluate-row';
import { defaultWorkerUrl, EvaluationPool } from './evaluation-pool';
import type { PreparedCheck } from './prepare-check';

/** Files at least this big are checked on worker threads when the bundled worker is available. */
export const parallelFromBytes = 16 * 1024 * 1024;
/**
 * Cores needed before workers are used by default. On 2 cores one worker runs beside this
 * thread, which keeps evaluating rows itself whenever the worker is busy.
 */
export const parallelFromCores = 2;
/**
 * Highest 1-minute load average per core at which workers are still used by default. Workers cost
 * CPU of their own (copying rows and results, a second JIT and memos): on the varied 400,000-row
 * file ~8 s of CPU with one worker against ~6.5 s on one thread. Measured here (2 cores shared
 * with other jobs; one worker beside this thread): at a load average of ~3 the worker won (4.4 s
 * against 5.9 s), at ~7 it lost (7.8 s against 5.6 s), so above 2 runnable threads per core the
 * check stays on one thread. (The load average counts this process's own recent work too.)
 */
export const parallelUpToLoadPerCore = 2;

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
/** Batches in flight per worker: enough to keep each busy; beyond that this thread evaluates rows itself. */
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

/** The 1-minute load average per core (0 where unsupported, e.g. Windows). */
function loadPerCore(): number {
  return (loadavg()[0] ?? 0) / availableParallelism();
}

/**
 * How to evaluate rows: `threads` 0 keeps everything on this thread; N > 0 forces N workers;
 * undefined lets the engine use workers (one per core beside this thread, at most 4) on machines
 * with {@link parallelFromCores} cores or more not already busy ({@link parallelUpToLoadPerCore}), for files of
 * {@link parallelFromBytes} or more whose rows are costly, when `dist/check-worker.mjs` is beside
 * the running bundle.
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
    (prepared.source.info.size >= parallelFromBytes && cores >= parallelFromCores
      ? Math.min(4, cores - 1)
      : 0);
  return threads > 0 ? { url, threads } : null;
}

/**
 * Yields evaluations in file order, a chunk at a time. Throws what the reader throws (e.g.
 * `FileErrorException` for an unclosed quote) and a worker's failure; workers are always stopped.
 *
 * When worker threads are allowed but not forced, the first rows run here and the rest moves to
 * workers only if the machine is not already busy ({@link parallelUpToLoadPerCore}) and evaluating costs
 * {@link parallelFromCostRatio} times the copying workers would add ({@link WorkerGate}): copying rows and profiles between threads costs more than it saves
 * when the normalisers' memos already answer most cells (e.g. the million-row seed, whose 1,000
 * phones repeat). Rows go to workers in batches of about {@link workerBatchRows}; when every
 * worker already holds {@link batchesInFlightPerWorker} batches, this thread evaluates the next
 * batch itself, so workers slowed by a busy machine cost little.
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
  /** Evaluations in file order: answered (`settled`) or still on a worker. */
  const queue: { settled: boolean; readonly result: Promise<readonly RowEvaluation[]> }[] = [];
  const workerLimit = (parallel?.threads ?? 1) * batchesInFlightPerWorker;
  const queueLimit = 2 * workerLimit + 2;
  let batch: SourceRow[] = [];
  const dispatch = (active: EvaluationPool): void => {
    const rows = batch;
    batch = [];
    if (active.inFlight < workerLimit) {
      const slot = { settled: false, result: active.evaluate(rows) };
      const settle = (): void => {
        slot.settled = true;
      };
      slot.result.then(settle, settle); // awaited below in order; this also marks a failure handled
      queue.push(slot);
      return;
    }
    // Every worker is busy (e.g. slowed by other processes on a shared machine): this thread
    // evaluates the rows itself rather than wait, so a check with workers is never much slower
    // than one without.
    const evaluated = rows.map((row) => evaluateRow(row, plan, prepared.dateStates));
    queue.push({ settled: true, result: Promise.resolve(evaluated) });
  };
  const next = async (): Promise<readonly RowEvaluation[]> => {
    const slot = queue.shift();
    return slot === undefined ? [] : slot.result;
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
            if (verdict && loadPerCore() <= parallelUpToLoadPerCore) pool = startPool();
          }
        }
        yield evaluated;
        continue;
      }
      for (const row of chunk) batch.push(row);
      if (batch.length < workerBatchRows) continue;
      dispatch(pool);
      // Hand on what is answered, in order; wait only when too much is held.
      while (queue.length > 0 && (queue[0]?.settled === true || queue.length >= queueLimit))
        yield await next();
    }
    if (pool !== null && batch.length > 0) dispatch(pool);
    while (queue.length > 0) yield await next();
  } finally {
    await pool?.close();
  }
}
