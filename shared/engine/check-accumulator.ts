/**
 * Turns row evaluations, in file order, into final outcomes: duplicates, repeated mobile phones,
 * counts, issue groups and batch numbers.
 *
 * Everything that depends on earlier rows lives here, so `evaluateRow` stays a pure function of one
 * row and can run anywhere (another thread, the app's preview). Memory grows with the number of
 * distinct match keys and mobile phones, not with the rows' content.
 */
import type { DuplicatePolicy } from './check-options';
import type { CheckSummary, IssueGroup, RowEvaluation, RowOutcome } from './check-result';
import { duplicateMatchKeyIssue, type ColumnRef } from './duplicate-issue';
import type { Issue } from './issue';

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
  /**
   * Every match key's lines over the whole file (from {@link KeyLineCounter}); required for
   * `keep-last` and `none`, which cannot be decided in one pass in file order.
   */
  readonly keyLines?: ReadonlyMap<string, KeyLines>;
}

/** Where one match key occurs among the valid rows: first and last line, and how often. */
export interface KeyLines {
  readonly first: number;
  readonly last: number;
  readonly count: number;
}

/**
 * Counts each match key's lines over valid rows, in file order: the look-ahead that `keep-last`
 * and `none` need before the accumulator can settle a row.
 */
export class KeyLineCounter {
  readonly #lines = new Map<string, { first: number; last: number; count: number }>();

  /** Adds the next row's evaluation (file order). */
  add(evaluation: RowEvaluation): void {
    if (evaluation.status !== 'valid' || evaluation.matchKey === null) return;
    const known = this.#lines.get(evaluation.matchKey);
    if (known === undefined)
      this.#lines.set(evaluation.matchKey, { first: evaluation.line, last: evaluation.line, count: 1 });
    else {
      known.last = evaluation.line;
      known.count += 1;
    }
  }

  /** The lines by match key. */
  get lines(): ReadonlyMap<string, KeyLines> {
    return this.#lines;
  }
}

export type { ColumnRef } from './duplicate-issue';

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
  private readonly firstLineByKey = new Map<string, number>();
  /** Keyed by the E.164 digits as a number (at most 15 digits, exact below 2^53): far smaller than strings. */
  private readonly firstLineByPhone = new Map<number | string, number>();
  private readonly groups = new Map<
    string,
    { code: string; severity: Issue['severity']; count: number; example: Issue }
  >();
  private readonly kept: Issue[] = [];
  private readonly maxIssues: number;
  private counts = { rows: 0, valid: 0, invalid: 0, blank: 0, duplicate: 0, warnings: 0 };

  constructor(private readonly options: AccumulatorOptions) {
    this.maxIssues = options.maxIssues ?? defaultMaxIssues;
  }

  /** Adds the next row (file order) and returns its final outcome. */
  add(evaluation: RowEvaluation): RowOutcome {
    const counts = this.counts;
    counts.rows += 1;
    const { line, profile, matchKey } = evaluation;
    let issues = evaluation.issues;
    if (evaluation.status === 'valid' && matchKey !== null) {
      const duplicateOf = this.duplicateOf(matchKey, line);
      if (duplicateOf !== null) {
        issues = append(issues, this.duplicateIssue(evaluation, duplicateOf));
        this.record(issues);
        counts.duplicate += 1;
        return { line, status: 'duplicate', profile, matchKey, batch: null, issues, duplicateOf };
      }
      const phone = profile?.mobile_phone;
      if (typeof phone === 'string') {
        const key = phoneKey(phone);
        const firstPhone = this.firstLineByPhone.get(key);
        if (firstPhone === undefined) this.firstLineByPhone.set(key, line);
        else issues = append(issues, this.repeatedPhoneIssue(line, phone, firstPhone));
      }
      if (issues.length > 0) this.record(issues);
      const batch = Math.floor(counts.valid / this.options.batchSize);
      counts.valid += 1;
      return { line, status: 'valid', profile, matchKey, batch, issues };
    }
    if (issues.length > 0) this.record(issues);
    if (evaluation.status === 'blank') {
      counts.blank += 1;
      return { line, status: 'blank', profile, matchKey, batch: null, issues };
    }
    counts.invalid += 1;
    return { line, status: 'invalid', profile, matchKey, batch: null, issues };
  }

  /** Records an issue about the file rather than a row (e.g. a repeated header); it counts like any other. */
  addFileIssue(issue: Issue): void {
    this.record([issue]);
  }

  /** The counts so far; `rows = valid + invalid + blank + duplicate` always holds. */
  get summary(): CheckSummary {
    return { ...this.counts, batches: Math.ceil(this.counts.valid / this.options.batchSize) };
  }

  /** Issues kept in full, in file order (at most `maxIssues`). */
  get issues(): readonly Issue[] {
    return this.kept;
  }

  /** True when more issues were found than were kept. */
  get issuesTruncated(): boolean {
    return this.summaryIssueCount() > this.kept.length;
  }

  /** Issues grouped by code, most frequent first (ties: errors first, then by code). */
  issueGroups(): IssueGroup[] {
    return [...this.groups.values()].sort(
      (a, b) =>
        b.count - a.count ||
        (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
        a.code.localeCompare(b.code),
    );
  }

  private summaryIssueCount(): number {
    let total = 0;
    for (const group of this.groups.values()) total += group.count;
    return total;
  }

  private record(issues: readonly Issue[]): void {
    for (const issue of issues) {
      if (issue.severity === 'warning') this.counts.warnings += 1;
      if (this.kept.length < this.maxIssues) this.kept.push(issue);
      const group = this.groups.get(issue.code);
      if (group) group.count += 1;
      else
        this.groups.set(issue.code, { code: issue.code, severity: issue.severity, count: 1, example: issue });
    }
  }

  /** The line a row with this key duplicates under the policy, or null when the row is sent. */
  private duplicateOf(matchKey: string, line: number): number | null {
    const policy = this.options.duplicates ?? 'keep-first';
    if (policy === 'keep-first') {
      const first = this.firstLineByKey.get(matchKey);
      if (first !== undefined) return first;
      this.firstLineByKey.set(matchKey, line);
      return null;
    }
    const lines = this.options.keyLines?.get(matchKey);
    if (lines === undefined) throw new Error(`duplicates '${policy}' needs every match key's lines first`);
    if (policy === 'keep-last') return lines.last === line ? null : lines.last;
    if (lines.count < 2) return null;
    return lines.first === line ? lines.last : lines.first;
  }

  private duplicateIssue(evaluation: RowEvaluation, firstLine: number): Issue {
    return duplicateMatchKeyIssue(
      evaluation,
      firstLine,
      this.options.match,
      this.options.matchColumn,
      this.options.duplicates ?? 'keep-first',
    );
  }

  private repeatedPhoneIssue(line: number, phone: string, firstLine: number): Issue {
    return {
      severity: 'warning',
      line,
      column: this.options.mobilePhoneColumn?.header ?? null,
      letter: this.options.mobilePhoneColumn?.letter ?? null,
      target: 'mobile_phone',
      code: 'mobile-phone-repeated',
      message: `mobile_phone ${phone} is also on line ${firstLine}; Omneo keeps mobile_phone unique, so one of them may be rejected.`,
    };
  }
}

/** `+61491570156` → 61491570156; anything not plain E.164 stays a string. */
function phoneKey(phone: string): number | string {
  const digits = phone.slice(1);
  return phone.startsWith('+') && /^\d{1,15}$/.test(digits) ? Number(digits) : phone;
}

function append(issues: readonly Issue[], issue: Issue): readonly Issue[] {
  return issues.length === 0 ? [issue] : [...issues, issue];
}
