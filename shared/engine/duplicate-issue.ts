/**
 * The row error given to a row whose match key another row already has — one wording for the
 * CLI's accumulator and the app's review.
 */
import type { DuplicatePolicy } from './check-options';
import type { RowEvaluation } from './check-result';
import type { Issue } from './issue';

/** A column as issues name it: header and spreadsheet letter. */
export interface ColumnRef {
  readonly header: string;
  readonly letter: string;
}

/**
 * The `duplicate-match-key` issue of `evaluation`, which shares its match key with `otherLine`.
 *
 * `match` is the match criteria (`email` or an identity handle); `policy` says which of the rows
 * sharing a key is sent, so the message can say it.
 */
export function duplicateMatchKeyIssue(
  evaluation: RowEvaluation,
  otherLine: number,
  match: string,
  matchColumn: ColumnRef | null | undefined,
  policy: DuplicatePolicy,
): Issue {
  const what = match === 'email' ? 'email' : `identity ${match}`;
  const which =
    policy === 'keep-first'
      ? 'only the first is sent'
      : policy === 'keep-last'
        ? 'only the last is sent'
        : 'none of them is sent';
  return {
    severity: 'error',
    line: evaluation.line,
    column: matchColumn?.header ?? null,
    letter: matchColumn?.letter ?? null,
    target: match === 'email' ? 'email' : `identities.${match}`,
    code: 'duplicate-match-key',
    message: `Duplicate of line ${otherLine}: same ${what} "${evaluation.matchKey}"; ${which}.`,
  };
}
