/**
 * A row's issues as one small number: the review keeps, per row, which issue codes it counts (for
 * the counts, the issue groups and the filters) without keeping the issues themselves, which are
 * made again from the row when it is shown.
 *
 * A signature is the row's list of (severity, code) in order; files have few distinct lists (most
 * rows have none or the same one or two), so each distinct list gets a number once. Number 0 is
 * the empty list.
 */
import type { RowEvaluation } from '../../shared/engine/check-result';
import type { Issue } from '../../shared/engine/issue';
import { settleRow, type SettleContext } from '../../shared/engine/settle-rules';

/** One distinct list of issue codes. */
export interface Signature {
  /** Severity and code of each issue, in the row's order (a code may repeat). */
  readonly issues: readonly { readonly code: string; readonly severity: Issue['severity'] }[];
  /** The distinct codes. */
  readonly codes: ReadonlySet<string>;
  /** True when any issue is a warning. */
  readonly warned: boolean;
}

/** The signatures met so far; see the module comment. */
export class IssueSignatures {
  readonly #byKey = new Map<string, number>([['', 0]]);
  readonly #list: Signature[] = [{ issues: [], codes: new Set(), warned: false }];
  readonly #extended = new Map<string, number>();

  /** The number of a list of issues. */
  of(issues: readonly Pick<Issue, 'code' | 'severity'>[]): number {
    if (issues.length === 0) return 0;
    return this.#intern(issues.map((i) => ({ code: i.code, severity: i.severity })));
  }

  /** The number of signature `id` with one more issue at its end (cached). */
  plus(id: number, code: string, severity: Issue['severity']): number {
    const key = `${id}\n${severity}\n${code}`;
    const known = this.#extended.get(key);
    if (known !== undefined) return known;
    const extended = this.#intern([...this.get(id).issues, { code, severity }]);
    this.#extended.set(key, extended);
    return extended;
  }

  /** Signature `id`. */
  get(id: number): Signature {
    return this.#list[id] ?? (this.#list[0] as Signature);
  }

  #intern(issues: Signature['issues']): number {
    const key = issues.map((i) => `${i.severity[0]}${i.code}`).join('\n');
    const known = this.#byKey.get(key);
    if (known !== undefined) return known;
    const id = this.#list.length;
    this.#list.push({
      issues,
      codes: new Set(issues.map((i) => i.code)),
      warned: issues.some((i) => i.severity === 'warning'),
    });
    this.#byKey.set(key, id);
    return id;
  }
}

/**
 * The issues settling adds (a duplicate's error, a repeated phone's warning), as the engine's
 * rules make them, for their code and severity.
 */
export function settlingIssues(context: SettleContext): { readonly duplicate: Issue; readonly phone: Issue } {
  const row: RowEvaluation = {
    line: 2,
    status: 'valid',
    profile: { mobile_phone: '+10000000000' },
    matchKey: 'key',
    issues: [],
  };
  const duplicate = settleRow(row, { duplicateOf: 1, phoneFirstLine: null }, context).issues.at(-1);
  const phone = settleRow(row, { duplicateOf: null, phoneFirstLine: 1 }, context).issues.at(-1);
  if (!duplicate || !phone) throw new Error('the settling rules add no issue');
  return { duplicate, phone };
}
