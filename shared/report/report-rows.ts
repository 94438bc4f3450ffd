/**
 * The rows of an import's reports: `results.csv` (every input row) and `errors.csv` (rows to fix).
 *
 * Pure: the writer in electron/runner/report-writer.ts streams these into files; the app can show
 * the same rows in a table.
 */
import type { RowOutcome as CheckOutcome, RowStatus } from '../engine/check-result';
import { describeLeftOutValue } from '../engine/left-out';
import type { RowOutcome, RowResult } from '../runner/run-events';

/** What `check` decided about one input row, as the report needs it (`skipped`: the user skipped it). */
export interface CheckedRow {
  readonly line: number;
  readonly status: RowStatus | 'skipped';
  /** 0-based batch index for a valid row; null otherwise. */
  readonly batch: number | null;
  /**
   * Why the row is not sent, null when it is: the error messages joined (invalid),
   * `duplicate of line N`, or `skipped: <reason>`.
   */
  readonly error: string | null;
  /** The row's match key (its email or identity identifier) as checked, when it has one. */
  readonly matchKey?: string | null;
  /** For a sent row: each value left out of its profile, `birth_date (invalid)`; absent when none. */
  readonly leftOut?: readonly string[];
}

/**
 * The report's view of one checked row, the same for the CLI and the app: its status and, when it
 * is not sent, why — the row's error messages (they name line and column), `duplicate of line N`
 * for a duplicate of the match key, or `skipped: <reason>` when `skipReason` is given.
 */
export function checkedRowOf(outcome: CheckOutcome, skipReason: string | null = null): CheckedRow {
  const { line } = outcome;
  const key = outcome.matchKey === null ? {} : { matchKey: outcome.matchKey };
  if (skipReason !== null)
    return { line, status: 'skipped', batch: null, error: `skipped: ${skipReason}`, ...key };
  if (outcome.status === 'valid' || outcome.status === 'blank') {
    const leftOut = outcome.leftOut?.map(describeLeftOutValue) ?? [];
    return {
      line,
      status: outcome.status,
      batch: outcome.batch,
      error: null,
      ...key,
      ...(leftOut.length > 0 && { leftOut }),
    };
  }
  if (outcome.status === 'duplicate' && outcome.duplicateOf !== undefined)
    return {
      line,
      status: 'duplicate',
      batch: null,
      error: `duplicate of line ${outcome.duplicateOf}`,
      ...key,
    };
  const errors = outcome.issues.filter(
    (issue) => issue.severity === 'error' || outcome.status === 'duplicate',
  );
  return {
    line,
    status: outcome.status,
    batch: null,
    error: errors.map((i) => i.message).join('; ') || null,
    ...key,
  };
}

/** A row's final bucket: `check`'s verdict for rows never sent, the runner's outcome for the rest. */
export type FinalOutcome = 'blank' | 'duplicate' | 'skipped' | RowOutcome;

/** One line of `results.csv`. `batch` is 1-based for people ("batch 1 of 20"); `''` when not batched. */
export interface ResultRecord {
  readonly line: number;
  readonly status: RowStatus | 'skipped';
  readonly batch: number | null;
  readonly batchId: string | null;
  readonly outcome: FinalOutcome;
  readonly resent: boolean;
  readonly error: string | null;
  /** The row's match key (email or identity identifier), when it has one. */
  readonly matchKey: string | null;
  /** The Omneo profile id, when Omneo said it. */
  readonly profileId: string | null;
  /** Values left out of the row's profile as sent (a sent row), `birth_date (invalid)`. */
  readonly leftOut: readonly string[];
}

/**
 * Header of `results.csv`, in column order: `match_key` and `profile_id` let a person find each
 * customer without opening the original file; `left_out` names the values a sent row went
 * without (`mobile_phone (repeated from an earlier row); birth_date (invalid)`).
 */
export const resultColumns = [
  'line',
  'status',
  'batch',
  'batch_id',
  'outcome',
  'resent',
  'error',
  'match_key',
  'profile_id',
  'left_out',
] as const;

/**
 * Outcomes that put a row into `errors.csv`: every row that was not sent and needs attention —
 * invalid (in the file or refused by Omneo), a duplicate, skipped by the user, failed, or not sent
 * yet (a cancelled run). Only blank rows and sent rows stay out.
 */
export const attentionOutcomes: ReadonlySet<FinalOutcome> = new Set([
  'invalid',
  'duplicate',
  'skipped',
  'failed',
  'not-sent',
]);

/**
 * Combines `check`'s verdict with the runner's result for one row.
 *
 * A row the user skipped reads `skipped` in both status and outcome; so does a valid row with no
 * runner result (it was never handed to the runner).
 */
export function resultRecord(
  checked: CheckedRow,
  run: RowResult | undefined,
  resentBatches: ReadonlySet<number>,
): ResultRecord {
  const base = {
    line: checked.line,
    status: checked.status,
    resent: false,
    matchKey: checked.matchKey ?? null,
    profileId: run?.profileId ?? null,
    leftOut: checked.leftOut ?? [],
  };
  if (checked.status !== 'valid') {
    return { ...base, batch: null, batchId: null, outcome: checked.status, error: checked.error };
  }
  if (!run)
    return {
      ...base,
      leftOut: [],
      status: 'skipped',
      batch: null,
      batchId: null,
      outcome: 'skipped',
      error: checked.error,
    };
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
    record.matchKey ?? '',
    record.profileId ?? '',
    record.leftOut.join('; '),
  ];
}
