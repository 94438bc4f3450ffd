/**
 * The vocabulary of a check: what one row became, the counts, and the batches a run will send.
 *
 * The CLI, the app, the batch runner and the tests all read these shapes, so they live apart from
 * the code that produces them.
 */
import type { OmneoProfile } from '../omneo/profile-schema';
import type { Issue } from './issue';
import type { LeftOutValue } from './left-out';

/** What the engine made of one row before duplicates are known. */
export type EvaluatedStatus = 'valid' | 'invalid' | 'blank';

/** The final fate of one data row: every row gets exactly one. */
export type RowStatus = EvaluatedStatus | 'duplicate';

/**
 * One row after mapping and normalising (see `evaluateRow`).
 *
 * `profile` is the `profiles[]` item as it would be sent (null when the row is invalid or blank);
 * `matchKey` is the normalised email or identity identifier the row is matched on (null when absent
 * or invalid). `issues` are this row's errors and warnings.
 */
export interface RowEvaluation {
  readonly line: number;
  readonly status: EvaluatedStatus;
  readonly profile: OmneoProfile | null;
  readonly matchKey: string | null;
  readonly issues: readonly Issue[];
}

/**
 * One row's final outcome, in file order.
 *
 * `batch` is the 0-based index of the batch a valid row goes into (null for any other status).
 * A duplicate keeps the profile it would have had, so a preview can show it; it is never sent.
 */
export interface RowOutcome {
  readonly line: number;
  readonly status: RowStatus;
  readonly profile: OmneoProfile | null;
  readonly matchKey: string | null;
  readonly batch: number | null;
  readonly issues: readonly Issue[];
  /** For a `duplicate`: the line of the row with the same match key it defers to. */
  readonly duplicateOf?: number;
  /** For a `valid` row: the values left out of its profile as sent (absent when none). */
  readonly leftOut?: readonly LeftOutValue[];
}

/**
 * The counts of a check. Invariant: `rows = valid + invalid + blank + duplicate + unchecked`;
 * `refused` and `leftOutRows` are subsets of `valid`.
 *
 * `unchecked` counts data rows read but not checked: every non-blank row when the mapping cannot be
 * sent (so the file still reports its rows), 0 otherwise. `warnings` counts warning issues (a row
 * may have several); `batches` is how many requests the valid rows make at the chosen batch size.
 */
export interface CheckSummary {
  readonly rows: number;
  readonly valid: number;
  readonly invalid: number;
  readonly blank: number;
  readonly duplicate: number;
  readonly unchecked: number;
  readonly warnings: number;
  readonly batches: number;
  /** Values left out of valid rows (invalid values, incomplete addresses, repeated mobile phones). */
  readonly leftOut: number;
  /** Valid rows with at least one value left out. */
  readonly leftOutRows: number;
  /** Valid rows Omneo is known to refuse (a repeated mobile phone kept): not ready to send. */
  readonly refused: number;
}

/** Issues of one code, counted over the whole file, with the first one as an example. */
export interface IssueGroup {
  readonly code: string;
  readonly severity: Issue['severity'];
  readonly count: number;
  readonly example: Issue;
}

/** One valid row inside a planned batch: its line, match key and the profile as sent. */
export interface PlannedRow {
  readonly line: number;
  readonly matchKey: string;
  readonly profile: OmneoProfile;
}

/**
 * One batch a run will send, exactly: `index` from 0, rows in file order, at most the batch size.
 *
 * The same file, mapping and options always give the same batches (same rows, same order), so a
 * resumed run can skip batches by index.
 */
export interface PlannedBatch {
  readonly index: number;
  readonly rows: readonly PlannedRow[];
}

/** An empty summary (used when a file error means nothing is importable). */
export const emptySummary: CheckSummary = {
  rows: 0,
  valid: 0,
  invalid: 0,
  blank: 0,
  duplicate: 0,
  unchecked: 0,
  warnings: 0,
  batches: 0,
  leftOut: 0,
  leftOutRows: 0,
  refused: 0,
};
