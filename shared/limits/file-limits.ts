/**
 * Every limit the importer puts on a customer's file, in one place.
 *
 * A file beyond a limit gets a message naming the file, the place and the limit (never a crash,
 * a hang or a silent cut), so each limit is stated here with its unit and why it has its value.
 * The readers (`electron/files/`), the engine and the CLI/app messages all take them from here.
 */

/** The limits, with their units in the names. */
export const fileLimits = {
  /**
   * Longest record of a text file without a line break, in characters (32 MiB): a longer one is
   * not a table, or a quote that is never closed.
   */
  maxRecordChars: 32 * 1024 * 1024,
  /**
   * Most characters in one cell: 32,767, Excel's own limit ("Excel specifications and limits":
   * total characters a cell can contain). A longer value in a mapped column is a row error; every
   * profile field Omneo takes is far shorter.
   */
  maxCellChars: 32_767,
  /** Most columns in a file: 16,384 (column XFD), Excel's own limit. */
  maxColumns: 16_384,
  /** Most rows in a workbook sheet: 1,048,576, Excel's own limit. */
  maxSheetRows: 1_048_576,
  /**
   * Most cells holding a value in one workbook sheet: 50,000,000 (a full 1,048,576-row sheet of
   * ~48 columns). Cells are counted from the values found, never from the sheet's declared range.
   */
  maxSheetCells: 50_000_000,
  /**
   * Most bytes a workbook's parts may decompress to in total, as its ZIP directory states them:
   * 1 GiB. Workbooks are ZIP archives of XML that typically shrink 5–20 times; a few MB that
   * expand to GBs is a "zip bomb". The .xlsx reader streams a sheet's XML a piece at a time (a
   * full 1,048,576-row sheet of a few columns is 200–400 MB of XML), so the bound is the time to
   * read it, not memory; each part is also checked against its stated size as it inflates.
   */
  maxWorkbookUnzippedBytes: 1024 * 1024 * 1024,
  /** Most parts (files) in a workbook's ZIP: 20,000 (a workbook of 1,000 sheets has about 2,000). */
  maxWorkbookParts: 20_000,
  /**
   * Deepest nesting of elements in a workbook's XML: 64. A sheet's cells are 5–7 levels deep
   * (worksheet, sheetData, row, c, is, r, t); deeper nesting is not a sheet a program wrote.
   */
  maxWorkbookXmlDepth: 64,
  /**
   * Most characters of a workbook's XML between two tags: 4 Mi. A cell holds at most 32,767
   * characters (330 KB escaped at worst); megabytes of text or spaces in one run is a "zip bomb"
   * that the XML parser would otherwise gather into one string.
   */
  maxWorkbookXmlTextChars: 4 * 1024 * 1024,
  /** Most bytes of the workbook's shared-strings part (all distinct texts): 256 MiB. */
  maxSharedStringsBytes: 256 * 1024 * 1024,
  /**
   * Deepest nesting of arrays and objects in a `:json` cell: 64 levels. Omneo's JSON attributes
   * are records a person reads, a few levels deep; thousands of levels overflow the stack when a
   * batch is serialised.
   */
  maxJsonDepth: 64,
  /**
   * Heap a workbook reader (a worker thread) may use, in MiB; beyond it the file is refused. The
   * .xlsx reader streams and needs far less; SheetJS, which reads .xls (and ZIP workbooks other
   * than .xlsx) whole, can need this much for a big one.
   */
  workbookReaderHeapMb: 1024,
  /**
   * Longest a workbook reader may take to open a workbook, or to give one chunk of rows, in ms
   * (2 minutes).
   */
  workbookOpenMs: 120_000,
  /** Longest a header may be and still be matched to a field name, in characters. */
  maxMatchedHeaderChars: 200,
} as const;

/** `1,048,576` — a count as the messages print it. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en');
}

/** `32 MB`, `1 GB` — a byte size as the messages print it (binary units, as the limits are). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const text = unit === 0 ? String(Math.round(value)) : value.toFixed(1).replace(/\.0$/, '');
  return `${text} ${units[unit] ?? 'bytes'}`;
}
