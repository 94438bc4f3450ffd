/**
 * Keeps spreadsheet programs from evaluating cells of the CSV files we write.
 *
 * A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return can be run as a formula by
 * Excel, LibreOffice and Google Sheets (OWASP "CSV Injection"); prefixing a `'` makes them show it
 * as text. Applied to every cell of every CSV the product writes (results.csv, errors.csv).
 */

const formulaStart = /^[=+\-@\t\r]/;

/** Returns the cell with a leading `'` when it could be read as a formula; other cells unchanged. */
export function neutraliseCsvCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** Whether a cell would be neutralised, for warnings ("formula-like cell"). */
export function isFormulaLike(value: string): boolean {
  return formulaStart.test(value);
}
