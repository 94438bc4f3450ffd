/**
 * The CSV reports a user can save: a job's `results.csv` and `errors.csv` (written by the runner's
 * report writer when the job ended), and the open file's rows with problems. Every cell is
 * neutralised against spreadsheet formulas (OWASP CSV injection) and files start with a UTF-8 BOM.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { neutraliseCsvCell } from '../../shared/report/csv-safety';
import { OperationFailure } from '../app/handler-registry';
import type { FileWorkspace } from './file-workspace';
import { readOutcome, storedJobOf } from './job-history';
import type { JobSettings } from '../runner/journal';

/** A report ready for the shell's save dialog or the host's download. */
export interface ReportFile {
  readonly name: string;
  readonly content: string;
  readonly rows: number;
}

function csv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const text = Papa.unparse(
    { fields: header.map(neutraliseCsvCell), data: rows.map((row) => row.map(neutraliseCsvCell)) },
    { newline: '\r\n' },
  );
  return `\ufeff${text.replace(/(\r\n)+$/, '')}\r\n`;
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
  const directory = path.join(journalDir, jobId);
  const outcome = await readOutcome(directory);
  if (!outcome)
    throw new OperationFailure('conflict', `Job ${jobId} has not finished; its reports come when it ends.`);
  const settings = JSON.parse(await fs.readFile(path.join(directory, 'job.json'), 'utf8')) as JobSettings;
  const name = `${stem(settings.file.name)}-${which}.csv`;
  const file = path.join(directory, 'report', `${which}.csv`);
  try {
    const content = await fs.readFile(file, 'utf8');
    return { name, content, rows: which === 'results' ? outcome.counts.rows : outcome.rowsToFix };
  } catch {
    if (which === 'results')
      throw new OperationFailure('not-found', `The results of job ${jobId} are missing.`);
    // No row needed attention, so the writer made no errors.csv: offer the empty table.
    return { name, content: csv([...(storedJobOf(settings)?.header ?? []), 'error'], []), rows: 0 };
  }
}

/**
 * The open file's rows with problems (errors, duplicates, warnings, skipped), with their current
 * cells and `line`, `status` and `problems` columns, for fixing outside the app; `every` lists
 * every row (the preview report: each row's status, `valid` rows with no problems too).
 */
export function problemsReport(workspace: FileWorkspace, every = false): ReportFile {
  const rows: string[][] = [];
  const width = workspace.info.columns.length;
  for (let i = 0; i < workspace.rows.length; i += 1) {
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
  return { name, content: csv(header, rows), rows: rows.length };
}
