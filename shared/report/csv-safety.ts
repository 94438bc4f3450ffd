/**
 * Keeps spreadsheet programs from evaluating cells of the CSV files we write.
 *
 * A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return can be run as a formula by
 * Excel, LibreOffice and Google Sheets (OWASP "CSV Injection"). Spreadsheets also skip leading
 * spaces before reading a formula (` =1+1`, `\u00a0@SUM(1)`), so the first non-whitespace
 * character decides. Prefixing a `'` makes them show the cell as text. Applied to every cell of
 * every CSV the product writes (results.csv, errors.csv).
 */

/** A tab or CR first, or `=`, `+`, `-`, `@` after any leading whitespace (spaces, NBSP, newlines). */
const formulaStart = /^(?:[\t\r]|[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

/** Returns the cell with a leading `'` when it could be read as a formula; other cells unchanged. */
export function neutraliseCsvCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** Whether a cell would be neutralised, for warnings ("formula-like cell"). */
export function isFormulaLike(value: string): boolean {
  return formulaStart.test(value);
}

/**
 * The cell as it was before {@link neutraliseCsvCell}: `'+61 491 570 157` → `+61 491 570 157`.
 *
 * Only a `'` followed by what the writer neutralises is removed, so `'tis` and `'quoted'` stay as
 * they are. For files this app wrote (see {@link isErrorsReportHeader}); a spreadsheet shows the
 * same cell without the `'` too, so the customer's own value comes back.
 */
export function restoreCsvCell(value: string): string {
  return value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value;
}

/**
 * True for the header of an `errors.csv` this app wrote: the file's own columns plus a last
 * column `error` (report-writer.ts). Its cells were neutralised on writing and are restored on
 * reading, so a re-import sends the original values.
 */
export function isErrorsReportHeader(headers: readonly string[]): boolean {
  return headers.length > 1 && headers.at(-1)?.trim() === 'error';
}
