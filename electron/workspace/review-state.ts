/**
 * The review's view of a checked file: every row's final outcome after the user's skips, the
 * counts, the issue groups, and one index array per filter so a page of rows costs O(limit).
 *
 * Rows are settled in file order through the engine's {@link CheckAccumulator}, so duplicates and
 * repeated phones are found exactly as the CLI finds them. A skipped row is taken out before the
 * accumulator sees it: it claims no match key, so a later row with the same email is sent instead.
 */
import { CheckAccumulator } from '../../shared/engine/check-accumulator';
import type { CheckSummary, IssueGroup, RowEvaluation, RowOutcome } from '../../shared/engine/check-result';
import type { CheckPlan } from '../../shared/engine/compile-mapping';
import type { Issue } from '../../shared/engine/issue';

/** A check's counts plus rows the user skipped: `rows = valid + invalid + blank + duplicate + skipped`. */
export interface ReviewSummary extends CheckSummary {
  readonly skipped: number;
}

/** Which rows the review table lists. */
export type RowFilter = 'all' | 'errors' | 'warnings' | 'duplicates' | 'skipped';

/** Row indexes (0-based positions in the file's rows) per filter and per issue code, in file order. */
export interface ReviewIndex {
  readonly errors: readonly number[];
  readonly warnings: readonly number[];
  readonly duplicates: readonly number[];
  readonly skipped: readonly number[];
  readonly byCode: ReadonlyMap<string, readonly number[]>;
}

/** Every row's outcome (null for a skipped row), the counts, the issue groups and the indexes. */
export interface SettledRows {
  readonly outcomes: readonly (RowOutcome | null)[];
  readonly summary: ReviewSummary;
  readonly groups: readonly IssueGroup[];
  readonly index: ReviewIndex;
}

/**
 * Settles evaluated rows into final outcomes.
 *
 * `evaluations[i]` is row i's evaluation; `skipped` holds the indexes the user skipped;
 * `fileIssues` are issues about the file itself (a repeated header), counted in the groups. Runs in
 * O(rows); about 30 ms for 100,000 rows here.
 */
export function settleRows(
  evaluations: readonly RowEvaluation[],
  skipped: ReadonlyMap<number, string>,
  plan: CheckPlan,
  fileIssues: readonly Issue[] = [],
): SettledRows {
  const accumulator = new CheckAccumulator({
    batchSize: plan.options.batchSize,
    match: plan.match,
    maxIssues: 0,
    matchColumn: plan.matchColumn,
    mobilePhoneColumn: plan.mobilePhoneColumn,
  });
  for (const issue of fileIssues) accumulator.addFileIssue(issue);
  const outcomes: (RowOutcome | null)[] = new Array<RowOutcome | null>(evaluations.length);
  const errors: number[] = [];
  const warnings: number[] = [];
  const duplicates: number[] = [];
  const skippedRows: number[] = [];
  const byCode = new Map<string, number[]>();
  for (let i = 0; i < evaluations.length; i += 1) {
    const evaluation = evaluations[i];
    if (evaluation === undefined) continue;
    if (skipped.has(i)) {
      outcomes[i] = null;
      skippedRows.push(i);
      continue;
    }
    const outcome = accumulator.add(evaluation);
    outcomes[i] = outcome;
    if (outcome.status === 'invalid') errors.push(i);
    else if (outcome.status === 'duplicate') duplicates.push(i);
    let warned = false;
    let lastCode = '';
    for (const issue of outcome.issues) {
      if (issue.severity === 'warning') warned = true;
      if (issue.code === lastCode) continue;
      lastCode = issue.code;
      const list = byCode.get(issue.code);
      if (list === undefined) byCode.set(issue.code, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
    if (warned) warnings.push(i);
  }
  const checked = accumulator.summary;
  return {
    outcomes,
    summary: { ...checked, rows: checked.rows + skippedRows.length, skipped: skippedRows.length },
    groups: accumulator.issueGroups(),
    index: { errors, warnings, duplicates, skipped: skippedRows, byCode },
  };
}

/**
 * The row indexes a filter lists, optionally narrowed to rows with an issue of `issueCode`.
 *
 * Without a code this is the precomputed array itself (no copy); with one, the code's array is
 * filtered by status, which costs O(rows with that code).
 */
export function filteredRows(
  settled: SettledRows,
  rowCount: number,
  filter: RowFilter,
  issueCode?: string,
): { readonly at: (position: number) => number | undefined; readonly total: number } {
  const { index, outcomes } = settled;
  if (issueCode !== undefined) {
    const withCode = index.byCode.get(issueCode) ?? [];
    const list =
      filter === 'all'
        ? withCode
        : withCode.filter((i) => {
            const outcome = outcomes[i];
            if (filter === 'skipped') return outcome === null;
            if (!outcome) return false;
            if (filter === 'errors') return outcome.status === 'invalid';
            if (filter === 'duplicates') return outcome.status === 'duplicate';
            return outcome.issues.some((issue) => issue.severity === 'warning');
          });
    return { at: (p) => list[p], total: list.length };
  }
  if (filter === 'all') return { at: (p) => (p < rowCount ? p : undefined), total: rowCount };
  const list = {
    errors: index.errors,
    warnings: index.warnings,
    duplicates: index.duplicates,
    skipped: index.skipped,
  }[filter];
  return { at: (p) => list[p], total: list.length };
}
