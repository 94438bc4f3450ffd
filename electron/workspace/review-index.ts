/**
 * The review's row lists: one sorted list of row indexes per filter (errors, warnings, duplicates,
 * skipped) and per issue code, so a page of any filter costs O(limit) and a row moving between
 * them costs a binary search.
 */
import type { Issue } from '../../shared/engine/issue';
import { updateSorted } from './sorted-rows';

/** Which rows the review table lists. */
export type RowFilter = 'all' | 'errors' | 'warnings' | 'duplicates' | 'skipped';

/** A row's status in the review. */
export type ReviewStatus = 'valid' | 'invalid' | 'blank' | 'duplicate' | 'skipped' | 'unchecked';

/** The rows a filter lists, by position in file order. */
export interface FilteredRows {
  /** The row index at a position of the list, or undefined past its end. */
  readonly at: (position: number) => number | undefined;
  readonly total: number;
}

/** The filter lists and the rows by issue code; see the module comment. */
export class ReviewIndex {
  readonly #lists = {
    errors: [] as number[],
    warnings: [] as number[],
    duplicates: [] as number[],
    skipped: [] as number[],
  };
  readonly #byCode = new Map<string, number[]>();

  constructor(private readonly rowCount: number) {}

  /** Rows with at least one warning. */
  get warningRows(): number {
    return this.#lists.warnings.length;
  }

  /** Files row i under (sign 1) or takes it out of (sign -1) the lists its status and issues put it in. */
  move(i: number, status: ReviewStatus, issues: readonly Issue[], sign: 1 | -1): void {
    const list =
      status === 'invalid'
        ? this.#lists.errors
        : status === 'duplicate'
          ? this.#lists.duplicates
          : status === 'skipped'
            ? this.#lists.skipped
            : null;
    if (list) updateSorted(list, i, sign);
    let warned = false;
    const codes = new Set<string>();
    for (const issue of issues) {
      if (issue.severity === 'warning') warned = true;
      codes.add(issue.code);
    }
    for (const code of codes) {
      let rows = this.#byCode.get(code);
      if (!rows) this.#byCode.set(code, (rows = []));
      updateSorted(rows, i, sign);
      if (rows.length === 0) this.#byCode.delete(code);
    }
    if (warned) updateSorted(this.#lists.warnings, i, sign);
  }

  /**
   * The row indexes a filter lists, optionally narrowed to rows with an issue of `issueCode`.
   *
   * Without a code this is the kept list itself (no copy); with one, the code's list is filtered
   * with `inFilter`, which costs O(rows with that code).
   */
  filtered(
    filter: RowFilter,
    issueCode: string | undefined,
    inFilter: (i: number, filter: Exclude<RowFilter, 'all'>) => boolean,
  ): FilteredRows {
    if (issueCode !== undefined) {
      const withCode = this.#byCode.get(issueCode) ?? [];
      const list = filter === 'all' ? withCode : withCode.filter((i) => inFilter(i, filter));
      return { at: (p) => list[p], total: list.length };
    }
    if (filter === 'all') return { at: (p) => (p < this.rowCount ? p : undefined), total: this.rowCount };
    const list = this.#lists[filter];
    return { at: (p) => list[p], total: list.length };
  }
}
