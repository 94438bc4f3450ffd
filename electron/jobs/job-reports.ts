/**
 * A finished job's reports as either front end offers them: `results.csv` (every row's fate) and
 * `errors.csv` (rows to fix), found through the job's outcome wherever they were written.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { jobDirectory, readJobOutcome, readJobSpec } from './job-folder';
import { JournalError } from './journal';

/** One report of a job: its text (null when the job wrote none: no row needed attention). */
export interface JobReportFile {
  readonly fileName: string;
  readonly header: readonly string[];
  readonly content: string | null;
  readonly rows: number;
}

/**
 * Reads a job's `results.csv` or `errors.csv`. Throws {@link JournalError}: `not-found` for an
 * unknown job or missing results, `conflict` while the job has not finished.
 */
export async function jobReportFile(
  journalDir: string,
  jobId: string,
  which: 'results' | 'errors',
): Promise<JobReportFile> {
  const spec = await readJobSpec(journalDir, jobId);
  const outcome = await readJobOutcome(jobDirectory(journalDir, jobId));
  if (!outcome || outcome.reports === null) {
    throw new JournalError(`Job ${jobId} has not finished; its reports come when it ends.`, 'conflict');
  }
  const base = { fileName: spec.file.name, header: spec.header };
  try {
    const content = await fs.readFile(path.join(outcome.reports, `${which}.csv`), 'utf8');
    return { ...base, content, rows: which === 'results' ? outcome.counts.rows : outcome.rowsToFix };
  } catch {
    if (which === 'results') throw new JournalError(`The results of job ${jobId} are missing.`, 'not-found');
    return { ...base, content: null, rows: 0 };
  }
}
