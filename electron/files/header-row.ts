/**
 * Finding the header row and turning its cells into columns, the same for text and Excel.
 */
import { trimInvisible } from '../../shared/normalise/text';
import { columnLetter, type ColumnInfo } from '../../shared/source/source-table';

/**
 * A header cell as the user means it: trimmed of spaces, NBSP, BOM and the zero-width space,
 * joiners and word joiner that spreadsheets carry invisibly (the same characters cells lose).
 */
export function cleanHeader(text: string): string {
  return trimInvisible(text);
}

/** True when every cell is empty or whitespace: an empty line, `,,,,` or ` , , `. */
export function isBlankRow(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/**
 * The columns named by a header row: one per cell, in order, each with its letter.
 *
 * A blank header stays `""` (the UI shows the letter) and repeated headers stay distinct
 * columns: we never invent names like `_1` or `__EMPTY`.
 */
export function columnsFromHeader(cells: readonly string[]): ColumnInfo[] {
  return cells.map((cell, index) => ({ index, letter: columnLetter(index), header: cleanHeader(cell) }));
}
