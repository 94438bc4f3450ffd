/**
 * Opens a delimited text file (CSV, TSV, `;` or `|` separated) as a {@link TableSource}.
 *
 * Detects encoding, `sep=` line, delimiter and line ending from the start of the file, finds
 * the header row, and streams the rows after it on demand.
 */
import type { Issue } from '../../shared/engine/issue';
import type { FileInfo, SettingSource, SourceRow } from '../../shared/source/source-table';

import { scanUtf8 } from './byte-chunks';
import { readRecords, type DelimitedPlan, type RecordContext } from './delimited-records';
import { detectDelimiter, readSepLine } from './detect-delimiter';
import { detectEncoding, type DetectedEncoding } from './detect-encoding';
import { fileError } from './file-error';
import { columnsFromHeader, isBlankRow } from './header-row';
import type { OpenTableOptions, TableSource } from './open-table';
import { createDecoder } from './text-decoding';

/** What the caller already knows about the file. */
export interface DelimitedFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  /** The first bytes of the file (64 KiB or the whole file). */
  readonly head: Uint8Array;
}

const defaultChunkRows = 5000;

function checkDelimiterOption(name: string, delimiter: string): void {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw fileError(
      'bad-option',
      `${name}: the delimiter must be one character other than a quote or a line break (got ${JSON.stringify(delimiter)}).`,
    );
  }
}

async function choosePlan(file: DelimitedFile, options: OpenTableOptions) {
  const { name, head } = file;
  const detected: DetectedEncoding = options.encoding
    ? { encoding: options.encoding, source: 'user' }
    : await detectEncoding(head, () => scanUtf8(file.path, options.signal));
  if (detected.binary === true) {
    throw fileError(
      'unsupported-format',
      `${name} is not a text table or a workbook (it looks like binary data).`,
    );
  }
  const sample = createDecoder(detected.encoding).decode(head).text;
  const sep = readSepLine(sample);
  const table = sep ? sample.slice(sep.length) : sample;
  let delimiter: string;
  let delimiterSource: SettingSource;
  if (options.delimiter !== undefined) {
    checkDelimiterOption(name, options.delimiter);
    delimiter = options.delimiter;
    delimiterSource = 'user';
  } else if (sep) {
    delimiter = sep.delimiter;
    delimiterSource = 'detected';
  } else {
    const guess = detectDelimiter(table, head.length === file.size);
    delimiter = guess.delimiter;
    delimiterSource = guess.confident ? 'detected' : 'default';
  }
  const newline: '\n' | '\r' = table.includes('\n') || !table.includes('\r') ? '\n' : '\r';
  const plan: DelimitedPlan = {
    name,
    encoding: detected.encoding,
    delimiter,
    newline,
    skipChars: sep ? sep.length : 0,
    firstLine: sep ? 2 : 1,
  };
  return { plan, encodingSource: detected.source, delimiterSource };
}

/** Finds the header record: the one on `headerRow`, or the first non-blank one. */
async function findHeader(file: DelimitedFile, plan: DelimitedPlan, options: OpenTableOptions) {
  const { headerRow } = options;
  if (headerRow !== undefined && (!Number.isInteger(headerRow) || headerRow < plan.firstLine)) {
    throw fileError(
      'bad-option',
      `${file.name}: header row ${headerRow} is not a table line (the table starts on line ${plan.firstLine}).`,
    );
  }
  const context: RecordContext = { headers: null };
  for await (const records of readRecords(file.path, plan, context, { signal: options.signal })) {
    for (const record of records) {
      if (headerRow === undefined ? !isBlankRow(record.cells) : record.line === headerRow) return record;
      if (headerRow !== undefined && record.line > headerRow) {
        throw fileError(
          'bad-option',
          `${file.name}: line ${headerRow} is inside a quoted field that starts on an earlier line, so it cannot be the header row.`,
          headerRow,
        );
      }
    }
  }
  if (headerRow !== undefined) {
    throw fileError(
      'bad-option',
      `${file.name} has no line ${headerRow} to use as the header row.`,
      headerRow,
    );
  }
  throw fileError('no-header', `${file.name} has no header row: every line is blank.`);
}

/**
 * Opens a delimited text file.
 *
 * Throws FileErrorException: `unsupported-format` (binary data), `unreadable` (a line longer than
 * `fileLimits.maxRecordChars`), `bad-option` (bad delimiter or header row), `no-header` (all blank),
 * `unclosed-quote` (when the fault is before or in the header row), `too-many-columns`. A header
 * holding bytes invalid in the encoding is a warning in `notices` (its column can still be mapped).
 */
export async function openDelimited(file: DelimitedFile, options: OpenTableOptions): Promise<TableSource> {
  const { plan, encodingSource, delimiterSource } = await choosePlan(file, options);
  const header = await findHeader(file, plan, options);
  const columns = columnsFromHeader(header.cells);
  const info: FileInfo = {
    name: file.name,
    format: 'delimited',
    encoding: plan.encoding,
    encodingSource,
    delimiter: plan.delimiter,
    delimiterSource,
    sheet: null,
    sheets: [],
    headerRow: header.line,
    columns,
    size: file.size,
  };
  const headerNotes = header.notes ?? [];
  const notices: Issue[] = headerNotes.map((note) => {
    const column = columns[note.column];
    const where = `line ${header.line}, column ${column?.letter ?? note.column + 1}`;
    return {
      severity: 'warning',
      line: header.line,
      column: column?.header ?? null,
      letter: column?.letter ?? null,
      target: null,
      code: note.code,
      message: `${file.name} header row (${where}) ${note.message}`,
    };
  });
  const chunkRows = Math.max(1, options.chunkRows ?? defaultChunkRows);
  const context: RecordContext = { headers: columns.map((c) => c.header) };
  return {
    info,
    ...(notices.length > 0 && { notices }),
    async *rows(): AsyncGenerator<readonly SourceRow[]> {
      const byteOptions = { signal: options.signal, onProgress: options.onProgress };
      for await (const records of readRecords(file.path, plan, context, byteOptions)) {
        let start = 0;
        while (start < records.length && (records[start]?.line ?? 0) <= header.line) start++;
        for (let at = start; at < records.length; at += chunkRows) {
          yield start === 0 && records.length <= chunkRows ? records : records.slice(at, at + chunkRows);
        }
      }
    },
  };
}
