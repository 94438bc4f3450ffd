/**
 * The CSV reports a user can save: a job's `results.csv` and `errors.csv` (written by the runner's
 * report writer when the job ended), and the open file's rows with problems. Every cell is
 * neutralised against spreadsheet formulas (OWASP CSV injection) and files start with a UTF-8 BOM.
 */
import Papa from 'papaparse';
import { neutraliseCsvCell } from '../../shared/report/csv-safety';
import { OperationFailure } from '../app/handler-registry';
import type { FileWorkspace } from './file-workspace';
import { jobReportFile } from '../jobs/job-reports';
import { JournalError } from '../jobs/journal';

/** A report ready for the shell's save dialog or the host's download. */
export interface ReportFile {
  readonly name: string;
  readonly content: string;
  readonly rows: number;
}

function csv(header: readonly string[], rows: readonly (readonly string[])[], bom = true): string {
  const text = Papa.unparse(
    { fields: header.map(neutraliseCsvCell), data: rows.map((row) => row.map(neutraliseCsvCell)) },
    { newline: '\r\n' },
  );
  return `${bom ? '\ufeff' : ''}${text.replace(/(\r\n)+$/, '')}\r\n`;
}

/**
 * The preview's counts as `count,rows` lines, the words the Review step uses; empty before a
 * check. The same counts as the review's summary line, so the report and the screen agree.
 */
export function previewSummary(workspace: FileWorkspace): string[][] {
  if (!workspace.check) return [];
  const s = workspace.summary();
  return [
    ['rows in the file', String(s.rows)],
    ['valid (would be sent)', String(s.valid)],
    ['with errors', String(s.invalid)],
    ['duplicates', String(s.duplicate)],
    ['blank', String(s.blank)],
    ['skipped by you', String(s.skipped)],
    ['rows with warnings', String(s.warningRows)],
    ['values left out of valid rows', String(s.leftOut)],
    ['not yet checked', String(s.unchecked)],
  ];
}

function stem(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '') || 'import';
}

/**
 * A finished job's `results.csv` (every row's fate) or `errors.csv` (rows to fix, original columns
 * plus `error`). Throws `not-found` for an unknown job and `conflict` while it still runs.
 */
export async function jobReport(
  journalDir: string,
  jobId: string,
  which: 'results' | 'errors',
): Promise<ReportFile> {
  let found;
  try {
    found = await jobReportFile(journalDir, jobId, which);
  } catch (error) {
    if (error instanceof JournalError)
      throw new OperationFailure(error.reason === 'not-found' ? 'not-found' : 'conflict', error.message);
    throw error;
  }
  const name = `${stem(found.fileName)}-${which}.csv`;
  // No row needed attention, so the writer made no errors.csv: offer the empty table.
  if (found.content === null) return { name, content: csv([...found.header, 'error'], []), rows: 0 };
  return { name, content: found.content, rows: found.rows };
}

/**
 * The open file's rows with problems (errors, duplicates, warnings, skipped), with their current
 * cells and `line`, `status` and `problems` columns, for fixing outside the app; `every` lists
 * every row (the preview report: each row's status, `valid` rows with no problems too), after a
 * block of the preview's counts ({@link previewSummary}) and a blank line.
 */
export function problemsReport(workspace: FileWorkspace, every = false): ReportFile {
  const rows: string[][] = [];
  const width = workspace.info.columns.length;
  for (let i = 0; i < workspace.rows.size; i += 1) {
    const row = workspace.reviewRow(i);
    if (!every && row.status !== 'skipped' && row.issues.length === 0) continue;
    const cells = [...row.cells.slice(0, width)];
    while (cells.length < width) cells.push('');
    const problems =
      row.status === 'skipped'
        ? `skipped: ${row.skipReason ?? ''}`
        : row.issues.map((x) => x.message).join('; ');
    rows.push([...cells, String(row.line), row.status, problems]);
  }
  const header = [...workspace.info.columns.map((c) => c.header), 'line', 'status', 'problems'];
  const name = `${stem(workspace.info.name)}-${every ? 'preview' : 'problems'}.csv`;
  const table = csv(header, rows, !every);
  if (!every) return { name, content: table, rows: rows.length };
  // The preview report starts with its counts, then a blank line, then every row.
  const summary = csv(
    [`preview of ${workspace.info.name} (nothing sent)`, 'rows'],
    previewSummary(workspace),
  );
  return { name, content: `${summary}\r\n${table}`, rows: rows.length };
}
