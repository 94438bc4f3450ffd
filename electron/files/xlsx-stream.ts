/**
 * The streaming .xlsx reader: reads a sheet's XML a piece at a time, so a full 1,048,576-row sheet
 * opens and checks in bounded memory (SheetJS holds the whole workbook, several times its XML).
 *
 * Opening is one pass over the sheet (where the values are, the header row, columns without a
 * header that hold values, merged ranges); each read of the rows is another pass. It behaves as
 * the SheetJS reader (`excel-table.ts`) does: columns run from A to the last column holding a
 * value, each row stops at its last value and carries the sheet's width, blank rows inside the
 * used range are yielded blank, merged ranges below the header reach every row they cover, and a
 * number Excel cannot keep every digit of carries a note.
 */
import { fileLimits, formatCount } from '../../shared/limits/file-limits';
import {
  columnLetter,
  type CellNote,
  type ReadOptions,
  type SheetInfo,
  type SourceRow,
} from '../../shared/source/source-table';
import type { WorkbookFile } from './excel-table';
import { fileError } from './file-error';
import { cleanHeader } from './header-row';
import {
  blankHeaderIssues,
  countBlankHeaderValue,
  lostDigitsNote,
  mergedRangesIssue,
  workbookInfo,
  type BlankHeaderValues,
} from './sheet-grid';
import type { WorkbookOpened } from './workbook-reader';
import { defaultSheetName, readDateStyles, readSharedStrings, readWorkbookParts } from './xlsx-parts';
import { readSheetRows, type MergeRange, type RawCell, type SheetContext } from './xlsx-sheet';
import { XlsxZip } from './xlsx-zip';

/** How to read the rows of a sheet the streaming reader opened. */
export interface StreamPlan {
  readonly reader: 'stream';
  readonly sheet: string;
  readonly part: string;
  /** 1-based. */
  readonly headerRow: number;
  /** 0-based index of the last row holding a value. */
  readonly lastRow: number;
  readonly width: number;
  /** The merged ranges filled down (below the header, starting inside the width). */
  readonly merges: readonly MergeRange[];
  readonly date1904: boolean;
  readonly sharedStringsPart: string | null;
  readonly stylesPart: string | null;
}

async function withZip<T>(file: WorkbookFile, use: (zip: XlsxZip) => Promise<T>): Promise<T> {
  const zip = await XlsxZip.open(file.path, file.name);
  try {
    return await use(zip);
  } finally {
    zip.close();
  }
}

async function contextFor(
  zip: XlsxZip,
  file: WorkbookFile,
  plan: Pick<StreamPlan, 'sheet' | 'sharedStringsPart' | 'stylesPart' | 'date1904'>,
): Promise<SheetContext> {
  return {
    file: file.name,
    sheet: plan.sheet,
    strings: await readSharedStrings(zip, plan.sharedStringsPart, file.name),
    dateStyles: await readDateStyles(zip, plan.stylesPart, file.name),
    date1904: plan.date1904,
  };
}

/**
 * Opens an .xlsx workbook by streaming its chosen sheet once; null when the package is not an
 * XML spreadsheet (an .xlsb, an .ods), for SheetJS to read. Throws FileErrorException:
 * `unreadable` (damaged, a limit passed), `sheet-not-found`, `no-header`, `bad-option`.
 */
export async function openXlsxStream(
  file: WorkbookFile,
  options: ReadOptions,
): Promise<WorkbookOpened | null> {
  return withZip(file, async (zip) => {
    const book = await readWorkbookParts(zip, file.name);
    if (book === null) return null;
    const sheetName = options.sheet ?? defaultSheetName(book.sheets, book.activeTab);
    const sheet = book.sheets.find((s) => s.name === sheetName);
    if (sheetName === undefined || sheet === undefined) {
      const names = book.sheets.map((s) => `"${s.name}"`).join(', ');
      throw fileError(
        'sheet-not-found',
        `${file.name} has no sheet "${options.sheet ?? ''}"; its sheets are ${names || 'none'}.`,
      );
    }
    const where = `${file.name}, sheet ${sheet.name}`;
    const { headerRow } = options;
    if (headerRow !== undefined && (!Number.isInteger(headerRow) || headerRow < 1)) {
      throw fileError(
        'bad-option',
        `${where}: there is no row ${headerRow} to use as the header row.`,
        headerRow,
      );
    }
    const base = {
      sheet: sheet.name,
      sharedStringsPart: book.sharedStringsPart,
      stylesPart: book.stylesPart,
    };
    const context = await contextFor(zip, file, { ...base, date1904: book.date1904 });
    const merges: MergeRange[] = [];
    let lastRow = -1;
    let width = 0;
    let cells = 0;
    let headerIndex = headerRow === undefined ? -1 : headerRow - 1;
    let header: string[] = [];
    const blank: BlankHeaderValues = new Map();
    for await (const batch of readSheetRows(zip, sheet.part, context, merges)) {
      for (const row of batch) {
        if (row.cells.length === 0) continue;
        cells += row.cells.length;
        if (cells > fileLimits.maxSheetCells) {
          throw fileError(
            'unreadable',
            `${where} holds more than the ${formatCount(fileLimits.maxSheetCells)} cells with values a sheet may hold here; save it as CSV and import that.`,
          );
        }
        lastRow = row.index;
        for (const cell of row.cells) width = Math.max(width, cell.column + 1);
        if (headerIndex === -1 && row.cells.some((cell) => cell.text.trim() !== '')) headerIndex = row.index;
        if (row.index === headerIndex) header = denseTexts(row.cells);
        else if (headerIndex !== -1 && row.index > headerIndex) {
          for (const cell of row.cells) {
            if (cleanHeader(header[cell.column] ?? '') === '')
              countBlankHeaderValue(blank, cell.column, row.index);
          }
        }
      }
    }
    if (headerRow !== undefined && headerRow - 1 > lastRow) {
      throw fileError(
        'bad-option',
        `${where}: there is no row ${headerRow} to use as the header row.`,
        headerRow,
      );
    }
    if (headerIndex === -1) throw fileError('no-header', `${where} is empty: there is no header row.`);
    const filled = merges.filter((m) => m.s.r > headerIndex && m.s.c < width);
    const ref = (m: MergeRange) => `${columnLetter(m.s.c)}${m.s.r + 1}:${columnLetter(m.e.c)}${m.e.r + 1}`;
    const merged = mergedRangesIssue(filled.map(ref), headerIndex + 1);
    const sheets: SheetInfo[] = [];
    for (const other of book.sheets) {
      const rows =
        other === sheet ? lastRow + 1 : await rowsInUse(zip, other.part, { ...context, sheet: other.name });
      sheets.push({ name: other.name, hidden: other.hidden, rows });
    }
    return {
      info: workbookInfo(file, { name: sheet.name, sheets }, headerIndex, header, width),
      notices: [...(merged ? [merged] : []), ...blankHeaderIssues(blank, headerIndex)],
      plan: {
        reader: 'stream',
        ...base,
        part: sheet.part,
        headerRow: headerIndex + 1,
        lastRow,
        width,
        merges: filled,
        date1904: book.date1904,
      },
    };
  });
}

/**
 * Rows in use in another sheet of the workbook, from the first to the last holding a value, as
 * the sheet list shows them: one more pass, over that sheet.
 */
async function rowsInUse(zip: XlsxZip, part: string, context: SheetContext): Promise<number> {
  let last = -1;
  for await (const batch of readSheetRows(zip, part, context, [])) {
    for (const row of batch) if (row.cells.length > 0) last = row.index;
  }
  return last + 1;
}

/** Cells as a dense array of texts up to the last one. */
function denseTexts(cells: readonly RawCell[]): string[] {
  const texts: string[] = [];
  for (const cell of cells) {
    while (texts.length < cell.column) texts.push('');
    texts[cell.column] = cell.text;
  }
  return texts;
}

/** A merged range's value reaching the rows under its top-left cell. */
interface Fill {
  readonly column: number;
  readonly text: string;
  readonly from: number;
  readonly to: number;
}

function sourceRow(
  index: number,
  cells: readonly RawCell[],
  fills: readonly Fill[],
  width: number,
): SourceRow {
  const texts = denseTexts(cells);
  let notes: CellNote[] | undefined;
  for (const cell of cells) {
    if (cell.number === null) continue;
    const note = lostDigitsNote(cell.column, cell.number, cell.text);
    if (note) (notes ??= []).push(note);
  }
  for (const fill of fills) {
    if (index <= fill.from || index > fill.to) continue;
    while (texts.length <= fill.column) texts.push('');
    if (texts[fill.column] === '') texts[fill.column] = fill.text;
  }
  return { line: index + 1, cells: texts, width, ...(notes && { notes }) };
}

/**
 * The data rows of a sheet the streaming reader opened, at most `chunkRows` a chunk. Throws
 * FileErrorException as {@link readSheetRows} does.
 */
export async function* xlsxStreamRows(
  file: WorkbookFile,
  plan: StreamPlan,
  chunkRows: number,
): AsyncGenerator<readonly SourceRow[]> {
  const zip = await XlsxZip.open(file.path, file.name);
  try {
    const context = await contextFor(zip, file, plan);
    const starts = new Map<number, MergeRange[]>();
    for (const m of plan.merges) starts.set(m.s.r, [...(starts.get(m.s.r) ?? []), m]);
    let fills: Fill[] = [];
    let chunk: SourceRow[] = [];
    let next = plan.headerRow;
    /** Adds row `next` (0-based) to the chunk; true when the chunk is full. */
    const emit = (cells: readonly RawCell[]): boolean => {
      if (fills.length > 0) fills = fills.filter((f) => f.to >= next);
      chunk.push(sourceRow(next, cells, fills, plan.width));
      next += 1;
      return chunk.length >= chunkRows;
    };
    reading: for await (const batch of readSheetRows(zip, plan.part, context, [])) {
      for (const row of batch) {
        if (row.index < next) continue;
        if (row.index > plan.lastRow) break reading;
        while (next < row.index) {
          if (emit([])) {
            yield chunk;
            chunk = [];
          }
        }
        for (const m of starts.get(row.index) ?? []) {
          const text = row.cells.find((cell) => cell.column === m.s.c)?.text ?? '';
          if (text !== '') fills.push({ column: m.s.c, text, from: m.s.r, to: m.e.r });
        }
        if (emit(row.cells)) {
          yield chunk;
          chunk = [];
        }
      }
    }
    while (next <= plan.lastRow) {
      if (emit([])) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
  } finally {
    zip.close();
  }
}
