/**
 * The result of checking one file: everything the CLI prints and the app's preview shows.
 *
 * Plain data (no classes, no functions) so it crosses IPC and serialises to JSON unchanged.
 */
import type { ColumnMapping } from '../mapping/column-mapping';
import type { MappingProblem } from '../mapping/validate-mapping';
import type { FileError, FileInfo } from '../source/source-table';
import type { CheckOptions, DateOrder } from './check-options';
import type { CheckSummary, IssueGroup } from './check-result';
import type { Issue } from './issue';

/** Where a date column's order came from. */
export type DateOrderSource = 'user' | 'detected' | 'ambiguous' | 'unneeded';

/**
 * The order used for one date-mapped column.
 *
 * `order` is null when the column stayed ambiguous (no value told day and month apart and no order
 * was given) or never needed one (only ISO dates, serials or empty cells).
 */
export interface ColumnDateOrder {
  readonly index: number;
  readonly letter: string;
  readonly header: string;
  readonly target: string;
  readonly order: DateOrder | null;
  readonly source: DateOrderSource;
}

/**
 * A date column whose order could not be inferred: nothing in it is sent until the user picks one.
 *
 * `rows` counts the rows whose value fits more than one order; `examples` are a few such values.
 */
export interface AmbiguousDateColumn {
  readonly index: number;
  readonly letter: string;
  readonly header: string;
  readonly target: string;
  readonly rows: number;
  readonly examples: readonly string[];
}

/**
 * The whole outcome of a check.
 *
 * `file` is null only when the file could not be opened at all (then `fileError` says why). With a
 * `fileError` nothing is importable: the summary is empty and there are no batches. With
 * `mappingProblems` that are errors the mapping cannot be sent and no row was checked.
 * `issues` holds at most the engine's cap (see `issuesTruncated`); `issueGroups` counts every issue.
 */
export interface CheckReport {
  readonly file: FileInfo | null;
  readonly mapping: readonly ColumnMapping[];
  readonly match: string;
  readonly options: CheckOptions;
  readonly summary: CheckSummary;
  readonly fileError: FileError | null;
  readonly mappingProblems: readonly MappingProblem[];
  readonly dateOrders: readonly ColumnDateOrder[];
  readonly ambiguousDateColumns: readonly AmbiguousDateColumn[];
  readonly issues: readonly Issue[];
  readonly issuesTruncated: boolean;
  readonly issueGroups: readonly IssueGroup[];
}

/** Lines that show a date column mixes orders: dates that only fit day-first, and month-first. */
export interface MixedDateEvidence {
  readonly dayFirst: readonly number[];
  readonly monthFirst: readonly number[];
}

/**
 * For a date column (by letter) that mixes day-first and month-first dates, up to `limit` lines of
 * each kind, read from the report's row issues (`date-day-first-in-mixed-column`,
 * `date-month-first-in-mixed-column`); null when the column does not mix orders.
 */
export function mixedDateEvidence(report: CheckReport, letter: string, limit = 3): MixedDateEvidence | null {
  const dayFirst: number[] = [];
  const monthFirst: number[] = [];
  for (const issue of report.issues) {
    if (issue.letter !== letter) continue;
    if (issue.code === 'date-day-first-in-mixed-column' && dayFirst.length < limit) dayFirst.push(issue.line);
    if (issue.code === 'date-month-first-in-mixed-column' && monthFirst.length < limit)
      monthFirst.push(issue.line);
  }
  return dayFirst.length > 0 && monthFirst.length > 0 ? { dayFirst, monthFirst } : null;
}

/** `day-first on line 2, 5; month-first on line 3` for a mixed column's evidence. */
export function describeMixedDates(evidence: MixedDateEvidence): string {
  const lines = (list: readonly number[]) => `line${list.length > 1 ? 's' : ''} ${list.join(', ')}`;
  return `day-first only on ${lines(evidence.dayFirst)}; month-first only on ${lines(evidence.monthFirst)}`;
}
