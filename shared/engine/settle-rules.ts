/**
 * The rules that settle a row once its evaluation is known: which row of a match-key group is
 * sent under the duplicates policy, what a row whose `mobile_phone` an earlier sent row has becomes,
 * and the issues each of those adds.
 *
 * Two front ends apply them: the CLI's streaming `CheckAccumulator` (one pass in file order, memory
 * per distinct key) and the app's incremental `ReviewState` (re-settles only the rows an edit can
 * change). Each keeps its own index of the groups — they must differ, one streams and one edits —
 * but both ask these functions for every verdict, so a file settles the same in `check` and in the
 * app's review.
 */
import type { OmneoProfile } from '../omneo/profile-schema';
import type { DuplicatePolicy, RepeatedPhonesPolicy } from './check-options';
import type { RowEvaluation, RowOutcome } from './check-result';
import { duplicateMatchKeyIssue, type ColumnRef } from './duplicate-issue';
import type { Issue } from './issue';
import { leftOutOf } from './left-out';

/** Where one match key occurs among the rows that compete for it: first and last line, and how often. */
export interface KeyLines {
  readonly first: number;
  readonly last: number;
  readonly count: number;
}

/**
 * The line a row with this match key defers to under `policy`, or null when the row is the one
 * sent: `keep-first` sends the group's first row, `keep-last` its last, `none` sends no row of a
 * group of two or more (the first defers to the last, every other row to the first).
 */
export function duplicateOfLine(policy: DuplicatePolicy, group: KeyLines, line: number): number | null {
  if (policy === 'keep-first') return group.first === line ? null : group.first;
  if (policy === 'keep-last') return group.last === line ? null : group.last;
  if (group.count < 2) return null;
  return group.first === line ? group.last : group.first;
}

/** What the settling rules need besides the evaluation: the plan's match, columns and policies. */
export interface SettleContext {
  /** The match criteria: `email` or an identity handle. */
  readonly match: string;
  readonly matchColumn: ColumnRef | null | undefined;
  readonly mobilePhoneColumn: ColumnRef | null | undefined;
  readonly duplicates: DuplicatePolicy;
  readonly repeatedPhones: RepeatedPhonesPolicy;
}

/** What a row's groups say of it: the line it duplicates, and the earlier sent row with its phone. */
export interface GroupVerdict {
  /** The line of the match-key group's row this one defers to, or null when this row is sent. */
  readonly duplicateOf: number | null;
  /** The first earlier sent row with the same `mobile_phone`, or null. */
  readonly phoneFirstLine: number | null;
}

/** A row's outcome without its batch number (the caller numbers sent rows in file order). */
export type SettledRow = Omit<RowOutcome, 'batch'>;

/**
 * A row's final status, issues and profile as sent, from its evaluation and its groups' verdict.
 *
 * Only a `valid` evaluation with a match key competes for its key; a duplicate keeps the profile
 * it would have had (for the preview) and gets a `duplicate-match-key` error; a sent row whose phone
 * an earlier sent row has gets a `mobile-phone-repeated` warning and, when the policy is
 * `leave-out`, is sent without `mobile_phone`.
 */
export function settleRow(
  evaluation: RowEvaluation,
  verdict: GroupVerdict,
  context: SettleContext,
): SettledRow {
  const { line, profile, matchKey } = evaluation;
  if (evaluation.status !== 'valid' || matchKey === null)
    return {
      line,
      status: evaluation.status === 'blank' ? 'blank' : 'invalid',
      profile,
      matchKey,
      issues: evaluation.issues,
    };
  if (verdict.duplicateOf !== null) {
    const issue = duplicateMatchKeyIssue(
      evaluation,
      verdict.duplicateOf,
      context.match,
      context.matchColumn,
      context.duplicates,
    );
    return {
      line,
      status: 'duplicate',
      profile,
      matchKey,
      issues: [...evaluation.issues, issue],
      duplicateOf: verdict.duplicateOf,
    };
  }
  const phone = profile?.mobile_phone;
  if (verdict.phoneFirstLine === null || typeof phone !== 'string' || profile === null)
    return withLeftOut({ line, status: 'valid', profile, matchKey, issues: evaluation.issues }, context);
  const issue = repeatedPhoneIssue(line, phone, verdict.phoneFirstLine, context);
  return withLeftOut(
    {
      line,
      status: 'valid',
      profile: context.repeatedPhones === 'leave-out' ? withoutMobilePhone(profile) : profile,
      matchKey,
      issues: [...evaluation.issues, issue],
    },
    context,
  );
}

/** A sent row with the values its issues say were left out (see ./left-out.ts), when there are any. */
function withLeftOut(row: SettledRow, context: SettleContext): SettledRow {
  if (row.issues.length === 0) return row;
  const leftOut = leftOutOf(row.issues, context.repeatedPhones);
  return leftOut.length === 0 ? row : { ...row, leftOut };
}

/** The `mobile_phone` a sent row files under for the repeated-phone rule, or undefined. */
export function sentPhoneOf(evaluation: RowEvaluation | undefined): string | undefined {
  const phone = evaluation?.profile?.mobile_phone;
  return typeof phone === 'string' ? phone : undefined;
}

/**
 * A phone as a compact key: `+61491570156` → 61491570156 (E.164 has at most 15 digits, exact
 * below 2^53, and a number is far smaller than a string); anything not plain E.164 stays a string.
 */
export function phoneKey(phone: string): number | string {
  const digits = phone.slice(1);
  return phone.startsWith('+') && /^\d{1,15}$/.test(digits) ? Number(digits) : phone;
}

/**
 * The warning for a sent row whose `mobile_phone` an earlier sent row (`firstLine`) has: Omneo
 * keeps `mobile_phone` unique per tenant, so the later profile would be refused.
 */
function repeatedPhoneIssue(line: number, phone: string, firstLine: number, context: SettleContext): Issue {
  return {
    severity: 'warning',
    line,
    column: context.mobilePhoneColumn?.header ?? null,
    letter: context.mobilePhoneColumn?.letter ?? null,
    target: 'mobile_phone',
    code: 'mobile-phone-repeated',
    message:
      context.repeatedPhones === 'leave-out'
        ? `mobile_phone ${phone} is also on line ${firstLine}; left out of this row, since Omneo keeps mobile_phone unique.`
        : `mobile_phone ${phone} is also on line ${firstLine}; Omneo keeps mobile_phone unique, so one of them may be rejected.`,
  };
}

function withoutMobilePhone(profile: OmneoProfile): OmneoProfile {
  const { mobile_phone: _left, ...rest } = profile;
  return rest;
}
