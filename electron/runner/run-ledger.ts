/**
 * What a run has learnt so far: each row's result, each batch's end state, and progress figures.
 *
 * Kept apart from the sending logic so the runner reads as a sequence of decisions, and every
 * place a row's fate is decided goes through one ledger (each row recorded exactly once).
 */
import type { PlannedRow } from '../../shared/engine/check-result';
import type { Clock } from '../../shared/runner/clock';
import {
  createProgressWindow,
  etaSeconds,
  recordProgress,
  rowsPerSecond,
  type ProgressWindow,
} from '../../shared/runner/progress';
import type {
  BatchResult,
  RowOutcome,
  RowResult,
  RunEvent,
  RunResult,
  RunStatus,
} from '../../shared/runner/run-events';

/** How often a batch was sent in this run, and whether a send repeated one with no answer. */
export interface BatchMeta {
  readonly resent: boolean;
  readonly sends: number;
  /** When this batch was first sent (ISO time; over every run when journalled), if known. */
  readonly firstSentAt?: string | null;
}

/** Totals known before the run, for the progress bar and ETA. */
export interface RunTotals {
  readonly totalBatches?: number | null;
  readonly totalRows?: number | null;
}

/** Collects row and batch results and emits progress. */
export class RunLedger {
  readonly #rows: RowResult[] = [];
  readonly #batches: BatchResult[] = [];
  readonly #startedAt: number;
  #window: ProgressWindow;
  #rowsSent = 0;
  #acknowledged = 0;

  constructor(
    private readonly clock: Clock,
    private readonly totals: RunTotals,
    private readonly emit: (event: RunEvent) => void,
  ) {
    this.#startedAt = clock.now();
    this.#window = createProgressWindow(this.#startedAt);
  }

  /** Records the outcome of `rows` (a fixed outcome, or one per row) with their error messages. */
  recordRows(
    rows: readonly PlannedRow[],
    batchIndex: number,
    batchId: string | null,
    outcome: RowOutcome | ((row: PlannedRow) => RowOutcome),
    error: (row: PlannedRow) => string | null,
    profileId?: (row: PlannedRow) => string | null,
  ): void {
    for (const row of rows) {
      const id = profileId?.(row) ?? null;
      this.#rows.push({
        line: row.line,
        batchIndex,
        batchId,
        outcome: typeof outcome === 'function' ? outcome(row) : outcome,
        error: error(row),
        ...(id !== null && { profileId: id }),
      });
    }
  }

  /** Records a batch's end state (its rows are recorded separately). */
  batchDone(
    index: number,
    batchId: string | null,
    state: BatchResult['state'],
    rows: number,
    meta: BatchMeta,
    error: string | null,
  ): void {
    this.#batches.push({ index, batchId, state, rows, resent: meta.resent, sends: meta.sends, error });
  }

  /** Whether a batch's end state is already recorded. */
  hasBatch(index: number): boolean {
    return this.#batches.some((batch) => batch.index === index);
  }

  /** A batch given up on: its rows are `failed` with `error`, listed for retry. */
  failBatch(index: number, rows: readonly PlannedRow[], error: string, meta: BatchMeta): void {
    this.emit({ kind: 'batch-failed', batchIndex: index, rows: rows.length, error });
    this.recordRows(rows, index, null, 'failed', () => error);
    this.batchDone(index, null, 'failed', rows.length, meta, error);
  }

  /** A batch never acknowledged because the run stopped: its rows are `not-sent`. */
  unsent(
    index: number,
    rows: readonly PlannedRow[],
    why: string,
    meta: BatchMeta = { resent: false, sends: 0 },
  ): void {
    this.recordRows(rows, index, null, 'not-sent', () => why);
    this.batchDone(index, null, 'not-sent', rows.length, meta, why);
  }

  /** A batch Omneo acknowledged (now or in an earlier run of the job): counts toward progress. */
  acknowledged(rows: number): void {
    this.#rowsSent += rows;
    this.#acknowledged += 1;
    this.#window = recordProgress(this.#window, this.clock.now(), rows);
    this.emitProgress();
  }

  /** Emits a `progress` event with the current figures. */
  emitProgress(): void {
    const rate = rowsPerSecond(this.#window, this.clock.now());
    const total = this.totals.totalRows;
    this.emit({
      kind: 'progress',
      rowsSent: this.#rowsSent,
      batchesAcknowledged: this.#acknowledged,
      totalBatches: this.totals.totalBatches ?? null,
      rowsPerSecond: Math.round(rate * 10) / 10,
      etaSeconds: total === null || total === undefined ? null : etaSeconds(total - this.#rowsSent, rate),
    });
  }

  /** The run's result: rows by line, batches by index. */
  result(status: RunStatus): RunResult {
    return {
      status,
      rows: this.#rows.sort((a, b) => a.line - b.line),
      batches: this.#batches.sort((a, b) => a.index - b.index),
      elapsedMs: this.elapsedMs(),
    };
  }

  /** Milliseconds since the run started. */
  elapsedMs(): number {
    return this.clock.now() - this.#startedAt;
  }
}
