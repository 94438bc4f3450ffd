/**
 * Issues counted by code, with the first of each code as its example, and warnings counted: the
 * "problems, most frequent first" of `check` and of the app's review, kept by one piece of code.
 *
 * The CLI's accumulator only adds; the app's review also takes issues back out when an edit
 * changes a row, so counts can go down (a code whose count reaches 0 disappears).
 */
import type { IssueGroup } from './check-result';
import type { Issue } from './issue';

/** Issue groups and the warning count; see the module comment. */
export class IssueTally {
  readonly #groups = new Map<
    string,
    { code: string; severity: Issue['severity']; count: number; example: Issue }
  >();
  #warnings = 0;
  #total = 0;

  /** Counts `issue` once more (sign 1) or once less (sign -1). */
  count(issue: Issue, sign: 1 | -1 = 1): void {
    this.countCode(issue.code, issue.severity, sign, () => issue);
  }

  /**
   * Counts an issue of `code` once more (sign 1) or once less (sign -1) without holding it: for a
   * review that keeps only its rows' issue codes. `example` is asked only when the code's group is
   * new (the issue shown as its example).
   */
  countCode(code: string, severity: Issue['severity'], sign: 1 | -1, example: () => Issue): void {
    if (severity === 'warning') this.#warnings += sign;
    this.#total += sign;
    const group = this.#groups.get(code);
    if (group) {
      group.count += sign;
      if (group.count <= 0) this.#groups.delete(code);
    } else if (sign > 0) {
      const issue = example();
      this.#groups.set(code, { code, severity: issue.severity, count: 1, example: issue });
    }
  }

  /** Warning issues counted (a row may have several). */
  get warnings(): number {
    return this.#warnings;
  }

  /** Every issue counted. */
  get total(): number {
    return this.#total;
  }

  /** Issues grouped by code, most frequent first (ties: errors first, then by code). */
  groups(): IssueGroup[] {
    return [...this.#groups.values()]
      .map((g) => ({ ...g }))
      .sort(
        (a, b) =>
          b.count - a.count ||
          (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
          a.code.localeCompare(b.code),
      );
  }
}
