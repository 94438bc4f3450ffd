/**
 * Turns row evaluations, in file order, into final outcomes: duplicates, repeated mobile phones,
 * counts, issue groups and batch numbers.
 *
 * Everything that depends on earlier rows lives here, so `evaluateRow` stays a pure function of one
 * row and can run anywhere (another thread, the app's preview). Memory grows with the number of
 * distinct match keys (compact: a {@link KeyIndex}) and mobile phones, not with the rows' content.
 */
import type { DuplicatePolicy, RepeatedPhonesPolicy } from './check-options';
import type { CheckSummary, IssueGroup, RowEvaluation, RowOutcome } from './check-result';
import type { ColumnRef } from './duplicate-issue';
import type { Issue } from './issue';
import { IssueTally } from './issue-tally';
import { KeyIndex } from './key-index';
import { SentRowTally } from './left-out';
import {
  duplicateOfLine,
  phoneKey,
  sentPhoneOf,
  settleRow,
  type KeyLines,
  type SettleContext,
} from './settle-rules';

/** Default cap on issues kept in full; counts per code are always complete. */
export const defaultMaxIssues = 100_000;

/** Options for {@link CheckAccumulator}. */
export interface AccumulatorOptions {
  /** Valid rows per batch (1–500). */
  readonly batchSize: number;
  /** The match criteria, for messages: `email` or an identity handle. */
  readonly match: string;
  /** Issues kept in full (the rest are only counted); default {@link defaultMaxIssues}. */
  readonly maxIssues?: number;
  /** The column holding the match key, named in duplicate issues. */
  readonly matchColumn?: ColumnRef | null;
  /** The column mapped to `mobile_phone`, named in repeated-phone warnings. */
  readonly mobilePhoneColumn?: ColumnRef | null;
  /** Which of the rows sharing a match key is sent; default `keep-first`. */
  readonly duplicates?: DuplicatePolicy;
  /** What a sent row whose `mobile_phone` an earlier sent row has becomes; default `keep`. */
  readonly repeatedPhones?: RepeatedPhonesPolicy;
  /**
   * Every match key's lines over the whole file (from {@link KeyLineCounter}); required for
   * `keep-last` and `none`, which cannot be decided in one pass in file order.
   */
  readonly keyLines?: KeyLinesLookup;
}

/** Every match key's lines, by key: what `keep-last` and `none` look ahead at. */
export interface KeyLinesLookup {
  get(matchKey: string): KeyLines | undefined;
}

/**
 * Counts each match key's lines over valid rows, in file order: the look-ahead that `keep-last`
 * and `none` need before the accumulator can settle a row. Kept in a compact {@link KeyIndex}
 * (first line, last line, count per key), so 10,000,000 distinct keys fit in a few hundred MB.
 */
export class KeyLineCounter implements KeyLinesLookup {
  readonly #index = new KeyIndex(3);

  /** Adds the next row's evaluation (file order). */
  add(evaluation: RowEvaluation): void {
    if (evaluation.status !== 'valid' || evaluation.matchKey === null) return;
    const { slot, added } = this.#index.upsert(evaluation.matchKey);
    if (added) this.#index.set(slot, 0, evaluation.line);
    this.#index.set(slot, 1, evaluation.line);
    this.#index.set(slot, 2, this.#index.get(slot, 2) + 1);
  }

  /** The lines of a match key, or undefined when no valid row has it. */
  get(matchKey: string): KeyLines | undefined {
    const slot = this.#index.find(matchKey);
    if (slot < 0) return undefined;
    return {
      first: this.#index.get(slot, 0),
      last: this.#index.get(slot, 1),
      count: this.#index.get(slot, 2),
    };
  }

  /** The lines by match key (this counter). */
  get lines(): KeyLinesLookup {
    return this;
  }
}

export type { ColumnRef } from './duplicate-issue';
export type { KeyLines } from './settle-rules';

/**
 * Accumulates a check over one file; call {@link add} once per row in file order.
 *
 * By default the first row with a match key is kept and later rows with the same key become
 * `duplicate` (Omneo would upsert them onto the same profile, so only one can be sent — the first,
 * as the user sees it first); `duplicates: 'keep-last'` keeps the last instead and `'none'` sends
 * none of them (both need `keyLines`). A `mobile_phone` seen on an earlier valid row is a warning, because Omneo
 * keeps `mobile_phone` unique per tenant and the later profile would be rejected.
 */
export class CheckAccumulator {
  /** The first line of each match key (keep-first), compact: see {@link KeyIndex}. */
  private readonly firstLineByKey = new KeyIndex(1);
  /** Keyed by {@link phoneKey}: far smaller than strings. */
  private readonly firstLineByPhone = new Map<number | string, number>();
  private readonly tally = new IssueTally();
  private readonly sent: SentRowTally;
  private readonly kept: Issue[] = [];
  private readonly maxIssues: number;
  private readonly context: SettleContext;
  private counts = { rows: 0, valid: 0, invalid: 0, blank: 0, duplicate: 0 };

  constructor(private readonly options: AccumulatorOptions) {
    this.maxIssues = options.maxIssues ?? defaultMaxIssues;
    this.context = {
      match: options.match,
      matchColumn: options.matchColumn,
      mobilePhoneColumn: options.mobilePhoneColumn,
      duplicates: options.duplicates ?? 'keep-first',
      repeatedPhones: options.repeatedPhones ?? 'keep',
    };
    this.sent = new SentRowTally(this.context.repeatedPhones);
  }

  /** Adds the next row (file order) and returns its final outcome. */
  add(evaluation: RowEvaluation): RowOutcome {
    const counts = this.counts;
    counts.rows += 1;
    const duplicateOf = this.duplicateOf(evaluation);
    const phoneFirstLine = duplicateOf === null ? this.phoneFirstLine(evaluation) : null;
    const settled = settleRow(evaluation, { duplicateOf, phoneFirstLine }, this.context);
    if (settled.issues.length > 0) this.record(settled.issues);
    counts[settled.status] += 1;
    if (settled.status === 'valid') this.sent.count(settled.issues);
    const batch = settled.status === 'valid' ? Math.floor((counts.valid - 1) / this.options.batchSize) : null;
    return { ...settled, batch };
  }

  /** Records an issue about the file rather than a row (e.g. a repeated header); it counts like any other. */
  addFileIssue(issue: Issue): void {
    this.record([issue]);
  }

  /** The counts so far; `rows = valid + invalid + blank + duplicate` always holds (nothing is unchecked). */
  get summary(): CheckSummary {
    return {
      ...this.counts,
      unchecked: 0,
      warnings: this.tally.warnings,
      batches: Math.ceil(this.counts.valid / this.options.batchSize),
      leftOut: this.sent.leftOut.values,
      leftOutRows: this.sent.leftOut.rows,
      refused: this.sent.refused,
    };
  }

  /** Issues kept in full, in file order (at most `maxIssues`). */
  get issues(): readonly Issue[] {
    return this.kept;
  }

  /** True when more issues were found than were kept. */
  get issuesTruncated(): boolean {
    return this.tally.total > this.kept.length;
  }

  /** Issues grouped by code, most frequent first (ties: errors first, then by code). */
  issueGroups(): IssueGroup[] {
    return this.tally.groups();
  }

  private record(issues: readonly Issue[]): void {
    for (const issue of issues) {
      if (this.kept.length < this.maxIssues) this.kept.push(issue);
      this.tally.count(issue);
    }
  }

  /** The line a row competing for its match key duplicates under the policy, or null. */
  private duplicateOf(evaluation: RowEvaluation): number | null {
    const { matchKey, line } = evaluation;
    if (evaluation.status !== 'valid' || matchKey === null) return null;
    const policy = this.context.duplicates;
    if (policy === 'keep-first') {
      const { slot, added } = this.firstLineByKey.upsert(matchKey);
      if (added) this.firstLineByKey.set(slot, 0, line);
      return duplicateOfLine(policy, { first: this.firstLineByKey.get(slot, 0), last: line, count: 1 }, line);
    }
    const lines = this.options.keyLines?.get(matchKey);
    if (lines === undefined) throw new Error(`duplicates '${policy}' needs every match key's lines first`);
    return duplicateOfLine(policy, lines, line);
  }

  /** The first earlier sent row with this row's `mobile_phone` (files the phone when none). */
  private phoneFirstLine(evaluation: RowEvaluation): number | null {
    if (evaluation.status !== 'valid' || evaluation.matchKey === null) return null;
    const phone = sentPhoneOf(evaluation);
    if (phone === undefined) return null;
    const key = phoneKey(phone);
    const first = this.firstLineByPhone.get(key);
    if (first === undefined) this.firstLineByPhone.set(key, evaluation.line);
    return first ?? null;
  }
}
