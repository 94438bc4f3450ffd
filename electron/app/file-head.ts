/**
 * The first rows of an open file as they are, from its first line, so the File step can show them
 * raw and the user can pick the header row by clicking it (a title row above the real header,
 * a blank line, a second header).
 */
import { FileErrorException } from '../../shared/source/source-table';
import type { OpenFile, OpenTable } from './file-store';

/** Rows shown, at most. */
export const headRowLimit = 20;
/** Columns shown per row, at most (the rest are not needed to recognise a header). */
export const headColumnLimit = 40;
/** Characters shown per cell, at most. */
export const headCellLimit = 120;

/** One physical row: its 1-based line (text) or sheet row (Excel) and its cells, shortened. */
export interface HeadRow {
  readonly line: number;
  readonly cells: readonly string[];
}

const shorten = (cells: readonly string[]): string[] =>
  cells
    .slice(0, headColumnLimit)
    .map((cell) => (cell.length > headCellLimit ? `${cell.slice(0, headCellLimit)}…` : cell));

async function collect(table: OpenFile['table']): Promise<HeadRow[]> {
  const rows: HeadRow[] = [
    { line: table.info.headerRow, cells: shorten(table.info.columns.map((c) => c.header)) },
  ];
  try {
    for await (const chunk of table.rows()) {
      for (const row of chunk) {
        rows.push({ line: row.line, cells: shorten(row.cells) });
        if (rows.length >= headRowLimit) return rows;
      }
    }
  } catch (error) {
    // A malformed row (an unclosed quote) ends the head there; the File step says why already.
    if (!(error instanceof FileErrorException)) throw error;
  }
  return rows;
}

/**
 * Up to {@link headRowLimit} rows from the file's first line: the file read again with the same
 * settings but its first line as the header, so rows above the detected header are shown too.
 * Falls back to the rows from the detected header on (when the first line cannot be a header: a
 * `sep=` line, a quoted field spanning it). The rows stop early at a malformed row.
 */
export async function readHead(openTable: OpenTable, open: OpenFile): Promise<HeadRow[]> {
  if (open.table.info.headerRow > 1) {
    try {
      return await collect(
        await openTable(open.path, { ...open.options, headerRow: 1, chunkRows: headRowLimit }),
      );
    } catch (error) {
      if (!(error instanceof FileErrorException)) throw error;
    }
  }
  return collect(open.table);
}
