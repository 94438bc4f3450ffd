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
    if (issue.severity === 'warning') this.#warnings += sign;
    this.#total += sign;
    const group = this.#groups.get(issue.code);
    if (group) {
      group.count += sign;
      if (group.count <= 0) this.#groups.delete(issue.code);
    } else if (sign > 0) {
      this.#groups.set(issue.code, { code: issue.code, severity: issue.severity, count: 1, example: issue });
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
