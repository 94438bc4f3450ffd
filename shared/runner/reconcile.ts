/**
 * The count every import report ends with: each input row is in exactly one bucket.
 *
 * rows = blank + invalid + duplicate + skipped + created + updated + failed + accepted + not-sent.
 * `invalid` includes rows Omneo rejected (422) as well as rows `check` found invalid; `accepted`
 * is non-zero only with `--no-wait`; `not-sent` only when a run was cancelled or paused.
 */
import type { RowOutcome, RowResult } from './run-events';

/** Row counts by final status. */
export interface ImportCounts {
  readonly rows: number;
  readonly blank: number;
  readonly invalid: number;
  readonly duplicate: number;
  readonly skipped: number;
  readonly created: number;
  readonly updated: number;
  readonly failed: number;
  readonly accepted: number;
  readonly notSent: number;
}

/** What `check` decided about the rows it did not hand to the runner. */
export interface CheckCounts {
  readonly rows: number;
  readonly blank: number;
  readonly invalid: number;
  readonly duplicate: number;
  readonly skipped?: number;
}

const outcomeKey: Record<RowOutcome, keyof ImportCounts> = {
  created: 'created',
  updated: 'updated',
  failed: 'failed',
  invalid: 'invalid',
  accepted: 'accepted',
  'not-sent': 'notSent',
};

/** Adds the runner's row outcomes to the counts `check` found. */
export function countImport(check: CheckCounts, rows: Iterable<Pick<RowResult, 'outcome'>>): ImportCounts {
  const counts = {
    rows: check.rows,
    blank: check.blank,
    invalid: check.invalid,
    duplicate: check.duplicate,
    skipped: check.skipped ?? 0,
    created: 0,
    updated: 0,
    failed: 0,
    accepted: 0,
    notSent: 0,
  };
  for (const row of rows) counts[outcomeKey[row.outcome]] += 1;
  return counts;
}

/** The sum of every bucket, and how far it is from `rows` (0 when the counts reconcile). */
export function reconcile(counts: ImportCounts): { readonly total: number; readonly difference: number } {
  const total =
    counts.blank +
    counts.invalid +
    counts.duplicate +
    counts.skipped +
    counts.created +
    counts.updated +
    counts.failed +
    counts.accepted +
    counts.notSent;
  return { total, difference: counts.rows - total };
}

/**
 * The reconciliation line printed at the end of a run, e.g.
 * `10000 rows = 0 blank + 2 invalid + 64 duplicate + 9934 created + 0 updated + 0 failed ✓`.
 *
 * Buckets that can only be non-zero in some runs (skipped, accepted, not sent) appear when non-zero.
 */
export function formatReconciliation(counts: ImportCounts): string {
  const parts = [
    `${counts.blank} blank`,
    `${counts.invalid} invalid`,
    `${counts.duplicate} duplicate`,
    ...(counts.skipped > 0 ? [`${counts.skipped} skipped`] : []),
    `${counts.created} created`,
    `${counts.updated} updated`,
    `${counts.failed} failed`,
    ...(counts.accepted > 0 ? [`${counts.accepted} accepted (outcome not followed)`] : []),
    ...(counts.notSent > 0 ? [`${counts.notSent} not sent`] : []),
  ];
  const { difference } = reconcile(counts);
  const mark =
    difference === 0
      ? '✓'
      : `✗ (${difference > 0 ? difference + ' unaccounted' : -difference + ' too many'})`;
  return `${counts.rows} rows = ${parts.join(' + ')} ${mark}`;
}
