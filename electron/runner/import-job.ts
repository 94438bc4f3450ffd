/**
 * One whole import, start to finish: check the file, open (or resume) its journal, send the
 * batches, write the reports. The CLI's `run` and the app both drive imports through this.
 *
 * Nothing is sent when the file has a file error, the mapping cannot be sent, or a date column is
 * ambiguous. A resumed job re-reads the file with the settings it was started with and refuses a
 * file whose SHA-256 changed.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CheckOptionsInput } from '../../shared/engine/check-options';
import type { CheckReport } from '../../shared/engine/check-report';
import { whyReportNotSendable } from '../../shared/engine/send-blocker';
import type { MappingInput, MappingOverride } from '../../shared/engine/resolve-mapping';
import { checkedRowOf, type CheckedRow } from '../../shared/report/report-rows';
import type { RunEvent, RunResult } from '../../shared/runner/run-events';
import type { ReadOptions } from '../../shared/source/source-table';
import type { ImportMode } from '../../shared/compare/import-mode';
import { checkFile, planBatches } from '../engine/check-file';
import { openTable } from '../files/open-table';
import type { OmneoClient } from '../omneo/api-client';
import { startImport, type ImportRun } from './batch-runner';
import { hashFile } from './file-hash';
import { JobJournal, JournalError } from './journal';
import { writeReports, type ReportSummary } from './report-writer';
import { batchesWithout, recordBeforeSending, recordedCompareMode, rowsOf } from '../undo/record-before-send';

/** What to import and how. */
export interface ImportJobRequest {
  readonly client: OmneoClient;
  /** Where job folders live. */
  readonly journalDir: string;
  /** Resume this job instead of starting one; the file, mapping and options come from the job. */
  readonly resumeJobId?: string | null;
  /** The file and its settings (ignored, except `path` when given, on resume). */
  readonly path?: string;
  readonly read?: ReadOptions;
  readonly mapping?: MappingInput;
  readonly overrides?: readonly MappingOverride[];
  readonly options?: CheckOptionsInput;
  readonly concurrency: number;
  readonly importJobId?: string | null;
  readonly wait: boolean;
  /** Report folder; default `<job folder>/report`. */
  readonly reportDir?: string | null;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: RunEvent) => void;
  /** Called once the run has started, with its handle (pause/resume/cancel). */
  readonly onStarted?: (run: ImportRun, jobId: string) => void;
  /** `stop` (CLI) ends the run on 401/403; `wait` (app) pauses for new credentials. */
  readonly onCredentialsRefused?: 'wait' | 'stop';
  /**
   * Compare with Omneo before sending (../undo/record-before-send.ts): rows are sent by `mode`,
   * conflicts are not sent, and what undo needs is recorded. A resumed job that compared always
   * uses its recorded plan.
   */
  readonly compare?: {
    readonly mode: ImportMode;
    readonly onProgress?: (rows: number, requests: number) => void;
  } | null;
}

/** How an import job ended. */
export type ImportJobOutcome =
  /** Nothing was sent: the file, mapping or dates need fixing first. */
  | { readonly kind: 'not-sendable'; readonly message: string; readonly check: CheckReport | null }
  /** The job could not be resumed (unknown job, file changed or gone, held by another process). */
  | { readonly kind: 'journal-error'; readonly message: string }
  /** `signal` aborted while the file was being checked: nothing was sent, no job was made. */
  | { readonly kind: 'interrupted'; readonly message: string }
  | {
      readonly kind: 'ran';
      readonly jobId: string;
      readonly jobDir: string;
      readonly check: CheckReport;
      readonly result: RunResult;
      readonly report: ReportSummary;
    };

/** The mapping and options a job stores, so a resume checks the file exactly as before. */
interface StoredChoice {
  readonly read: ReadOptions;
  readonly mapping: MappingInput;
  readonly overrides: readonly MappingOverride[];
  readonly options: CheckOptionsInput;
}

/** Runs (or resumes) one import job. Rejects only for programming errors and I/O failures. */
export async function runImportJob(request: ImportJobRequest): Promise<ImportJobOutcome> {
  let journal: JobJournal | null = null;
  let choice: StoredChoice;
  let file: string;
  try {
    if (request.resumeJobId) {
      journal = await JobJournal.open(request.journalDir, request.resumeJobId);
      choice = journal.settings.mapping as StoredChoice;
      file = request.path ?? journal.settings.file.path;
      journal.assertSameFile(await hashOfJobFile(file, journal.settings.jobId));
    } else {
      if (!request.path) throw new JournalError('No file to import.');
      file = request.path;
      choice = {
        read: request.read ?? {},
        mapping: request.mapping ?? 'auto',
        overrides: request.overrides ?? [],
        options: request.options ?? {},
      };
    }
  } catch (error) {
    await journal?.close();
    if (error instanceof JournalError) return { kind: 'journal-error', message: error.message };
    throw error;
  }

  const checkedRows: CheckedRow[] = [];
  const mappingChoice = { from: choice.mapping, overrides: choice.overrides };
  let check: CheckReport;
  try {
    check = await checkFile(file, choice.read, mappingChoice, choice.options, {
      signal: request.signal,
      onRow: (row) => checkedRows.push(checkedRowOf(row)),
    });
  } catch (error) {
    await journal?.close();
    if (request.signal?.aborted) {
      return { kind: 'interrupted', message: 'Interrupted while checking the file; nothing was sent.' };
    }
    throw error;
  }
  const blocker = whyNotSendable(check);
  if (blocker) {
    await journal?.close();
    return { kind: 'not-sendable', message: blocker, check };
  }

  if (!journal) {
    const stat = await fs.stat(file);
    journal = await JobJournal.create(request.journalDir, {
      file: {
        path: path.resolve(file),
        name: path.basename(file),
        size: stat.size,
        sha256: await hashFile(file),
      },
      baseUrl: request.client.baseUrl,
      matchCriteria: check.match,
      importJobId: request.importJobId ?? null,
      wait: request.wait,
      mapping: choice,
      options: check.options,
    });
  }
  const jobId = journal.settings.jobId;
  let batches = planBatches(file, choice.read, mappingChoice, choice.options);
  let totalRows = check.summary.valid;
  let totalBatches = check.summary.batches;
  const recordedMode = await recordedCompareMode(journal.directory);
  if (request.resumeJobId && request.compare && recordedMode === null && journal.batches().size > 0) {
    // Skipping rows now would renumber the batches already sent.
    await journal.close();
    return {
      kind: 'journal-error',
      message: `Job ${jobId} was started without a compare; resume it without --compare or --mode.`,
    };
  }
  if (recordedMode !== null && request.compare && request.compare.mode !== recordedMode) {
    await journal.close();
    return {
      kind: 'journal-error',
      message: `Job ${jobId} was started with --mode ${recordedMode}; resume it without --mode or with --mode ${recordedMode}.`,
    };
  }
  if (request.compare || recordedMode !== null) {
    const before = await recordBeforeSending({
      client: request.client,
      jobDir: journal.directory,
      match: check.match,
      mode: recordedMode ?? request.compare?.mode ?? 'both',
      rows: rowsOf(planBatches(file, choice.read, mappingChoice, choice.options)),
      signal: request.signal,
      onProgress: request.compare?.onProgress,
    });
    if (before.kind === 'stopped') {
      await journal.close();
      return request.signal?.aborted
        ? { kind: 'interrupted', message: `${before.message} Resume with the job ${jobId}.` }
        : { kind: 'not-sendable', message: before.message, check };
    }
    const skips = new Map(before.plan.skips.map((s) => [s.line, s.reason]));
    batches = batchesWithout(batches, new Set(skips.keys()), check.options.batchSize);
    totalRows -= skips.size;
    totalBatches = Math.ceil(totalRows / check.options.batchSize);
    checkedRows.forEach((row, i) => {
      const reason = skips.get(row.line);
      if (reason !== undefined)
        checkedRows[i] = { line: row.line, status: 'skipped', batch: null, error: `skipped: ${reason}` };
    });
  }
  const run = startImport({
    client: request.client,
    // Not aborted with the run: after a stop the runner still walks the rest of the plan to list
    // every unsent row in the report.
    batches,
    matchCriteria: check.match,
    importJobId: request.importJobId ?? journal.settings.importJobId,
    concurrency: request.concurrency,
    journal,
    signal: request.signal,
    onEvent: request.onEvent,
    wait: request.wait,
    totalBatches,
    totalRows,
    onCredentialsRefused: request.onCredentialsRefused ?? 'stop',
  });
  request.onStarted?.(run, jobId);
  let result: RunResult;
  try {
    result = await run.done;
  } finally {
    await journal.close();
  }

  const table = await openTable(file, choice.read);
  const report = await writeReports({
    directory: request.reportDir ?? path.join(journal.directory, 'report'),
    checkedRows,
    runRows: result.rows,
    resentBatches: new Set(result.batches.filter((b) => b.resent).map((b) => b.index)),
    header: table.info.columns.map((column) => column.header),
    sourceRows: table.rows(),
  });
  return { kind: 'ran', jobId, jobDir: journal.directory, check, result, report };
}

/**
 * The SHA-256 of a resumed job's file; throws {@link JournalError} naming the file when it is gone
 * or unreadable, so the user is told that instead of a hash mismatch.
 */
async function hashOfJobFile(file: string, jobId: string): Promise<string> {
  try {
    return await hashFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new JournalError(
      code === 'ENOENT'
        ? `The file of job ${jobId}, ${file}, no longer exists; put it back (unchanged) to resume.`
        : `The file of job ${jobId}, ${file}, cannot be read (${code ?? String(error)}).`,
    );
  }
}

/** Why nothing may be sent, or null when the valid rows can go (the engine's one rule). */
export function whyNotSendable(check: CheckReport): string | null {
  const why = whyReportNotSendable(check, 'Choose one with --date-order dmy|mdy.');
  return why === null ? null : `${why} Nothing was sent.`;
}
