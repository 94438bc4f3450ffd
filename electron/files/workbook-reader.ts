/**
 * The workbook reader as the worker thread runs it: open a workbook once (sheet, header row,
 * columns, notices) into a plain, cloneable {@link WorkbookOpened}, then stream its data rows as
 * often as asked from the {@link WorkbookPlan} the opening returned.
 *
 * Readers: the streaming reader for .xlsx (`xlsx-stream.ts`), SheetJS (`excel-table.ts`) for
 * .xls and for ZIP workbooks that are not XML spreadsheets (.xlsb, .ods).
 */
import type { Issue } from '../../shared/engine/issue';
import type { FileInfo, ReadOptions, SourceRow } from '../../shared/source/source-table';
import type { WorkbookFile } from './excel-table';
import { openXlsxStream, xlsxStreamRows, type StreamPlan } from './xlsx-stream';

/** The SheetJS reader, loaded only when needed: loading SheetJS takes ~0.3 s (seconds on a busy machine). */
const sheetjs = () => import('./excel-table');

/** How to read the data rows again: the reader and the choices the opening made. */
export type WorkbookPlan =
  { readonly reader: 'sheetjs'; readonly sheet: string; readonly headerRow: number } | StreamPlan;

/** An opened workbook: what the file looks like, what the reader noticed, and how to read its rows. */
export interface WorkbookOpened {
  readonly info: FileInfo;
  readonly notices: readonly Issue[];
  readonly plan: WorkbookPlan;
}

/**
 * Opens a workbook: chooses the sheet and the header row (the user's, or detected).
 *
 * Throws FileErrorException as `openWorkbook` (`excel-table.ts`) and {@link openXlsxStream} do.
 */
export async function openWorkbookPlan(file: WorkbookFile, options: ReadOptions): Promise<WorkbookOpened> {
  if (file.format === 'xlsx') {
    const streamed = await openXlsxStream(file, options);
    if (streamed !== null) return streamed;
  }
  const source = await (
    await sheetjs()
  ).openWorkbook(file, { sheet: options.sheet, headerRow: options.headerRow });
  const sheet = source.info.sheet ?? '';
  return {
    info: source.info,
    notices: source.notices ?? [],
    plan: { reader: 'sheetjs', sheet, headerRow: source.info.headerRow },
  };
}

/**
 * The data rows of an opened workbook, in sheet order, at most `chunkRows` a chunk.
 *
 * Throws FileErrorException when the file changed so that the plan no longer fits it.
 */
export async function* workbookRows(
  file: WorkbookFile,
  plan: WorkbookPlan,
  chunkRows: number,
): AsyncGenerator<readonly SourceRow[]> {
  if (plan.reader === 'stream') {
    yield* xlsxStreamRows(file, plan, chunkRows);
    return;
  }
  const source = await (
    await sheetjs()
  ).openWorkbook(file, { sheet: plan.sheet, headerRow: plan.headerRow, chunkRows });
  yield* source.rows();
}

/**
 * A chunk of rows as JSON text for the trip between threads (JSON crosses faster than a structured
 * clone of many small objects), a row with no cells sent as its line number alone: a stray cell
 * at XFD1048576 makes a million blank rows.
 */
export function encodeRows(rows: readonly SourceRow[]): string {
  return JSON.stringify(
    rows.map((row) => (row.cells.length === 0 && row.notes === undefined ? row.line : row)),
  );
}

/** The rows {@link encodeRows} encoded; blank rows get `width` (the sheet's) back. */
export function decodeRows(json: string, width: number): SourceRow[] {
  const empty: readonly string[] = [];
  return (JSON.parse(json) as (SourceRow | number)[]).map((row) =>
    typeof row === 'number' ? { line: row, cells: empty, width } : row,
  );
}
