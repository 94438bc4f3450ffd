/**
 * The app's view of import jobs on disk: what a job stores beside the journal (the mapping, the
 * user's edits and skips, the connection, the counts at start), the outcome written when it ends,
 * and the history built from both for `jobs:list`.
 *
 * Each job folder is the runner's (`<dataDir>/jobs/<jobId>/job.json` + `journal.jsonl`, see
 * journal.ts); the app adds `outcome.json` and the `report/` folder.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from '../files/private-files';
import type { OperationOutput } from '../../shared/ipc/contract';
import type { RowResult } from '../../shared/runner/run-events';
import type { ReadOptions } from '../../shared/source/source-table';
import { listJobs, parseJournal, replayJournal, type BatchRecord, type JobSettings } from '../runner/journal';
import type { RowChanges } from './file-workspace';
import type { ReviewSummary } from './review-state';

/** A job as the contract shows it. */
export type Job = OperationOutput<'jobs:list'>['jobs'][number];
export type JobCounts = Job['counts'];

/** What the app stores in the journal's `job.json` (its `mapping` field) so a resume rebuilds the same batches. */
export interface StoredJob {
  readonly app: 1;
  readonly read: ReadOptions;
  readonly mapping: readonly { readonly column: number; readonly target: string }[];
  readonly changes: RowChanges;
  readonly connectionId: string;
  readonly connectionName: string;
  /** The check's counts when the job started. */
  readonly check: ReviewSummary;
  /** The file's header cells, for errors.csv. */
  readonly header: readonly string[];
  /** Only these lines are sent (a retry of another job's failed rows); absent: every sendable row. */
  readonly lines?: readonly number[];
  /** The job whose failed rows this one retries. */
  readonly retryOf?: string;
  /** Rows repeating an earlier row's mobile_phone were sent without it (absent: `keep`). */
  readonly repeatedPhones?: 'keep' | 'leave-out';
}

/** Written to `outcome.json` when a run ends. */
export interface JobOutcome {
  readonly state: Job['state'];
  readonly finishedAt: string;
  readonly counts: JobCounts;
  readonly message: string | null;
  /** Rows in errors.csv. */
  readonly rowsToFix: number;
}

const outcomeName = 'outcome.json';

/** The stored job of a journal's settings, or null when the job was not started by the app. */
export function storedJobOf(settings: JobSettings): StoredJob | null {
  const stored = settings.mapping as Partial<StoredJob> | null;
  return stored && stored.app === 1 && Array.isArray(stored.mapping) && stored.check
    ? (stored as StoredJob)
    : null;
}

/** Counts of a finished run: the check's counts plus the runner's outcome of every valid row. */
export function countsOf(check: ReviewSummary, rows: readonly Pick<RowResult, 'outcome'>[]): JobCounts {
  let created = 0;
  let updated = 0;
  let failed = 0;
  let pending = 0;
  for (const row of rows) {
    if (row.outcome === 'created') created += 1;
    else if (row.outcome === 'updated') updated += 1;
    else if (row.outcome === 'failed' || row.outcome === 'invalid') failed += 1;
    else pending += 1;
  }
  const { rows: total, blank, invalid, duplicate, skipped } = check;
  return { rows: total, blank, invalid, duplicate, skipped, created, updated, failed, pending };
}

/** Outcomes the journal already holds (settled batches, rejected rows), for a resumed or interrupted job. */
export function journalledCounts(records: Iterable<BatchRecord>): {
  created: number;
  updated: number;
  failed: number;
} {
  const counts = { created: 0, updated: 0, failed: 0 };
  for (const record of records) {
    counts.failed += record.rejected.size;
    if (record.state !== 'settled' || !record.items) continue;
    for (const item of record.items) counts[item.outcome] += 1;
  }
  return counts;
}

/** Writes a job's outcome beside its journal. */
export async function writeOutcome(directory: string, outcome: JobOutcome): Promise<void> {
  await writePrivateFile(path.join(directory, outcomeName), `${JSON.stringify(outcome, null, 2)}\n`);
}

/** A job's outcome, or null while it never ended (running, or interrupted by a crash or restart). */
export async function readOutcome(directory: string): Promise<JobOutcome | null> {
  try {
    return JSON.parse(await fs.readFile(path.join(directory, outcomeName), 'utf8')) as JobOutcome;
  } catch {
    return null;
  }
}

/**
 * The jobs in `journalDir`, newest first, as they stand on disk; jobs not started by the app (the
 * CLI's) are listed too, with what their journal tells. `live` answers for jobs running now.
 */
export async function jobHistory(journalDir: string, live: (jobId: string) => Job | null): Promise<Job[]> {
  const jobs: Job[] = [];
  for (const summary of await listJobs(journalDir)) {
    const running = live(summary.jobId);
    if (running) {
      jobs.push(running);
      continue;
    }
    const directory = path.join(journalDir, summary.jobId);
    let settings: JobSettings;
    try {
      settings = JSON.parse(await fs.readFile(path.join(directory, 'job.json'), 'utf8')) as JobSettings;
    } catch {
      continue;
    }
    const stored = storedJobOf(settings);
    const outcome = await readOutcome(directory);
    const base = {
      id: summary.jobId,
      fileName: summary.fileName,
      connectionName: stored?.connectionName ?? settings.baseUrl,
      startedAt: summary.createdAt,
      batches:
        stored?.check.batches ??
        summary.batches.acknowledged + summary.batches.failed + summary.batches.unknown,
      fileId: null,
    };
    if (outcome) {
      jobs.push({
        ...base,
        state: outcome.state,
        finishedAt: outcome.finishedAt,
        counts: outcome.counts,
        resumable:
          outcome.state === 'interrupted' ||
          outcome.state === 'paused' ||
          (outcome.state === 'cancelled' && outcome.counts.pending > 0),
        message: outcome.message,
      });
      continue;
    }
    const text = await fs.readFile(path.join(directory, 'journal.jsonl'), 'utf8').catch(() => '');
    const done = journalledCounts(replayJournal(parseJournal(text).entries).values());
    const check = stored?.check ?? { rows: 0, blank: 0, invalid: 0, duplicate: 0, skipped: 0, valid: 0 };
    const pending = Math.max(0, check.valid - done.created - done.updated - done.failed);
    const { rows, blank, invalid, duplicate, skipped } = check;
    const ended = summary.lastStatus === 'completed' || summary.lastStatus === 'cancelled';
    jobs.push({
      ...base,
      state: ended ? (summary.lastStatus as 'completed' | 'cancelled') : 'interrupted',
      finishedAt: null,
      counts: { rows, blank, invalid, duplicate, skipped, ...done, pending },
      resumable: !ended && stored !== null,
      message: ended
        ? null
        : 'The import stopped before it finished (the app closed). Resume it to send the rest.',
    });
  }
  return jobs;
}
