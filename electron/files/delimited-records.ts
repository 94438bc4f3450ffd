/**
 * Streams the records of a delimited text file, each with the physical line it starts on.
 *
 * Bytes are read in chunks, decoded incrementally and parsed with papaparse's own parser,
 * which already knows how to stop before a record cut off at the end of a chunk (a quoted
 * field spanning chunks is parsed again once its end has arrived). Line tracking costs
 * nothing for text without quotes (one record per line); where a chunk has quotes we count
 * the line breaks inside the fields.
 */
import Papa from 'papaparse';
import type { EncodingLabel, SourceRow } from '../../shared/source/source-table';
import { columnLetter } from '../../shared/source/source-table';
import { fileLimits, formatBytes, formatCount } from '../../shared/limits/file-limits';
import { readByteChunks, type ByteChunkOptions } from './byte-chunks';
import { fileError } from './file-error';
import { invalidByteNotes } from './invalid-bytes';
import { createDecoder } from './text-decoding';

/** How to read a delimited file, once encoding, delimiter and line ending are known. */
export interface DelimitedPlan {
  /** The file's base name, for messages. */
  readonly name: string;
  readonly encoding: EncodingLabel;
  readonly delimiter: string;
  /** `\n` (also covers CRLF and mixed endings) or `\r` for old Mac files. */
  readonly newline: '\n' | '\r';
  /** Decoded characters before the table, e.g. Excel's `sep=;` line with its line break. */
  readonly skipChars: number;
  /** Physical line of the first character after `skipChars`. */
  readonly firstLine: number;
}

/** Header texts once known, so an error can name the column as the user knows it. */
export interface RecordContext {
  headers: readonly string[] | null;
}

/** A record longer than this without a line break is not a table (or an unclosed quote). */
const maxRecordChars = fileLimits.maxRecordChars;
/** A record with more fields than this is not a row of a table. */
const maxColumns = fileLimits.maxColumns;

interface ParseOutput {
  readonly data: string[][];
  readonly errors: readonly { readonly code: string; readonly row?: number }[];
  readonly meta: { readonly cursor: number };
}

function countBreaks(cells: readonly string[], newline: string): number {
  let breaks = 0;
  for (const cell of cells) {
    let at = cell.indexOf(newline);
    while (at !== -1) {
      breaks++;
      at = cell.indexOf(newline, at + 1);
    }
  }
  return breaks;
}

function columnName(context: RecordContext, index: number): string {
  const header = context.headers?.[index];
  return header ? header : columnLetter(index);
}

/**
 * The first record a papaparse quote error makes untrustworthy, or -1.
 *
 * `MissingQuotes` (a quote never closed) is always fatal. `InvalidQuotes` (text after a closing
 * quote) is fatal only when the field swallowed a line break, because then later records may
 * have been merged into it; otherwise papaparse's lenient reading of `"5" screen` is kept.
 */
function firstBadRow(
  output: ParseOutput,
  newline: string,
): { readonly index: number; readonly missing: boolean } | null {
  let bad: { index: number; missing: boolean } | null = null;
  for (const error of output.errors) {
    const index = error.row ?? -1;
    if (index < 0 || index >= output.data.length) continue;
    const missing = error.code === 'MissingQuotes';
    const fatal =
      missing || (error.code === 'InvalidQuotes' && countBreaks(output.data[index] ?? [], newline) > 0);
    if (fatal && (!bad || index < bad.index)) bad = { index, missing };
  }
  return bad;
}

function quoteError(plan: DelimitedPlan, context: RecordContext, row: SourceRow, missing: boolean) {
  const cells = row.cells;
  let index = missing ? cells.length - 1 : cells.findIndex((c) => c.includes(plan.newline));
  if (index < 0) index = cells.length - 1;
  const line = row.line + countBreaks(cells.slice(0, index), plan.newline);
  const column = columnName(context, index);
  const what = missing ? 'is never closed' : 'is closed in the middle of the field';
  return fileError(
    'unclosed-quote',
    `${plan.name} line ${line}, column ${column}: the quote that opens this field ${what}, so the rows after it cannot be told apart. Fix the quote in the file and open it again.`,
    line,
    column,
  );
}

/** `record` with notes on its cells that hold invalid bytes, when its text was decoded lossy. */
function withInvalidBytes(record: SourceRow, plan: DelimitedPlan, lossy: boolean): SourceRow {
  if (!lossy) return record;
  const notes = invalidByteNotes(record.cells, plan.encoding);
  return notes === undefined ? record : { ...record, notes };
}

function tooManyColumns(plan: DelimitedPlan, line: number, fields: number) {
  return fileError(
    'too-many-columns',
    `${plan.name} line ${line} has ${formatCount(fields)} fields, more than the ${formatCount(maxColumns)} columns a file may have (Excel's own limit); check the delimiter and the quotes on that line.`,
    line,
  );
}

/**
 * Yields every record of the file in order (blank ones and those above the header too), in
 * groups as parsed. A final line break is not a record. A record holding bytes that are not valid
 * in the encoding comes with notes naming those cells (see {@link invalidByteNotes}).
 *
 * Cost: linear in the file. The text after the last complete record is parsed again only once at
 * least as much new text has arrived, so a record spanning many reads (a 40 MB line, a long
 * quoted field) is parsed a few times, not once per 64 KiB read.
 *
 * Throws FileErrorException (after yielding the records before the faulty one): `unclosed-quote`,
 * `too-many-columns` (a record with more fields than `fileLimits.maxColumns`), `unreadable` when a
 * record has no end within `fileLimits.maxRecordChars`.
 */
export async function* readRecords(
  filePath: string,
  plan: DelimitedPlan,
  context: RecordContext,
  options: ByteChunkOptions = {},
): AsyncGenerator<SourceRow[]> {
  const parser = new Papa.Parser({ delimiter: plan.delimiter, newline: plan.newline, quoteChar: '"' });
  const decoder = createDecoder(plan.encoding);
  const newline = plan.newline;
  const stripCr = newline === '\n';
  let skip = plan.skipChars;
  let partial = '';
  /** Length of `partial` when it was last parsed. */
  let parsedPartial = 0;
  /** Whether a line break arrived since the last parse. */
  let newlineSinceParse = false;
  /** Whether `partial` holds a quote. */
  let partialQuoted = false;
  /** Whether `partial` may hold U+FFFD from invalid bytes. */
  let partialLossy = false;
  let line = plan.firstLine;

  /** Turns parsed rows into records; returns the records and the faulty one, if any. */
  const toRecords = (output: ParseOutput, text: string, final: boolean, lossy: boolean) => {
    const fault = firstBadRow(output, newline);
    const badIndex = fault ? fault.index : -1;
    // Only quoted fields can hold line breaks; if the text has no more breaks than records,
    // every record is one line and we need not look inside the fields.
    const quoted = text.includes('"') && countBreaks([text], newline) > output.data.length - (final ? 1 : 0);
    const rows: SourceRow[] = [];
    let bad: SourceRow | null = null;
    const data = output.data;
    for (let i = 0; i < data.length; i++) {
      const cells = data[i] as string[];
      const breaks = quoted ? countBreaks(cells, newline) : 0;
      if (stripCr) {
        const last = cells[cells.length - 1] as string;
        if (last.charCodeAt(last.length - 1) === 13) cells[cells.length - 1] = last.slice(0, -1);
      }
      const row = withInvalidBytes({ line, cells }, plan, lossy);
      if (i === badIndex) {
        bad = row;
        break;
      }
      if (cells.length > maxColumns) return { rows, bad: null, missing: false, wide: row };
      rows.push(row);
      line += 1 + breaks;
    }
    return { rows, bad, missing: fault?.missing ?? false, wide: null };
  };

  /** The error for a record still without an end after `fileLimits.maxRecordChars`. */
  const recordTooLong = (text: string, quoted: boolean) => {
    if (!quoted) {
      return fileError(
        'unreadable',
        `${plan.name} line ${line} is longer than ${formatBytes(maxRecordChars)}, the longest line a table may have: this is not a table.`,
        line,
      );
    }
    const cells = (parser.parse(text, 0, false) as ParseOutput).data[0] ?? [''];
    return quoteError(plan, context, { line, cells }, true);
  };

  for await (const bytes of readByteChunks(filePath, options)) {
    const decoded = decoder.decode(bytes);
    let text = decoded.text;
    if (skip > 0) {
      const dropped = Math.min(skip, text.length);
      text = text.slice(dropped);
      skip -= dropped;
    }
    partial += text;
    partialLossy ||= decoded.lossy;
    // A record ends only at a line break: without a new one nothing can be complete.
    newlineSinceParse ||= text.includes(newline);
    // Known piece by piece, so a 32 MB line is never searched (or flattened) whole.
    partialQuoted ||= text.includes('"');
    const tooLong = partial.length > maxRecordChars;
    if (!newlineSinceParse || (partial.length - parsedPartial < parsedPartial && !tooLong)) {
      if (!tooLong) continue;
      throw recordTooLong(partial, partialQuoted);
    }
    newlineSinceParse = false;
    const input = partial;
    const lossy = partialLossy;
    const output = parser.parse(input, 0, true) as ParseOutput;
    partial = input.slice(output.meta.cursor);
    parsedPartial = partial.length;
    partialLossy = lossy && partial.includes('\ufffd');
    partialQuoted = partial.includes('"');
    const { rows, bad, missing, wide } = toRecords(output, input.slice(0, output.meta.cursor), false, lossy);
    if (rows.length) yield rows;
    if (wide) throw tooManyColumns(plan, wide.line, wide.cells.length);
    if (bad) throw quoteError(plan, context, bad, missing);
    if (partial.length > maxRecordChars) throw recordTooLong(partial, partialQuoted);
  }
  const rest = decoder.end();
  const input = partial + rest.text.slice(skip);
  if (input === '') return;
  const output = parser.parse(input, 0, false) as ParseOutput;
  const last = output.data[output.data.length - 1];
  // A line break that ends the file does not start a record.
  if (last && last.length === 1 && last[0] === '' && input.endsWith(newline)) output.data.pop();
  const { rows, bad, missing, wide } = toRecords(output, input, true, partialLossy || rest.lossy);
  if (rows.length) yield rows;
  if (wide) throw tooManyColumns(plan, wide.line, wide.cells.length);
  if (bad) throw quoteError(plan, context, bad, missing);
}
