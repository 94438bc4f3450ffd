/**
 * What a reader hands the import engine: the file's detected shape and its rows as text.
 *
 * Readers live in `electron/files/` (they need the file system); this module only describes
 * their output, so the engine, the CLI, the app and the tests share one vocabulary.
 */

/** How the file's bytes are laid out; decided from the content, never from the extension. */
export type FileFormat = 'delimited' | 'xlsx' | 'xls';

/** Text encodings the reader understands (WHATWG labels). */
export const encodingLabels = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type EncodingLabel = (typeof encodingLabels)[number];

/** Where a detected setting came from, so the UI can say "detected" or "you chose". */
export type SettingSource = 'bom' | 'detected' | 'default' | 'user';

/** One sheet of a workbook. */
export interface SheetInfo {
  readonly name: string;
  readonly hidden: boolean;
  /** Rows in use, from the first to the last holding a value (header and blank rows included). */
  readonly rows?: number;
}

/** One column of the header row: index from 0, spreadsheet letter (`A`, `B`, … `AA`), header text. */
export interface ColumnInfo {
  readonly index: number;
  readonly letter: string;
  readonly header: string;
}

/** The detected (or user-chosen) shape of a file. */
export interface FileInfo {
  /** The file's base name, used in every message ("customers.csv line 12, column phone"). */
  readonly name: string;
  readonly format: FileFormat;
  /** Text encoding; null for Excel workbooks. */
  readonly encoding: EncodingLabel | null;
  readonly encodingSource: SettingSource | null;
  /** Field delimiter (`,` `;` `\t` `|` …); null for Excel workbooks. */
  readonly delimiter: string | null;
  readonly delimiterSource: SettingSource | null;
  /** The sheet read; null for delimited text. */
  readonly sheet: string | null;
  /** Every sheet of a workbook in workbook order, hidden ones marked; empty for delimited text. */
  readonly sheets: readonly SheetInfo[];
  /** 1-based physical line (text) or sheet row (Excel) of the header row. */
  readonly headerRow: number;
  readonly columns: readonly ColumnInfo[];
  /** File size in bytes, for progress. */
  readonly size: number;
}

/**
 * One data row as found in the file.
 *
 * `line` is the 1-based physical line where the record starts (text) or the sheet row (Excel).
 * `cells` are exactly the fields found, as text, in file order: a ragged row has more or fewer
 * cells than there are columns, and the engine (not the reader) decides what that means.
 * Blank rows (empty, only delimiters, only whitespace) are passed on too, so they can be counted.
 */
export interface SourceRow {
  readonly line: number;
  readonly cells: readonly string[];
  /** Problems the reader found in this row's cells (absent when none). */
  readonly notes?: readonly CellNote[];
  /**
   * The row's width when its trailing empty cells are not stored (workbook rows stop at their last
   * value, so a stray cell at column XFD does not give every row 16,384 cells): `cells` beyond
   * their length read as empty, and the row is not short. Absent for text, where a short row is.
   */
  readonly width?: number;
}

/**
 * A problem the reader found in one cell that the text alone cannot show: bytes invalid in the
 * file's encoding, digits Excel did not keep. The engine reports it when the column is mapped.
 */
export interface CellNote {
  /** 0-based column index. */
  readonly column: number;
  /** The cell's text as read: the note holds only while the cell still has it (an edit clears it). */
  readonly text: string;
  readonly severity: 'error' | 'warning';
  /** Stable kebab-case code, e.g. `encoding-invalid-bytes`. */
  readonly code: string;
  /** What is wrong, without the place (the engine adds line and column). */
  readonly message: string;
}

/** Why a file cannot be imported at all. */
export type FileErrorCode =
  | 'unclosed-quote'
  | 'empty-file'
  | 'no-header'
  | 'unreadable'
  | 'unsupported-format'
  | 'sheet-not-found'
  | 'bad-option'
  | 'too-many-columns';

/** A file error: nothing in the file is importable. `line`/`column` name the place when known. */
export interface FileError {
  readonly code: FileErrorCode;
  readonly message: string;
  readonly line: number | null;
  /** Column header (or letter when the header is blank) where the fault is, when known. */
  readonly column: string | null;
}

/** Thrown by readers (and the engine) for a {@link FileError}; carries it unchanged. */
export class FileErrorException extends Error {
  constructor(readonly fileError: FileError) {
    super(fileError.message);
    this.name = 'FileErrorException';
  }
}

/** Options a user can force instead of detection. */
export interface ReadOptions {
  readonly encoding?: EncodingLabel;
  readonly delimiter?: string;
  readonly sheet?: string;
  /** 1-based line/sheet row of the header; default: the first non-blank row. */
  readonly headerRow?: number;
}

/** Spreadsheet column letter for a 0-based index: 0 → `A`, 25 → `Z`, 26 → `AA`. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
