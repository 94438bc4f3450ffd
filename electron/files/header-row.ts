/**
 * Finding the header row and turning its cells into columns, the same for text and Excel.
 */
import { columnLetter, type ColumnInfo } from '../../shared/source/source-table';

/**
 * Characters trimmed from header texts: JS whitespace (which includes NBSP and U+FEFF) plus the
 * zero-width space, joiners and word joiner that spreadsheets carry invisibly.
 */
const invisible = String.raw`(?:\s|\u200b|\u200c|\u200d|\u2060|\ufeff)+`;
const headerTrim = new RegExp(`^${invisible}|${invisible}$`, 'g');

/** A header cell as the user means it: trimmed of spaces, NBSP, BOM and zero-width characters. */
export function cleanHeader(text: string): string {
  return text.replace(headerTrim, '');
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
