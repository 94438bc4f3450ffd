/**
 * A workbook sheet's cells as rows of text, sized by the cells that hold values — never by the
 * sheet's declared range or by one stray cell far away.
 *
 * Each row stops at its own last value (a stray cell at XFD1 gave every one of 10,000 rows 16,384
 * cells: 9 s and 2 GB; one at XFD1048576 gave a million such rows and ran out of memory). Merged
 * ranges below the header reach every row they cover. Numbers with more digits than Excel keeps
 * carry a note, so a mapped cell is a row error instead of a value with invented zeros.
 */
import type * as XLSX from '@e965/xlsx';
import type { Issue } from '../../shared/engine/issue';
import { fileLimits, formatCount } from '../../shared/limits/file-limits';
import {
  columnLetter,
  type CellNote,
  type ColumnInfo,
  type FileFormat,
  type FileInfo,
  type SheetInfo,
  type SourceRow,
} from '../../shared/source/source-table';
import { columnsFromHeader } from './header-row';

type DenseRow = readonly (XLSX.CellObject | undefined)[] | undefined;

/** True for a cell holding a value (not mere formatting). */
export function hasValue(cell: XLSX.CellObject | undefined): boolean {
  return cell !== undefined && cell.v !== undefined && cell.v !== null && cell.v !== '' && cell.t !== 'z';
}

/** Where a sheet's values are: the last row holding one, the widest row, and how many cells. */
export interface SheetExtent {
  readonly lastRow: number;
  readonly width: number;
  readonly cells: number;
}

/** The extent of a dense sheet's values (0-based `lastRow`, -1 when the sheet holds none). */
export function sheetExtent(data: readonly DenseRow[]): SheetExtent {
  let lastRow = -1;
  let width = 0;
  let cells = 0;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    let end = 0;
    for (let c = 0; c < row.length; c++) {
      if (!hasValue(row[c])) continue;
      cells++;
      end = c + 1;
    }
    if (end > 0) {
      lastRow = r;
      width = Math.max(width, end);
    }
  }
  return { lastRow, width, cells };
}

/**
 * Excel keeps 15 significant digits ("Excel specifications and limits": number precision), so a
 * whole number of 16 or more digits stored as a number has lost its last ones (an 18-digit loyalty
 * number comes back as `123456789012345000`).
 */
const lostDigitsFrom = 1e15;

/** The note for a number cell whose digits Excel may not have kept, or null. */
export function lostDigitsNote(column: number, value: number, text: string): CellNote | null {
  if (!Number.isInteger(value) || Math.abs(value) < lostDigitsFrom) return null;
  return {
    column,
    text,
    severity: 'error',
    code: 'excel-digits-lost',
    message: `the cell is a number of ${text.replace('-', '').length} digits (${text}), but Excel keeps only 15, so its last digits may not be the real ones; format the column as Text in Excel, enter the numbers again and save, or export the file as CSV from the system it came from`,
  };
}

/** A merged range below the header: its top-left text reaches the rows under it, in its first column. */
interface Fill {
  readonly column: number;
  readonly text: string;
}

/** Reads the rows of one sheet; see the module comment. */
export class SheetGrid {
  /** Filled values by 0-based row. */
  private readonly fills = new Map<number, Fill[]>();
  /** The merged ranges filled, as Excel writes them (`A2:A4`). */
  readonly filledRanges: string[] = [];

  /**
   * @param cellText a cell's text (dates as ISO, numbers with all their digits)
   * @param width the sheet's column count; cells beyond it are not read
   */
  constructor(
    private readonly data: readonly DenseRow[],
    private readonly width: number,
    private readonly cellText: (cell: XLSX.CellObject | undefined) => string,
  ) {}

  /** Fills the merged ranges that start below `headerIndex` (0-based), each down its first column. */
  fillMerges(merges: readonly XLSX.Range[], headerIndex: number): void {
    for (const range of merges) {
      if (range.s.r <= headerIndex || range.s.c >= this.width) continue;
      const text = this.cellText(this.data[range.s.r]?.[range.s.c]);
      const ref = `${columnLetter(range.s.c)}${range.s.r + 1}:${columnLetter(range.e.c)}${range.e.r + 1}`;
      this.filledRanges.push(ref);
      if (text === '') continue;
      for (let r = range.s.r + 1; r <= range.e.r; r++) {
        const list = this.fills.get(r) ?? [];
        list.push({ column: range.s.c, text });
        this.fills.set(r, list);
      }
    }
  }

  /** Row `r` (0-based) as text up to its last value, with its notes and the sheet's width. */
  row(r: number): SourceRow {
    const row = this.data[r];
    let end = Math.min(row?.length ?? 0, this.width);
    while (end > 0 && !hasValue(row?.[end - 1])) end--;
    const fills = this.fills.get(r);
    if (fills) for (const fill of fills) end = Math.max(end, fill.column + 1);
    const cells = new Array<string>(end);
    let notes: CellNote[] | undefined;
    for (let c = 0; c < end; c++) {
      const cell = row?.[c];
      const text = this.cellText(cell);
      cells[c] = text;
      if (cell?.t === 'n' && text !== '') {
        const note = lostDigitsNote(c, Number(cell.v), text);
        if (note) (notes ??= []).push(note);
      }
    }
    if (fills) for (const fill of fills) if (cells[fill.column] === '') cells[fill.column] = fill.text;
    return { line: r + 1, cells, width: this.width, ...(notes && { notes }) };
  }

  /** The warnings for columns without a header that hold values ({@link blankHeaderIssues}). */
  blankHeaderColumns(columns: readonly ColumnInfo[], headerIndex: number, lastRow: number): Issue[] {
    const blankIndexes = new Set(columns.filter((c) => c.header === '').map((c) => c.index));
    if (blankIndexes.size === 0) return [];
    const found: BlankHeaderValues = new Map();
    for (let r = headerIndex + 1; r <= lastRow; r++) {
      const row = this.data[r];
      if (!row) continue;
      const end = Math.min(row.length, this.width);
      for (let c = 0; c < end; c++) {
        if (blankIndexes.has(c) && hasValue(row[c])) countBlankHeaderValue(found, c, r);
      }
    }
    return blankHeaderIssues(found, headerIndex);
  }

  /** The warning naming the merged ranges filled, or null when none were. */
  mergedRangesIssue(headerRow: number): Issue | null {
    return mergedRangesIssue(this.filledRanges, headerRow);
  }
}

/** Values found in columns without a header: by 0-based column, how many and the first 3 lines. */
export type BlankHeaderValues = Map<number, { count: number; lines: number[] }>;

/** Counts a value at 0-based `row` in a column without a header. */
export function countBlankHeaderValue(found: BlankHeaderValues, column: number, row: number): void {
  const entry = found.get(column) ?? { count: 0, lines: [] };
  entry.count += 1;
  if (entry.lines.length < 3) entry.lines.push(row + 1);
  found.set(column, entry);
}

/**
 * A warning per column whose header is blank but which holds values below the header row: how
 * many, and the first rows, so nothing is left out without a word.
 */
export function blankHeaderIssues(found: BlankHeaderValues, headerIndex: number): Issue[] {
  return [...found].map(([index, { count, lines }]) => {
    const letter = columnLetter(index);
    return {
      severity: 'warning',
      line: headerIndex + 1,
      column: '',
      letter,
      target: null,
      code: 'header-blank-with-values',
      message: `Line ${headerIndex + 1}: column ${letter} has no header but holds ${formatCount(count)} value${count === 1 ? '' : 's'} (first on line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}); it is not imported unless you map it by letter (--map "col:${letter}=field.path")`,
    };
  });
}

/** The warning naming the merged ranges filled (as Excel writes them, `A2:A4`), or null when none were. */
export function mergedRangesIssue(filledRanges: readonly string[], headerRow: number): Issue | null {
  if (filledRanges.length === 0) return null;
  const shown = filledRanges.slice(0, 10).join(', ');
  const more = filledRanges.length > 10 ? ` and ${formatCount(filledRanges.length - 10)} more` : '';
  return {
    severity: 'warning',
    line: headerRow,
    column: null,
    letter: null,
    target: null,
    code: 'merged-cells-filled',
    message: `Line ${headerRow}: merged cells ${shown}${more}: each range's value is used for every row it covers`,
  };
}

/** Refuses a sheet holding more values than a sheet may (FileErrorException via `fail`). */
export function checkSheetCells(extent: SheetExtent, fail: (message: string) => never): void {
  if (extent.cells > fileLimits.maxSheetCells) {
    fail(
      `holds ${formatCount(extent.cells)} cells with values, more than the ${formatCount(fileLimits.maxSheetCells)} a sheet may hold here; save it as CSV and import that`,
    );
  }
}

/**
 * What a workbook looks like once its sheet and header row are chosen: columns A to the sheet's
 * width, named by the header row's cells (`headerCells`, 0-based `headerIndex`).
 */
export function workbookInfo(
  file: { readonly name: string; readonly size: number; readonly format: FileFormat },
  sheet: { readonly name: string; readonly sheets: readonly SheetInfo[] },
  headerIndex: number,
  headerCells: readonly string[],
  width: number,
): FileInfo {
  return {
    name: file.name,
    format: file.format,
    encoding: null,
    encodingSource: null,
    delimiter: null,
    delimiterSource: null,
    sheet: sheet.name,
    sheets: [...sheet.sheets],
    headerRow: headerIndex + 1,
    columns: columnsFromHeader(Array.from({ length: width }, (_, c) => headerCells[c] ?? '')),
    size: file.size,
  };
}
