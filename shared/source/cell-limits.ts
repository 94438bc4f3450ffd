/**
 * The problems of one mapped cell that come from the file rather than from the value's meaning:
 * a cell longer than a cell may be, or a note its reader left (see {@link CellNote}).
 */
import { fileLimits, formatCount } from '../limits/file-limits';
import type { CellNote, SourceRow } from './source-table';

/** A problem to report for a cell, before its value is converted. */
export interface CellProblem {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
}

/**
 * The problem with column `index`'s cell `raw` of `row`, or null: `cell-too-long` beyond
 * `fileLimits.maxCellChars`, else the reader's note for that cell while the cell still holds the
 * text it was read with. Cost: a length test, and a scan of the row's notes when it has any.
 */
export function cellProblem(row: SourceRow, index: number, raw: string): CellProblem | null {
  if (raw.length > fileLimits.maxCellChars) {
    return {
      severity: 'error',
      code: 'cell-too-long',
      message: `the cell holds ${formatCount(raw.length)} characters, more than the ${formatCount(fileLimits.maxCellChars)} a cell may hold`,
    };
  }
  const notes = row.notes;
  if (notes === undefined) return null;
  const note: CellNote | undefined = notes.find((n) => n.column === index && n.text === raw);
  return note === undefined ? null : { severity: note.severity, code: note.code, message: note.message };
}
