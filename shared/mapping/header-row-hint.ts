/**
 * Finding the real header row when the chosen one maps nothing: title lines above a header
 * ("Customer export", "Generated 2024-01-01") are common in exports from other systems.
 */
import { matchHeader } from './header-match';

/** A row as the hint needs it: its physical line and its cells. */
export interface HintRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** Least confidence for a cell to count as a header name here (a synonym or a reordered one). */
const headerLikeConfidence = 0.9;

/**
 * The line of the first row that looks like a header — at least two cells, or an `email` cell,
 * that name profile fields outright — or null when none does.
 *
 * Use when automatic mapping mapped nothing, to suggest `--header-row N` (or the header row
 * picker). Rows are checked in the order given; pass the first few dozen.
 */
export function findHeaderRow(rows: Iterable<HintRow>): number | null {
  for (const row of rows) {
    const targets = row.cells
      .map((cell) => matchHeader(cell))
      .filter((m) => m !== null && m.confidence >= headerLikeConfidence)
      .map((m) => m?.target);
    if (new Set(targets).size >= 2 || targets.includes('email')) return row.line;
  }
  return null;
}
