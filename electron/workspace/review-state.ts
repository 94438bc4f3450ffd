/**
 * The review's view of a checked file, kept up to date row by row: every row's standing (status
 * and issues after duplicates, repeated phones and the user's skips), the counts, the issue groups,
 * and one sorted index per filter so a page of rows costs O(limit).
 *
 * The CLI settles rows with the engine's `CheckAccumulator` in one pass; the review cannot afford a
 * pass over every row for each edit (0.2–0.3 s at 100,000 rows), so it keeps the same rules
 * incrementally: rows are grouped by match key and, among rows that are sent, by mobile phone.
 * Changing one row re-evaluates only that row and the rows whose standing its move can change —
 * the kept row of the duplicate group(s) it leaves or joins, and the first row of the phone
 * group(s) — so an edit costs O(log group + changed rows) instead of O(rows).
 *
 * Rules (as the accumulator's): a skipped row claims no match key; the duplicates policy decides
 * which row of a match-key group is sent (`keep-first`, `keep-last`) or none of them (`none`); a
 * `mobile_phone` already on an earlier sent row is a warning. Rows not yet evaluated (a check still
 * running) are `unchecked`.
 */
import type { DuplicatePolicy } from '../../shared/engine/check-options';
import type { CheckSummary, IssueGroup, RowEvaluation, RowOutcome } from '../../shared/engine/check-result';
import type { CheckPlan } from '../../shared/engine/compile-mapping';
import { duplicateMatchKeyIssue } from '../../shared/engine/duplicate-issue';
import type { Issue } from '../../shared/engine/issue';

/**
 * A check's counts plus rows the user skipped and rows not yet checked:
 * `rows = valid + invalid + blank + duplicate + skipped + unchecked`.
 */
export interface ReviewSummary extends CheckSummary {
  readonly skipped: number;
  readonly unchecked: number;
  /** Rows with at least one warning (the Warnings filter's rows). */
  readonly warningRows: number;
}

/** Which rows the review table lists. */
export type RowFilter = 'all' | 'errors' | 'warnings' | 'duplicates' | 'skipped';

/** A row's status in the review. */
export type ReviewStatus = 'valid' | 'invalid' | 'blank' | 'duplicate' | 'skipped' | 'unchecked';

/**
 * One row's standing: its status, the evaluation's issues, and whether it is a duplicate or repeats
 * an earlier sent row's phone. The issues naming another line are made when read, so they always
 * name the line as it is now (the kept row of a group can change without this row changing).
 */
interface Standing {
  readonly status: ReviewStatus;
  readonly base: readonly Issue[];
  readonly repeatedPhone: boolean;
}

const unchecked: Standing = { status: 'unchecked', base: [], repeatedPhone: false };
const skippedStanding: Standing = { status: 'skipped', base: [], repeatedPhone: false };

/** The rows of one file as the review settles them; see the module comment. */
export class ReviewState {
  readonly #evaluations: (RowEvaluation | undefined)[];
  readonly #standing: Standing[];
  readonly #lines: readonly number[];
  readonly #skipped: (i: number) => string | undefined;
  readonly #policy: DuplicatePolicy;
  /** Row indexes (sorted) of sendable-by-evaluation rows by match key. */
  readonly #byKey = new Map<string, number[]>();
  /** The key each row is filed under in {@link #byKey}. */
  readonly #keyOf: (string | undefined)[];
  /** Row indexes (sorted) of sent rows by mobile phone. */
  readonly #byPhone = new Map<string, number[]>();
  readonly #phoneOf: (string | undefined)[];
  readonly #lists = {
    errors: [] as number[],
    warnings: [] as number[],
    duplicates: [] as number[],
    skipped: [] as number[],
  };
  readonly #byCode = new Map<string, number[]>();
  readonly #groups = new Map<
    string,
    { code: string; severity: Issue['severity']; count: number; example: Issue }
  >();
  #counts = { valid: 0, invalid: 0, blank: 0, duplicate: 0, skipped: 0, unchecked: 0, warnings: 0 };

  /**
   * @param lines each row's 1-based line, by row index
   * @param skipped the user's skip reason for row i, or undefined
   * @param fileIssues issues about the file itself (a repeated header), counted in the groups
   * @param leaveOutRepeatedPhones send rows whose `mobile_phone` an earlier sent row has without it
   *   (Omneo keeps mobile_phone unique and would refuse them), each with a warning saying so
   */
  constructor(
    lines: readonly number[],
    private readonly plan: CheckPlan,
    skipped: (i: number) => string | undefined,
    fileIssues: readonly Issue[] = [],
    private readonly leaveOutRepeatedPhones = false,
  ) {
    this.#lines = lines;
    this.#skipped = skipped;
    this.#policy = plan.options.duplicates;
    const n = lines.length;
    this.#evaluations = new Array<RowEvaluation | undefined>(n);
    this.#standing = new Array<Standing>(n);
    this.#keyOf = new Array<string | undefined>(n);
    this.#phoneOf = new Array<string | undefined>(n);
    this.#counts.unchecked = n;
    for (let i = 0; i < n; i += 1) this.#standing[i] = unchecked;
    for (const issue of fileIssues) this.#count(issue, 1);
    for (let i = 0; i < n; i += 1) if (skipped(i) !== undefined) this.refresh(i);
  }

  /** Number of rows. */
  get size(): number {
    return this.#lines.length;
  }

  /** True once row i has an evaluation. */
  isEvaluated(i: number): boolean {
    return this.#evaluations[i] !== undefined;
  }

  /** Sets row i's evaluation (first check or after an edit) and re-settles what it affects. */
  setEvaluation(i: number, evaluation: RowEvaluation): void {
    this.#evaluations[i] = evaluation;
    this.refresh(i);
  }

  /**
   * Re-settles row i after its evaluation or skip changed, and every row whose standing that can
   * change: the kept row of a match-key group it left or joined, and the first row of a phone group.
   */
  refresh(i: number): void {
    const touched = new Set<number>([i]);
    const key = this.#sendableKey(i);
    if (key !== this.#keyOf[i]) {
      if (this.#keyOf[i] !== undefined) this.#leaveKey(i, this.#keyOf[i] as string, touched);
      if (key !== undefined) this.#joinKey(i, key, touched);
      this.#keyOf[i] = key;
    }
    for (const row of [...touched]) this.#placePhone(row, touched);
    for (const row of touched) this.#settle(row);
  }

  /** The counts now. */
  get summary(): ReviewSummary {
    const c = this.#counts;
    return {
      rows: this.#lines.length,
      valid: c.valid,
      invalid: c.invalid,
      blank: c.blank,
      duplicate: c.duplicate,
      skipped: c.skipped,
      unchecked: c.unchecked,
      warnings: c.warnings,
      warningRows: this.#lists.warnings.length,
      batches: Math.ceil(c.valid / this.plan.options.batchSize),
    };
  }

  /** Issues grouped by code, most frequent first (ties: errors first, then by code). */
  issueGroups(): IssueGroup[] {
    return [...this.#groups.values()].sort(
      (a, b) =>
        b.count - a.count ||
        (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
        a.code.localeCompare(b.code),
    );
  }

  /** Row i's status and issues. */
  standing(i: number): { readonly status: ReviewStatus; readonly issues: readonly Issue[] } {
    const standing = this.#standing[i] ?? unchecked;
    return { status: standing.status, issues: this.#issuesOf(i, standing) };
  }

  /** Row i's outcome as the engine names it, or null when skipped or not yet checked. */
  outcome(i: number): RowOutcome | null {
    const standing = this.#standing[i];
    const evaluation = this.#evaluations[i];
    if (!standing || !evaluation || standing.status === 'skipped' || standing.status === 'unchecked')
      return null;
    const duplicateOf = standing.status === 'duplicate' ? this.#duplicateOf(i) : null;
    let profile = evaluation.profile;
    if (standing.repeatedPhone && this.leaveOutRepeatedPhones && profile) {
      const { mobile_phone: _left, ...rest } = profile;
      profile = rest;
    }
    return {
      line: evaluation.line,
      status: standing.status,
      profile,
      matchKey: evaluation.matchKey,
      batch: null,
      issues: this.#issuesOf(i, standing),
      ...(duplicateOf !== null && { duplicateOf }),
    };
  }

  /** True when row i is sent (valid after duplicates and skips). */
  isSent(i: number): boolean {
    return this.#standing[i]?.status === 'valid';
  }

  #issuesOf(i: number, standing: Standing): readonly Issue[] {
    const evaluation = this.#evaluations[i];
    if (!evaluation) return standing.base;
    if (standing.status === 'duplicate')
      return [...standing.base, this.#duplicateIssue(evaluation, this.#duplicateOf(i) ?? 0)];
    if (standing.repeatedPhone) {
      const phone = this.#phoneOf[i] ?? '';
      const first = this.#byPhone.get(phone)?.[0];
      const issue = this.#repeatedPhoneIssue(evaluation.line, phone, this.#lines[first ?? i] ?? 0);
      return [...standing.base, issue];
    }
    return standing.base;
  }

  /** The line a duplicate defers to: the kept row, or (policy `none`) another row of its group. */
  #duplicateOf(i: number): number | null {
    const key = this.#keyOf[i];
    if (key === undefined) return null;
    const group = this.#byKey.get(key) ?? [];
    const other = this.#keptOf(group) ?? (group[0] === i ? group[group.length - 1] : group[0]);
    return other === undefined ? null : (this.#lines[other] ?? null);
  }

  /**
   * The row indexes a filter lists, optionally narrowed to rows with an issue of `issueCode`.
   *
   * Without a code this is the kept index itself (no copy); with one, the code's index is filtered
   * by status, which costs O(rows with that code).
   */
  filtered(
    filter: RowFilter,
    issueCode?: string,
  ): { readonly at: (position: number) => number | undefined; readonly total: number } {
    const rowCount = this.#lines.length;
    if (issueCode !== undefined) {
      const withCode = this.#byCode.get(issueCode) ?? [];
      const list = filter === 'all' ? withCode : withCode.filter((i) => this.#inFilter(i, filter));
      return { at: (p) => list[p], total: list.length };
    }
    if (filter === 'all') return { at: (p) => (p < rowCount ? p : undefined), total: rowCount };
    const list = this.#lists[filter];
    return { at: (p) => list[p], total: list.length };
  }

  #inFilter(i: number, filter: Exclude<RowFilter, 'all'>): boolean {
    const standing = this.#standing[i] ?? unchecked;
    if (filter === 'skipped') return standing.status === 'skipped';
    if (filter === 'errors') return standing.status === 'invalid';
    if (filter === 'duplicates') return standing.status === 'duplicate';
    return standing.repeatedPhone || standing.base.some((issue) => issue.severity === 'warning');
  }

  /** The match key row i competes for, or undefined (not evaluated, skipped, not sendable). */
  #sendableKey(i: number): string | undefined {
    const evaluation = this.#evaluations[i];
    if (!evaluation || evaluation.status !== 'valid' || evaluation.matchKey === null) return undefined;
    return this.#skipped(i) === undefined ? evaluation.matchKey : undefined;
  }

  /** Adds row i to its key group; the rows whose kept-ness can change are added to `touched`. */
  #joinKey(i: number, key: string, touched: Set<number>): void {
    let group = this.#byKey.get(key);
    if (!group) this.#byKey.set(key, (group = []));
    const at = insertSorted(group, i);
    this.#keptNeighbours(group, at, touched);
  }

  #leaveKey(i: number, key: string, touched: Set<number>): void {
    const group = this.#byKey.get(key);
    if (!group) return;
    const at = removeSorted(group, i);
    if (at < 0) return;
    if (group.length === 0) this.#byKey.delete(key);
    else this.#keptNeighbours(group, Math.min(at, group.length - 1), touched);
  }

  /** After the group changed at `at`: the rows next to it whose kept-ness the policy may flip. */
  #keptNeighbours(group: readonly number[], at: number, touched: Set<number>): void {
    if (this.#policy === 'none') {
      if (group.length <= 2) for (const row of group) touched.add(row);
      return;
    }
    for (const row of [group[at - 1], group[at], group[at + 1]]) if (row !== undefined) touched.add(row);
  }

  /** The row of a match-key group that is sent, or undefined (policy `none` with a repeat). */
  #keptOf(group: readonly number[]): number | undefined {
    if (this.#policy === 'keep-first') return group[0];
    if (this.#policy === 'keep-last') return group[group.length - 1];
    return group.length === 1 ? group[0] : undefined;
  }

  /** Files a sent row under its mobile phone (or takes a row that is no longer sent out). */
  #placePhone(i: number, touched: Set<number>): void {
    const key = this.#keyOf[i];
    const kept = key !== undefined && this.#keptOf(this.#byKey.get(key) ?? []) === i;
    const phone = kept ? this.#evaluations[i]?.profile?.mobile_phone : undefined;
    const next = typeof phone === 'string' ? phone : undefined;
    const before = this.#phoneOf[i];
    if (next === before) return;
    if (before !== undefined) {
      const group = this.#byPhone.get(before);
      if (group) {
        const at = removeSorted(group, i);
        if (group.length === 0) this.#byPhone.delete(before);
        else if (at === 0 && group[0] !== undefined) touched.add(group[0]);
      }
    }
    if (next !== undefined) {
      let group = this.#byPhone.get(next);
      if (!group) this.#byPhone.set(next, (group = []));
      const at = insertSorted(group, i);
      if (at === 0 && group[1] !== undefined) touched.add(group[1]);
    }
    this.#phoneOf[i] = next;
  }

  /** Recomputes row i's standing and moves it between the counts and indexes. */
  #settle(i: number): void {
    const before = this.#standing[i] ?? unchecked;
    const after = this.#compute(i);
    if (
      before.status === after.status &&
      before.base === after.base &&
      before.repeatedPhone === after.repeatedPhone
    )
      return;
    this.#standing[i] = after;
    this.#move(i, before, -1);
    this.#move(i, after, 1);
  }

  #compute(i: number): Standing {
    if (this.#skipped(i) !== undefined) return skippedStanding;
    const evaluation = this.#evaluations[i];
    if (!evaluation) return unchecked;
    const base = evaluation.issues;
    if (evaluation.status === 'blank') return { status: 'blank', base, repeatedPhone: false };
    const key = this.#keyOf[i];
    if (key === undefined) return { status: 'invalid', base, repeatedPhone: false };
    if (this.#keptOf(this.#byKey.get(key) ?? []) !== i)
      return { status: 'duplicate', base, repeatedPhone: false };
    const phone = this.#phoneOf[i];
    const first = phone === undefined ? undefined : this.#byPhone.get(phone)?.[0];
    return { status: 'valid', base, repeatedPhone: first !== undefined && first !== i };
  }

  #move(i: number, standing: Standing, sign: 1 | -1): void {
    const counts = this.#counts;
    counts[standing.status] += sign;
    const list =
      standing.status === 'invalid'
        ? this.#lists.errors
        : standing.status === 'duplicate'
          ? this.#lists.duplicates
          : standing.status === 'skipped'
            ? this.#lists.skipped
            : null;
    if (list) update(list, i, sign);
    let warned = standing.repeatedPhone;
    const codes = new Set<string>();
    for (const issue of standing.base) {
      if (issue.severity === 'warning') warned = true;
      this.#count(issue, sign);
      codes.add(issue.code);
    }
    const extra = this.#extraIssueFor(i, standing);
    if (extra) {
      this.#count(extra, sign);
      codes.add(extra.code);
    }
    for (const code of codes) {
      let rows = this.#byCode.get(code);
      if (!rows) this.#byCode.set(code, (rows = []));
      update(rows, i, sign);
      if (rows.length === 0) this.#byCode.delete(code);
    }
    if (warned) update(this.#lists.warnings, i, sign);
  }

  /** The duplicate or repeated-phone issue a standing adds, for counting (lines as of now). */
  #extraIssueFor(i: number, standing: Standing): Issue | null {
    const evaluation = this.#evaluations[i];
    if (!evaluation) return null;
    if (standing.status === 'duplicate') return this.#duplicateIssue(evaluation, this.#duplicateOf(i) ?? 0);
    if (standing.repeatedPhone) return this.#repeatedPhoneIssue(evaluation.line, this.#phoneOf[i] ?? '', 0);
    return null;
  }

  #count(issue: Issue, sign: 1 | -1): void {
    if (issue.severity === 'warning') this.#counts.warnings += sign;
    const group = this.#groups.get(issue.code);
    if (group) {
      group.count += sign;
      if (group.count <= 0) this.#groups.delete(issue.code);
    } else if (sign > 0) {
      this.#groups.set(issue.code, { code: issue.code, severity: issue.severity, count: 1, example: issue });
    }
  }

  #duplicateIssue(evaluation: RowEvaluation, line: number): Issue {
    return duplicateMatchKeyIssue(evaluation, line, this.plan.match, this.plan.matchColumn, this.#policy);
  }

  #repeatedPhoneIssue(line: number, phone: string, firstLine: number): Issue {
    return {
      severity: 'warning',
      line,
      column: this.plan.mobilePhoneColumn?.header ?? null,
      letter: this.plan.mobilePhoneColumn?.letter ?? null,
      target: 'mobile_phone',
      code: 'mobile-phone-repeated',
      message: this.leaveOutRepeatedPhones
        ? `mobile_phone ${phone} is also on line ${firstLine}; left out of this row, since Omneo keeps mobile_phone unique.`
        : `mobile_phone ${phone} is also on line ${firstLine}; Omneo keeps mobile_phone unique, so one of them may be rejected.`,
    };
  }
}

/** Inserts `value` into a sorted array (a push when it is the largest); answers its position. */
function insertSorted(list: number[], value: number): number {
  const last = list[list.length - 1];
  if (last === undefined || last < value) {
    list.push(value);
    return list.length - 1;
  }
  const at = lowerBound(list, value);
  if (list[at] !== value) list.splice(at, 0, value);
  return at;
}

/** Removes `value` from a sorted array; answers where it was, or -1. */
function removeSorted(list: number[], value: number): number {
  const at = lowerBound(list, value);
  if (list[at] !== value) return -1;
  list.splice(at, 1);
  return at;
}

function update(list: number[], value: number, sign: 1 | -1): void {
  if (sign > 0) insertSorted(list, value);
  else removeSorted(list, value);
}

function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
