/**
 * The review's view of a checked file, kept up to date row by row: every row's standing (status
 * and issues after duplicates, repeated phones and the user's skips), the counts, the issue groups,
 * and the filter lists — in typed arrays over the rows, so a 10,000,000-row file costs a few
 * hundred MB rather than an object per row.
 *
 * The rules that settle a row are the engine's own (`shared/engine/settle-rules.ts`), the same the
 * CLI's `CheckAccumulator` applies in one pass. Per row the state keeps only what settling and
 * counting need: the evaluation's status, its issue codes (a number, see issue-signatures.ts), its
 * match key's and mobile phone's group numbers, and the standing's status and issue codes. A row's
 * profile and issue texts are made again from its cells when they are shown (`evaluate`, a pure
 * function of the row), and settled with its groups as they are now, so a message naming another
 * line names it as it is now.
 *
 * The review cannot afford a pass over every row for each edit, so it keeps the groups the rules
 * look at (row-groups.ts): rows by match key and, among rows that are sent, by mobile phone.
 * Changing one row re-settles only that row and the rows whose standing its move can change — the
 * rows next to it in the duplicate group(s) it leaves or joins, and the first row of the phone
 * group(s) — so an edit costs O(group + changed rows) instead of O(rows). A skipped row claims no
 * match key; rows not yet evaluated (a check still running) are `unchecked`.
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
import { IssueSignatures, settlingIssues } from './issue-signatures';
import { ReviewIndex, type FilteredRows, type ReviewStatus, type RowFilter } from './review-index';
import { RowGroups } from './row-groups';

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

/** Status codes as stored per row. */
const statuses: readonly ReviewStatus[] = ['unchecked', 'valid', 'invalid', 'blank', 'duplicate', 'skipped'];
const code = Object.fromEntries(statuses.map((s, k) => [s, k])) as Record<ReviewStatus, number>;

/** Evaluation kinds as stored per row: not evaluated, competes for a match key, invalid, blank. */
const evaluation = { none: 0, competing: 1, invalid: 2, blank: 3 } as const;

const keyFiled = 1;
const phoneFiled = 2;

/** What the rows of a file are, for the state: their lines, skips and evaluations. */
export interface ReviewRows {
  readonly size: number;
  line(i: number): number;
  /** The user's skip reason for row i, or undefined. */
  skipped(i: number): string | undefined;
  /** Row i evaluated against the plan now (with the user's edits). */
  evaluate(i: number): RowEvaluation;
}

/** The rows of one file as the review settles them; see the module comment. */
export class ReviewState {
  readonly #rows: ReviewRows;
  readonly #context: SettleContext;
  readonly #kind: Uint8Array;
  readonly #evalSignature: Uint32Array;
  readonly #keyGroup: Int32Array;
  readonly #phoneGroup: Int32Array;
  readonly #status: Uint8Array;
  readonly #signature: Uint32Array;
  readonly #filed: Uint8Array;
  readonly #keys: RowGroups;
  readonly #phones: RowGroups;
  readonly #signatures = new IssueSignatures();
  readonly #index: ReviewIndex;
  readonly #tally = new IssueTally();
  readonly #sent: SentRowTally;
  readonly #extra: { readonly duplicate: Issue; readonly phone: Issue };
  #counts = { valid: 0, invalid: 0, blank: 0, duplicate: 0, skipped: 0, unchecked: 0 };
  /** The last evaluation made or given, so settling a row just evaluated does not evaluate it again. */
  #recent: { index: number; evaluation: RowEvaluation } | null = null;

  /** @param fileIssues issues about the file itself (a repeated header), counted in the groups */
  constructor(
    rows: ReviewRows,
    private readonly plan: CheckPlan,
    fileIssues: readonly Issue[] = [],
  ) {
    this.#rows = rows;
    this.#context = {
      match: plan.match,
      matchColumn: plan.matchColumn,
      mobilePhoneColumn: plan.mobilePhoneColumn,
      duplicates: plan.options.duplicates,
      repeatedPhones: plan.options.repeatedPhones,
    };
    const n = rows.size;
    this.#kind = new Uint8Array(n);
    this.#evalSignature = new Uint32Array(n);
    this.#keyGroup = new Int32Array(n).fill(-1);
    this.#phoneGroup = new Int32Array(n).fill(-1);
    this.#status = new Uint8Array(n);
    this.#signature = new Uint32Array(n);
    this.#filed = new Uint8Array(n);
    this.#keys = new RowGroups(n);
    this.#phones = new RowGroups(n);
    this.#index = new ReviewIndex(
      n,
      (i) => statuses[this.#status[i] ?? 0] as ReviewStatus,
      (i) => this.#signatures.get(this.#signature[i] ?? 0),
    );
    this.#extra = settlingIssues(this.#context);
    this.#sent = new SentRowTally(plan.options.repeatedPhones);
    this.#counts.unchecked = n;
    for (const issue of fileIssues) this.#tally.count(issue);
    for (let i = 0; i < n; i += 1) if (rows.skipped(i) !== undefined) this.refresh(i);
  }

  /** Number of rows. */
  get size(): number {
    return this.#rows.size;
  }

  /** True once row i has an evaluation. */
  isEvaluated(i: number): boolean {
    return (this.#kind[i] ?? 0) !== evaluation.none;
  }

  /** Sets row i's evaluation (first check or after an edit) and re-settles what it affects. */
  setEvaluation(i: number, evaluated: RowEvaluation): void {
    const touched = new Set<number>([i]);
    const competing = evaluated.status === 'valid' && evaluated.matchKey !== null;
    const key = competing ? this.#keys.idOf(evaluated.matchKey as string) : -1;
    const phoneText = competing ? sentPhoneOf(evaluated) : undefined;
    const phone = phoneText === undefined ? -1 : this.#phones.idOf(String(phoneKey(phoneText)));
    if (this.#has(i, keyFiled) && key !== this.#keyGroup[i]) this.#leaveKey(i, touched);
    if (this.#has(i, phoneFiled) && phone !== this.#phoneGroup[i]) this.#leavePhone(i, touched);
    this.#kind[i] = competing
      ? evaluation.competing
      : evaluated.status === 'blank'
        ? evaluation.blank
        : evaluation.invalid;
    this.#evalSignature[i] = this.#signatures.of(evaluated.issues);
    this.#keyGroup[i] = key;
    this.#phoneGroup[i] = phone;
    this.#recent = { index: i, evaluation: evaluated };
    this.#refresh(i, touched);
  }

  /**
   * Re-settles row i after its evaluation or skip changed, and every row whose standing that can
   * change: the rows next to it in a match-key group it left or joined, and the first row of a
   * phone group.
   */
  refresh(i: number): void {
    this.#refresh(i, new Set([i]));
  }

  /** The counts now. */
  get summary(): ReviewSummary {
    const c = this.#counts;
    return {
      rows: this.#rows.size,
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
    const status = statuses[this.#status[i] ?? 0] as ReviewStatus;
    if (status === 'skipped' || status === 'unchecked') return { status, issues: [] };
    return { status, issues: this.#settled(i)?.issues ?? [] };
  }

  /** Row i's outcome as the engine names it (batch null), or null when skipped or not yet checked. */
  outcome(i: number): RowOutcome | null {
    const status = this.#status[i] ?? 0;
    if (status === code.skipped || status === code.unchecked) return null;
    const settled = this.#settled(i);
    return settled ? { ...settled, batch: null } : null;
  }

  /**
   * Every checked row's outcome in file order, sent rows numbered into batches of the plan's
   * batch size; skipped rows (and rows not yet checked) give null with their index. Each row is
   * evaluated again from its cells (nothing of it is kept), so this costs what a check does.
   */
  *outcomes(): Generator<{ readonly index: number; readonly outcome: RowOutcome | null }> {
    const batchSize = this.plan.options.batchSize;
    let sent = 0;
    for (let i = 0; i < this.#rows.size; i += 1) {
      const outcome = this.outcome(i);
      if (outcome?.status === 'valid')
        yield { index: i, outcome: { ...outcome, batch: Math.floor(sent++ / batchSize) } };
      else yield { index: i, outcome };
    }
  }

  /** Row i's match key as evaluated (a skipped row's too, so reports name its customer), or null. */
  matchKeyOf(i: number): string | null {
    return this.isEvaluated(i) ? this.#evaluation(i).matchKey : null;
  }

  /** True when row i is sent (valid after duplicates and skips). */
  isSent(i: number): boolean {
    return this.#status[i] === code.valid;
  }

  /** The row indexes a filter lists, optionally narrowed to rows with an issue of `issueCode`. */
  filtered(filter: RowFilter, issueCode?: string): FilteredRows {
    return this.#index.filtered(filter, issueCode);
  }

  #has(i: number, flag: number): boolean {
    return ((this.#filed[i] ?? 0) & flag) !== 0;
  }

  #refresh(i: number, touched: Set<number>): void {
    const competing = this.#kind[i] === evaluation.competing && this.#rows.skipped(i) === undefined;
    if (competing && !this.#has(i, keyFiled)) this.#joinKey(i, touched);
    else if (!competing && this.#has(i, keyFiled)) this.#leaveKey(i, touched);
    for (const row of [...touched]) this.#placePhone(row, touched);
    for (const row of touched) this.#settle(row);
  }

  /** Row i's evaluation: the one just made, or made again from its cells. */
  #evaluation(i: number): RowEvaluation {
    if (this.#recent?.index === i) return this.#recent.evaluation;
    const evaluated = this.#rows.evaluate(i);
    this.#recent = { index: i, evaluation: evaluated };
    return evaluated;
  }

  /** Row i settled by the engine's rules with its groups as they are now; undefined before its evaluation. */
  #settled(i: number): SettledRow | undefined {
    if (!this.isEvaluated(i)) return undefined;
    return settleRow(this.#evaluation(i), this.#verdict(i), this.#context);
  }

  /** What row i's groups say of it now: the line it duplicates, the first sent row with its phone. */
  #verdict(i: number): GroupVerdict {
    const rows = this.#rows;
    let duplicateOf: number | null = null;
    if (this.#has(i, keyFiled)) {
      const group = this.#keyGroup[i] ?? -1;
      duplicateOf = duplicateOfLine(
        this.#context.duplicates,
        {
          first: rows.line(this.#keys.first(group)),
          last: rows.line(this.#keys.last(group)),
          count: this.#keys.count(group),
        },
        rows.line(i),
      );
    }
    let phoneFirstLine: number | null = null;
    if (this.#has(i, phoneFiled)) {
      const first = this.#phones.first(this.#phoneGroup[i] ?? -1);
      phoneFirstLine = first < 0 || first === i ? null : rows.line(first);
    }
    return { duplicateOf, phoneFirstLine };
  }

  /** True when row i competes for a key and the policy sends it. */
  #isKept(i: number): boolean {
    return this.#has(i, keyFiled) && this.#verdict(i).duplicateOf === null;
  }

  #joinKey(i: number, touched: Set<number>): void {
    const group = this.#keyGroup[i] ?? -1;
    const { before, after } = this.#keys.join(group, i);
    this.#filed[i] = (this.#filed[i] ?? 0) | keyFiled;
    this.#neighbours(group, [before, after], touched);
  }

  #leaveKey(i: number, touched: Set<number>): void {
    const group = this.#keyGroup[i] ?? -1;
    const { before, after } = this.#keys.leave(group, i);
    this.#filed[i] = (this.#filed[i] ?? 0) & ~keyFiled;
    this.#neighbours(group, [before, after], touched);
  }

  /**
   * After a group changed next to `near`: the rows whose verdict can change. Under `keep-first`
   * and `keep-last` the kept row is an end of the group, so the rows next to the change; under
   * `none` every row of a group that became or stopped being a single row.
   */
  #neighbours(group: number, near: readonly number[], touched: Set<number>): void {
    for (const row of near) if (row >= 0) touched.add(row);
    if (this.#context.duplicates === 'none' && this.#keys.count(group) <= 2)
      for (let row = this.#keys.first(group); row >= 0; row = this.#keys.next(row)) touched.add(row);
  }

  /** Files a sent row under its mobile phone (or takes a row that is no longer sent out). */
  #placePhone(i: number, touched: Set<number>): void {
    const want = (this.#phoneGroup[i] ?? -1) >= 0 && this.#isKept(i);
    if (want === this.#has(i, phoneFiled)) return;
    if (want) {
      const group = this.#phoneGroup[i] ?? -1;
      const before = this.#phones.first(group);
      this.#phones.join(group, i);
      this.#filed[i] = (this.#filed[i] ?? 0) | phoneFiled;
      if (this.#phones.first(group) === i && before >= 0) touched.add(before);
    } else this.#leavePhone(i, touched);
  }

  #leavePhone(i: number, touched: Set<number>): void {
    const group = this.#phoneGroup[i] ?? -1;
    const wasFirst = this.#phones.first(group) === i;
    this.#phones.leave(group, i);
    this.#filed[i] = (this.#filed[i] ?? 0) & ~phoneFiled;
    const first = this.#phones.first(group);
    if (wasFirst && first >= 0) touched.add(first);
  }

  /** Recomputes row i's standing and moves it between the counts and indexes. */
  #settle(i: number): void {
    const beforeStatus = this.#status[i] ?? 0;
    const beforeSignature = this.#signature[i] ?? 0;
    const [status, signature] = this.#compute(i);
    if (status === beforeStatus && signature === beforeSignature) return;
    this.#move(i, beforeStatus, beforeSignature, -1);
    this.#status[i] = status;
    this.#signature[i] = signature;
    this.#move(i, status, signature, 1);
  }

  /** Row i's status code and issue signature from its compact evaluation and its groups now. */
  #compute(i: number): readonly [number, number] {
    if (this.#rows.skipped(i) !== undefined) return [code.skipped, 0];
    const kind = this.#kind[i] ?? 0;
    const own = this.#evalSignature[i] ?? 0;
    if (kind === evaluation.none) return [code.unchecked, 0];
    if (kind === evaluation.blank) return [code.blank, own];
    if (kind === evaluation.invalid) return [code.invalid, own];
    const verdict = this.#verdict(i);
    const { duplicate, phone } = this.#extra;
    if (verdict.duplicateOf !== null)
      return [code.duplicate, this.#signatures.plus(own, duplicate.code, duplicate.severity)];
    if (verdict.phoneFirstLine !== null)
      return [code.valid, this.#signatures.plus(own, phone.code, phone.severity)];
    return [code.valid, own];
  }

  #move(i: number, status: number, signatureId: number, sign: 1 | -1): void {
    const name = statuses[status] as ReviewStatus;
    this.#counts[name] += sign;
    const signature = this.#signatures.get(signatureId);
    // The tally reads only each issue's code and severity, which the signature keeps.
    if (name === 'valid') this.#sent.count(signature.issues as readonly Issue[], sign);
    for (const issue of signature.issues)
      this.#tally.countCode(issue.code, issue.severity, sign, () => this.#example(i, issue.code));
    this.#index.move(i, name, signature, sign);
  }

  /** The first issue of `code` row i has now (the example of a new issue group). */
  #example(i: number, issueCode: string): Issue {
    const found = this.#settled(i)?.issues.find((issue) => issue.code === issueCode);
    if (!found) throw new Error(`row ${i} has no ${issueCode} issue to give as an example`);
    return found;
  }
}
