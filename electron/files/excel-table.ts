/**
 * Opens an Excel workbook with SheetJS (.xls through its BIFF reader, and ZIP workbooks the
 * streaming reader does not take) as a {@link TableSource}.
 *
 * SheetJS has no streaming reader, so the workbook is read whole; rows are converted to text
 * lazily, a chunk at a time. Formulas are never evaluated: only their cached values are read.
 * It runs in the workbook reader's worker thread (`workbook-isolation.ts`), never on the host's.
 */
import { readFile } from 'node:fs/promises';
import type * as XLSX from '@e965/xlsx';
import type { FileFormat, SheetInfo, SourceRow } from '../../shared/source/source-table';
import { isDateFormat } from './excel-date-format';
import { excelErrorText, excelSerialToIso, numberToText } from './excel-values';
import { fileError } from './file-error';
import { isBlankRow } from './header-row';
import { checkSheetCells, SheetGrid, sheetExtent, workbookInfo } from './sheet-grid';
import { checkUnzippedSize } from './workbook-zip';
import { defaultSheetName } from './xlsx-parts';

export { defaultSheetName } from './xlsx-parts';
import type { OpenTableOptions, TableSource } from './open-table';

/** What the caller already knows about the workbook file (structured-cloned to the reader's worker). */
export interface WorkbookFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  readonly format: FileFormat;
}

const defaultChunkRows = 5000;

/** A cell's text: dates as ISO, numbers with all their digits, booleans `TRUE`/`FALSE`. */
export function cellText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 's':
      return String(cell.v);
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return excelErrorText(Number(cell.v));
    case 'n': {
      const value = Number(cell.v);
      if (typeof cell.z === 'string' && isDateFormat(cell.z)) {
        return excelSerialToIso(value, date1904) ?? numberToText(value);
      }
      return numberToText(value);
    }
    case 'd':
      // Only with cellDates, which we never set; kept zone-free in case a reader produces one.
      return cell.v instanceof Date
        ? cell.v
            .toISOString()
            .slice(0, 19)
            .replace(/T00:00:00$/, '')
        : String(cell.v);
    case 'z':
      return '';
    default:
      return String(cell.v);
  }
}

async function readWorkbook(file: WorkbookFile, signal: AbortSignal | undefined): Promise<XLSX.WorkBook> {
  const bytes = await readFile(file.path, { signal });
  // Loaded here, not at the top: loading SheetJS takes ~0.3 s, seconds on a busy machine.
  const XLSX = await import('@e965/xlsx');
  if (file.format === 'xlsx') checkUnzippedSize(file.name, bytes);
  try {
    return XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      cellNF: true,
      cellFormula: false,
      cellHTML: false,
      cellText: false,
      cellDates: false,
      cellStyles: false,
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw fileError('unreadable', `${file.name} could not be read as an Excel workbook (${why}).`);
  }
}

/** Every sheet in workbook order with its hidden flag (1 hidden, 2 "very hidden") and rows in use. */
function listSheets(workbook: XLSX.WorkBook): SheetInfo[] {
  const meta = workbook.Workbook?.Sheets ?? [];
  return workbook.SheetNames.map((name, i) => ({
    name,
    hidden: (meta[i]?.Hidden ?? 0) !== 0,
    rows:
      sheetExtent((workbook.Sheets[name]?.['!data'] ?? []) as (XLSX.CellObject[] | undefined)[]).lastRow + 1,
  }));
}

/** The workbook's active tab from `<bookViews>` (0 when absent, as in BIFF files). */
function activeTab(workbook: XLSX.WorkBook): number {
  // SheetJS parses <bookViews> into Workbook.WBView but its typings omit it.
  const views = (workbook.Workbook as { WBView?: readonly { activeTab?: number }[] } | undefined)?.WBView;
  return Number(views?.[0]?.activeTab ?? 0);
}

/**
 * Opens a workbook, choosing the sheet and header row.
 *
 * Columns run from A to the last column holding a value (so letters match Excel); each row
 * stops at its own last value and carries the sheet's width (`SourceRow.width`); blank rows inside
 * the used range are yielded as blank. Merged ranges below the header are filled down and named in
 * a warning, and columns without a header that hold values are named too (`notices`). Throws FileErrorException: `unreadable`,
 * `sheet-not-found` (listing the sheets), `no-header` (empty sheet), `bad-option` (header row
 * outside the sheet).
 */
export async function openWorkbook(file: WorkbookFile, options: OpenTableOptions): Promise<TableSource> {
  options.signal?.throwIfAborted();
  const workbook = await readWorkbook(file, options.signal);
  options.onProgress?.({ bytesRead: file.size, totalBytes: file.size });
  const sheets = listSheets(workbook);
  const sheetName = options.sheet ?? defaultSheetName(sheets, activeTab(workbook));
  const sheet = sheetName === undefined ? undefined : workbook.Sheets[sheetName];
  if (sheetName === undefined || !sheet) {
    const names = sheets.map((s) => `"${s.name}"`).join(', ');
    throw fileError(
      'sheet-not-found',
      `${file.name} has no sheet "${options.sheet ?? ''}"; its sheets are ${names || 'none'}.`,
    );
  }
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  const extent = sheetExtent(data);
  checkSheetCells(extent, (why) => {
    throw fileError('unreadable', `${file.name}, sheet ${sheetName} ${why}.`);
  });
  const { lastRow, width } = extent;
  const grid = new SheetGrid(data, width, (cell) => cellText(cell, date1904));
  const rowText = (r: number): readonly string[] => grid.row(r).cells;
  let headerIndex = -1;
  if (options.headerRow !== undefined) {
    if (!Number.isInteger(options.headerRow) || options.headerRow < 1 || options.headerRow - 1 > lastRow) {
      throw fileError(
        'bad-option',
        `${file.name}, sheet ${sheetName}: there is no row ${options.headerRow} to use as the header row.`,
        options.headerRow,
      );
    }
    headerIndex = options.headerRow - 1;
  } else {
    for (let r = 0; r <= lastRow && headerIndex === -1; r++) if (!isBlankRow(rowText(r))) headerIndex = r;
  }
  if (headerIndex === -1) {
    throw fileError('no-header', `${file.name}, sheet ${sheetName} is empty: there is no header row.`);
  }
  const headerCells = rowText(headerIndex);
  const info = workbookInfo(file, { name: sheetName, sheets }, headerIndex, headerCells, width);
  grid.fillMerges(sheet['!merges'] ?? [], headerIndex);
  const merged = grid.mergedRangesIssue(headerIndex + 1);
  const notices = [
    ...(merged ? [merged] : []),
    ...grid.blankHeaderColumns(info.columns, headerIndex, lastRow),
  ];
  const chunkRows = Math.max(1, options.chunkRows ?? defaultChunkRows);
  return {
    info,
    ...(notices.length > 0 && { notices }),
    async *rows(): AsyncGenerator<readonly SourceRow[]> {
      for (let start = headerIndex + 1; start <= lastRow; start += chunkRows) {
        options.signal?.throwIfAborted();
        const end = Math.min(lastRow + 1, start + chunkRows);
        const chunk: SourceRow[] = [];
        for (let r = start; r < end; r++) chunk.push(grid.row(r));
        yield chunk;
      }
    },
  };
}
