/**
 * Streams a worksheet part's rows as text, a piece of XML at a time: only the cells that hold a
 * value, each as Excel shows it (shared and inline strings, cached formula values, booleans,
 * errors, dates as ISO, numbers with all their digits), and the merged ranges at the end.
 *
 * Rows must come in order (Excel writes them so — ECMA-376 Part 1, 18.3.1.73); a row out of
 * order, or a cell beyond XFD1048576, is a file error rather than a guess.
 */
import { fileLimits, formatCount } from '../../shared/limits/file-limits';
import { columnLetter } from '../../shared/source/source-table';
import { excelSerialToIso, numberToText } from './excel-values';
import { fileError } from './file-error';
import { feedXml, unescapeXstring } from './xlsx-xml';
import type { XlsxZip } from './xlsx-zip';

/** A cell holding a value: its 0-based column, its text, and its number when it is one. */
export interface RawCell {
  readonly column: number;
  readonly text: string;
  /** The number a number cell holds (for the lost-digits check); null for any other cell. */
  readonly number: number | null;
}

/** A row holding at least one element in the XML (possibly no values), 0-based. */
export interface RawRow {
  readonly index: number;
  readonly cells: readonly RawCell[];
}

/** A merged range, 0-based and inclusive. */
export interface MergeRange {
  readonly s: { readonly r: number; readonly c: number };
  readonly e: { readonly r: number; readonly c: number };
}

/** What turning cells into text needs from the workbook. */
export interface SheetContext {
  readonly file: string;
  readonly sheet: string;
  readonly strings: readonly string[];
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
}

/** `AB12` → { c: 27, r: 11 }; null when it is not a cell reference. */
export function parseCellRef(ref: string): { c: number; r: number } | null {
  let c = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const code = ref.charCodeAt(i) | 32;
    if (code < 97 || code > 122) break;
    c = c * 26 + (code - 96);
  }
  const digits = ref.slice(i);
  if (i === 0 || !/^[1-9]\d{0,9}$/.test(digits)) return null;
  return { c: c - 1, r: Number(digits) - 1 };
}

function cellText(
  type: string,
  style: number,
  value: string,
  inline: string,
  context: SheetContext,
): { text: string; number: number | null } {
  switch (type) {
    case 's':
      return { text: context.strings[Number(value)] ?? '', number: null };
    case 'inlineStr':
      return { text: unescapeXstring(inline), number: null };
    case 'str':
      return { text: unescapeXstring(value), number: null };
    case 'b':
      return { text: value === '' ? '' : value === '1' || value === 'true' ? 'TRUE' : 'FALSE', number: null };
    case 'e':
      return { text: value, number: null };
    case 'd': {
      const iso = value.slice(0, 19);
      return { text: iso.endsWith('T00:00:00') ? iso.slice(0, 10) : iso, number: null };
    }
    default: {
      if (value.trim() === '') return { text: '', number: null };
      const number = Number(value);
      if (!Number.isFinite(number)) return { text: value, number: null };
      if (context.dateStyles[style] === true) {
        return { text: excelSerialToIso(number, context.date1904) ?? numberToText(number), number: null };
      }
      return { text: numberToText(number), number };
    }
  }
}

/**
 * The rows of a sheet part in order, a batch per piece of XML read; `merges` receives the
 * merged ranges (they follow the cells in the part). Throws FileErrorException `unreadable` for
 * damaged XML, rows out of order, or a cell beyond Excel's grid.
 */
export async function* readSheetRows(
  zip: XlsxZip,
  part: string,
  context: SheetContext,
  merges: MergeRange[],
): AsyncGenerator<RawRow[]> {
  const where = `${context.file}, sheet ${context.sheet}`;
  let batch: RawRow[] = [];
  let row: RawCell[] | null = null;
  let rowIndex = -1;
  let column = -1;
  let type = '';
  let style = 0;
  let value = '';
  let inline = '';
  let capture: 'v' | 't' | null = null;
  let inInline = false;
  let inPhonetic = false;
  let inCell = false;
  const beyond = (ref: string): never => {
    throw fileError(
      'unreadable',
      `${where}: cell ${ref} is outside Excel's grid (it ends at ${columnLetter(fileLimits.maxColumns - 1)}${fileLimits.maxSheetRows}).`,
    );
  };
  const handlers = {
    open(name: string, attributes: Readonly<Record<string, string>>): void {
      if (name === 'c' && row !== null) {
        const ref = attributes.r;
        const parsed = ref === undefined ? null : parseCellRef(ref);
        if (ref !== undefined && parsed === null) beyond(ref);
        column = parsed?.c ?? column + 1;
        if (column >= fileLimits.maxColumns) beyond(ref ?? `${columnLetter(column)}${rowIndex + 1}`);
        type = attributes.t ?? 'n';
        style = Number(attributes.s ?? 0);
        value = '';
        inline = '';
        inCell = true;
      } else if (name === 'v' && inCell) capture = 'v';
      else if (name === 'is' && inCell) inInline = true;
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && inInline && !inPhonetic) capture = 't';
      else if (name === 'row') {
        const index = attributes.r === undefined ? rowIndex + 1 : Number(attributes.r) - 1;
        if (!Number.isInteger(index) || index < 0 || index >= fileLimits.maxSheetRows) {
          beyond(`A${attributes.r ?? ''}`);
        }
        if (index <= rowIndex) {
          throw fileError(
            'unreadable',
            `${where}: row ${index + 1} comes after row ${rowIndex + 1}, out of order; open the file in Excel, save it and try again.`,
          );
        }
        rowIndex = index;
        row = [];
        column = -1;
      } else if (name === 'mergeCell' && attributes.ref !== undefined) {
        const [start, end] = attributes.ref.split(':');
        const s = parseCellRef(start ?? '');
        const e = parseCellRef(end ?? start ?? '');
        if (s !== null && e !== null) merges.push({ s, e });
      }
    },
    close(name: string): void {
      if (name === 'v' || name === 't') capture = null;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'is') inInline = false;
      else if (name === 'c' && inCell && row !== null) {
        inCell = false;
        const cell = cellText(type, style, value, inline, context);
        if (cell.text !== '') row.push({ column, ...cell });
      } else if (name === 'row' && row !== null) {
        batch.push({ index: rowIndex, cells: row });
        row = null;
      }
    },
    text(text: string): void {
      if (capture === 'v') value += text;
      else if (capture === 't') inline += text;
      else return;
      if (value.length + inline.length > fileLimits.maxWorkbookXmlTextChars) {
        throw fileError(
          'unreadable',
          `${where}: cell ${columnLetter(column)}${rowIndex + 1} holds more than ${formatCount(fileLimits.maxWorkbookXmlTextChars)} characters, far more than the ${formatCount(fileLimits.maxCellChars)} a cell may hold; it is not a sheet Excel wrote.`,
        );
      }
    },
  };
  for await (const _ of feedXml(zip.chunks(part), handlers, { file: context.file, part })) {
    if (batch.length === 0) continue;
    yield batch;
    batch = [];
  }
  if (batch.length > 0) yield batch;
}
