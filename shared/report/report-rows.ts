/**
 * The rows of an import's reports: `results.csv` (every input row) and `errors.csv` (rows to fix).
 *
 * Pure: the writer in electron/runner/report-writer.ts streams these into files; the app can show
 * the same rows in a table.
 */
import type { RowStatus } from '../engine/check-result';
import type { RowOutcome, RowResult } from '../runner/run-events';

/** What `check` decided about one input row, as the report needs it. */
export interface CheckedRow {
  readonly line: number;
  readonly status: RowStatus;
  /** 0-based batch index for a valid row; null otherwise. */
  readonly batch: number | null;
  /** The row's error messages joined (invalid), or what it duplicates; null when none. */
  readonly error: string | null;
}

/** A row's final bucket: `check`'s verdict for rows never sent, the runner's outcome for the rest. */
export type FinalOutcome = 'blank' | 'duplicate' | 'skipped' | RowOutcome;

/** One line of `results.csv`. `batch` is 1-based for people ("batch 1 of 20"); `''` when not batched. */
export interface ResultRecord {
  readonly line: number;
  readonly status: RowStatus;
  readonly batch: number | null;
  readonly batchId: string | null;
  readonly outcome: FinalOutcome;
  readonly resent: boolean;
  readonly error: string | null;
}

/** Header of `results.csv`, in column order. */
export const resultColumns = ['line', 'status', 'batch', 'batch_id', 'outcome', 'resent', 'error'] as const;

/** Outcomes that put a row into `errors.csv`: the user should fix or retry it. */
export const attentionOutcomes: ReadonlySet<FinalOutcome> = new Set(['invalid', 'failed', 'not-sent']);

/**
 * Combines `check`'s verdict with the runner's result for one row.
 *
 * A valid row with no runner result was never handed to the runner (the user skipped it).
 */
export function resultRecord(
  checked: CheckedRow,
  run: RowResult | undefined,
  resentBatches: ReadonlySet<number>,
): ResultRecord {
  const base = { line: checked.line, status: checked.status, resent: false };
  if (checked.status !== 'valid') {
    return { ...base, batch: null, batchId: null, outcome: checked.status, error: checked.error };
  }
  if (!run) return { ...base, batch: null, batchId: null, outcome: 'skipped', error: checked.error };
  return {
    ...base,
    batch: run.batchIndex + 1,
    batchId: run.batchId,
    outcome: run.outcome,
    resent: resentBatches.has(run.batchIndex),
    error: run.error,
  };
}

/** The cells of a result record in {@link resultColumns} order (not yet neutralised). */
export function resultCells(record: ResultRecord): string[] {
  return [
    String(record.line),
    record.status,
    record.batch === null ? '' : String(record.batch),
    record.batchId ?? '',
    record.outcome,
    record.resent ? 'yes' : '',
    record.error ?? '',
  ];
}
