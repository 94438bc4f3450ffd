/** A review row's issues by where they sit: in a cell, or on the whole row; and the worst of them. */
import type { ReviewIssue, ReviewRow } from './grid-model';

/** The issues of one cell (by 0-based column letter match) and the row's whole-row issues. */
export function cellIssues(row: ReviewRow, letter: string): readonly ReviewIssue[] {
  return row.issues.filter((issue) => issue.letter === letter);
}

/** Issues that name no column (a ragged row, a missing match key). */
export function rowIssues(row: ReviewRow): readonly ReviewIssue[] {
  return row.issues.filter((issue) => issue.letter === null);
}

/** The most severe issue level among `issues`, or null when there are none. */
export function worstSeverity(issues: readonly ReviewIssue[]): 'error' | 'warning' | null {
  if (issues.some((issue) => issue.severity === 'error')) return 'error';
  return issues.length > 0 ? 'warning' : null;
}
