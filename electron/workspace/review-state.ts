/**
 * The review's view of a checked file, kept up to date row by row: every row's standing (status
 * and issues after duplicates, repeated phones and the user's skips), the counts, the issue groups,
 * and one sorted index per filter so a page of rows costs O(limit).
 *
 * The rules that settle a row are the engine's own (`shared/engine/settle-rules.ts`), the same the
 * CLI's `CheckAccumulator` applies in one pass. The review cannot afford a pass over every row for
 * each edit (0.2–0.3 s at 100,000 rows), so it keeps the groups those rules look at as indexes:
 * rows by match key and, among rows that are sent, by mobile phone. Changing one row re-settles
 * only that row and the rows whose standing its move can change — the rows next to it in the
 * duplicate group(s) it leaves or joins, and the first row of the phone group(s) — so an edit costs
 * O(log group + changed rows) instead of O(rows). A skipped row claims no match key; rows not yet
 * evaluated (a check still running) are `unchecked`.
 */
import type { CheckSummary, IssueGroup, RowEvaluation, RowOutcome } from '../../shared/engine/check-result';
import type { CheckPlan } from '../../shared/engine/compile-mapping';
import type { Issue } from '../../shared/engine/issue';
import { IssueTally } from '../../shared/engine/issue-tally';
import { SentRowTally, type LeftOutCounts } from '../../shared/engine/left-out';
import {
  duplicateOfLine,
  phoneKey,
  sentPhoneOf,
  settleRow,
  type GroupVerdict,
  type SettleContext,
  type SettledRow,
} from '../../shared/engine/settle-rules';
import { ReviewIndex, type FilteredRows, type ReviewStatus, type RowFilter } from './review-index';
import { insertSorted, removeSorted } from './sorted-rows';

export type { FilteredRows, ReviewStatus, RowFilter } from './review-index';

/**
 * A check's counts plus rows the user skipped and rows not yet checked:
 * `rows = valid + invalid + blank + duplicate + skipped + unchecked`.
 */
export interface ReviewSummary extends CheckSummary {
  readonly skipped: number;
  /** Rows not yet checked (a check still running). */
  readonly unchecked: number;
  /** Rows with at least one warning (the Warnings filter's rows). */
  readonly warningRows: number;
}

/**
 * One row's standing as counted: its status and the issues it was counted with (the evaluation's
 * own array unless settling added one), and whether it repeats an earlier sent row's phone.
 */
interface Standing {
  readonly status: ReviewStatus;
  readonly issues: readonly Issue[];
}

const unchecked: Standing = { status: 'unchecked', issues: [] };
const skippedStanding: Standing = { status: 'skipped', issues: [] };

/** The rows of one file as the review settles them; see the module comment. */
export class ReviewState {
  readonly #evaluations: (RowEvaluation | undefined)[];
  readonly #standing: Standing[];
  readonly #lines: readonly number[];
  readonly #skipped: (i: number) => string | undefined;
  readonly #context: SettleContext;
  /** Row indexes (sorted) of rows competing for each match key. */
  readonly #byKey = new Map<string, number[]>();
  /** The key each row is filed under in {@link #byKey}. */
  readonly #keyOf: (string | undefined)[];
  /** Row indexes (sorted) of sent rows by mobile phone (as `phoneKey`). */
  readonly #byPhone = new Map<number | string, number[]>();
  readonly #phoneOf: (number | string | undefined)[];
  readonly #index: ReviewIndex;
  readonly #tally = new IssueTally();
  readonly #sent: SentRowTally;
  #counts = { valid: 0, invalid: 0, blank: 0, duplicate: 0, skipped: 0, unchecked: 0 };

  /**
   * @param lines each row's 1-based line, by row index (ascending)
   * @param skipped the user's skip reason for row i, or undefined
   * @param fileIssues issues about the file itself (a repeated header), counted in the groups
   */
  constructor(
    lines: readonly number[],
    private readonly plan: CheckPlan,
    skipped: (i: number) => string | undefined,
    fileIssues: readonly Issue[] = [],
  ) {
    this.#lines = lines;
    this.#skipped = skipped;
    this.#context = {
      match: plan.match,
      matchColumn: plan.matchColumn,
      mobilePhoneColumn: plan.mobilePhoneColumn,
      duplicates: plan.options.duplicates,
      repeatedPhones: plan.options.repeatedPhones,
    };
    this.#sent = new SentRowTally(plan.options.repeatedPhones);
    const n = lines.length;
    this.#evaluations = new Array<RowEvaluation | undefined>(n);
    this.#standing = new Array<Standing>(n).fill(unchecked);
    this.#keyOf = new Array<string | undefined>(n);
    this.#phoneOf = new Array<number | string | undefined>(n);
    this.#index = new ReviewIndex(n);
    this.#counts.unchecked = n;
    for (const issue of fileIssues) this.#tally.count(issue);
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
   * change: the rows next to it in a match-key group it left or joined, and the first row of a
   * phone group.
   */
  refresh(i: number): void {
    const touched = new Set<number>([i]);
    const key = this.#competingKey(i);
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
      ...c,
      warnings: this.#tally.warnings,
      warningRows: this.#index.warningRows,
      batches: Math.ceil(c.valid / this.plan.options.batchSize),
      leftOut: this.#sent.leftOut.values,
      leftOutRows: this.#sent.leftOut.rows,
      refused: this.#sent.refused,
    };
  }

  /** Values left out of the rows sent, by reason (the confirmation's breakdown). */
  leftOut(): LeftOutCounts {
    return this.#sent.leftOut;
  }

  /** Issues grouped by code, most frequent first (ties: errors first, then by code). */
  issueGroups(): IssueGroup[] {
    return this.#tally.groups();
  }

  /** Row i's status and issues (issues naming another line name it as it is now). */
  standing(i: number): { readonly status: ReviewStatus; readonly issues: readonly Issue[] } {
    const standing = this.#standing[i] ?? unchecked;
    if (standing.status === 'skipped' || standing.status === 'unchecked') return standing;
    return { status: standing.status, issues: this.#settled(i)?.issues ?? standing.issues };
  }

  /** Row i's outcome as the engine names it (batch null), or null when skipped or not yet checked. */
  outcome(i: number): RowOutcome | null {
    const status = this.#standing[i]?.status;
    if (status === undefined || status === 'skipped' || status === 'unchecked') return null;
    const settled = this.#settled(i);
    return settled ? { ...settled, batch: null } : null;
  }

  /**
   * Every checked row's outcome in file order, sent rows numbered into batches of the plan's
   * batch size; skipped rows (and rows not yet checked) give null with their index.
   */
  *outcomes(): Generator<{ readonly index: number; readonly outcome: RowOutcome | null }> {
    const batchSize = this.plan.options.batchSize;
    let sent = 0;
    for (let i = 0; i < this.#lines.length; i += 1) {
      const outcome = this.outcome(i);
      if (outcome?.status === 'valid')
        yield { index: i, outcome: { ...outcome, batch: Math.floor(sent++ / batchSize) } };
      else yield { index: i, outcome };
    }
  }

  /** Row i's match key as evaluated (a skipped row's too, so reports name its customer), or null. */
  matchKeyOf(i: number): string | null {
    return this.#evaluations[i]?.matchKey ?? null;
  }

  /** True when row i is sent (valid after duplicates and skips). */
  isSent(i: number): boolean {
    return this.#standing[i]?.status === 'valid';
  }

  /** The row indexes a filter lists, optionally narrowed to rows with an issue of `issueCode`. */
  filtered(filter: RowFilter, issueCode?: string): FilteredRows {
    return this.#index.filtered(filter, issueCode, (i, f) => {
      const standing = this.#standing[i] ?? unchecked;
      if (f === 'skipped') return standing.status === 'skipped';
      if (f === 'errors') return standing.status === 'invalid';
      if (f === 'duplicates') return standing.status === 'duplicate';
      return standing.issues.some((issue) => issue.severity === 'warning');
    });
  }

  /** Row i settled by the engine's rules with its groups as they are now; undefined before its evaluation. */
  #settled(i: number): SettledRow | undefined {
    const evaluation = this.#evaluations[i];
    return evaluation && settleRow(evaluation, this.#verdict(i), this.#context);
  }

  /** What row i's groups say of it now: the line it duplicates, the first sent row with its phone. */
  #verdict(i: number): GroupVerdict {
    const line = this.#lines[i] ?? 0;
    const key = this.#keyOf[i];
    const group = key === undefined ? undefined : this.#byKey.get(key);
    const first = group?.[0];
    const last = group?.[group.length - 1];
    const duplicateOf =
      group === undefined || first === undefined || last === undefined
        ? null
        : duplicateOfLine(
            this.#context.duplicates,
            { first: this.#lines[first] ?? 0, last: this.#lines[last] ?? 0, count: group.length },
            line,
          );
    const phone = this.#phoneOf[i];
    const phoneFirst = phone === undefined ? undefined : this.#byPhone.get(phone)?.[0];
    const phoneFirstLine =
      phoneFirst === undefined || phoneFirst === i ? null : (this.#lines[phoneFirst] ?? null);
    return { duplicateOf, phoneFirstLine };
  }

  /** The match key row i competes for, or undefined (not evaluated, skipped, not sendable). */
  #competingKey(i: number): string | undefined {
    const evaluation = this.#evaluations[i];
    if (!evaluation || evaluation.status !== 'valid' || evaluation.matchKey === null) return undefined;
    return this.#skipped(i) === undefined ? evaluation.matchKey : undefined;
  }

  /** True when row i competes for a key and the policy sends it. */
  #isKept(i: number): boolean {
    return this.#keyOf[i] !== undefined && this.#verdict(i).duplicateOf === null;
  }

  /** Adds row i to its key group; the rows whose kept-ness can change are added to `touched`. */
  #joinKey(i: number, key: string, touched: Set<number>): void {
    let group = this.#byKey.get(key);
    if (!group) this.#byKey.set(key, (group = []));
    const at = insertSorted(group, i);
    this.#neighbours(group, at, touched);
  }

  #leaveKey(i: number, key: string, touched: Set<number>): void {
    const group = this.#byKey.get(key);
    if (!group) return;
    const at = removeSorted(group, i);
    if (at < 0) return;
    if (group.length === 0) this.#byKey.delete(key);
    else this.#neighbours(group, Math.min(at, group.length - 1), touched);
  }

  /**
   * After a group changed at `at`: the rows whose verdict can change. Under `keep-first` and
   * `keep-last` the kept row is an end of the group, so the rows next to the change; under `none`
   * every row of a group that became or stopped being a single row — and since every duplicate's
   * `duplicateOf` names an end of the group, the ends too.
   */
  #neighbours(group: readonly number[], at: number, touched: Set<number>): void {
    if (this.#context.duplicates === 'none' && group.length <= 2) for (const row of group) touched.add(row);
    for (const row of [group[at - 1], group[at], group[at + 1]]) if (row !== undefined) touched.add(row);
  }

  /** Files a sent row under its mobile phone (or takes a row that is no longer sent out). */
  #placePhone(i: number, touched: Set<number>): void {
    const phone = this.#isKept(i) ? sentPhoneOf(this.#evaluations[i]) : undefined;
    const next = phone === undefined ? undefined : phoneKey(phone);
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
    if (before.status === after.status && sameIssues(before.issues, after.issues)) return;
    this.#standing[i] = after;
    this.#move(i, before, -1);
    this.#move(i, after, 1);
  }

  #compute(i: number): Standing {
    if (this.#skipped(i) !== undefined) return skippedStanding;
    const settled = this.#settled(i);
    return settled ? { status: settled.status, issues: settled.issues } : unchecked;
  }

  #move(i: number, standing: Standing, sign: 1 | -1): void {
    this.#counts[standing.status] += sign;
    if (standing.status === 'valid') this.#sent.count(standing.issues, sign);
    for (const issue of standing.issues) this.#tally.count(issue, sign);
    this.#index.move(i, standing.status, standing.issues, sign);
  }
}

/**
 * True when two issue lists count the same: the same array, or the same codes in order (a
 * settling issue whose message names another line may be remade with the same code).
 */
function sameIssues(a: readonly Issue[], b: readonly Issue[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((issue, k) => issue.code === b[k]?.code && issue.severity === b[k]?.severity);
}
