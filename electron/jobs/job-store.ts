/**
 * Making, opening, retrying and listing jobs under one jobs folder — what both front ends call.
 *
 * - {@link beginJob} takes the file + connection sender lock (two starts of one file to one
 *   tenant: the second gets a conflict) and a draft to write the checked rows into;
 *   {@link commitJob} makes it a job and opens its journal.
 * - {@link openJobToResume} opens any job, whichever front end started it; it refuses another
 *   base URL (a job never spans two tenants) and a job that already completed.
 * - {@link beginRetry} makes a new job holding the rows of a finished job that failed at Omneo.
 * - {@link listJobSummaries} reads each job's small `summary.json`, never its journal, so the
 *   history of many large jobs lists at once.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { checkBaseUrl } from '../../shared/ipc/base-url';
import type { PlannedRow } from '../../shared/engine/check-result';
import { ensurePrivateFolder } from '../files/private-files';
import {
  asDiskError,
  jobDirectory,
  jobFiles,
  jobIds,
  readJobOutcome,
  readJobSpec,
  readJobSummary,
  type JobSummary,
} from './job-folder';
import { acquireSenderLock, isJobLockHeld, JobLockedError, type JobLock } from './job-lock';
import { JobDraft, readBatches } from './job-snapshot';
import type { JobSpec, JobSpecInput } from './job-spec';
import { JobJournal, JournalError } from './journal';
import { readNotSentRows } from './not-sent-rows';
import type { OpenJob } from './run-job';

/** A job being made: its draft, holding the sender lock. */
export interface BegunJob {
  readonly draft: JobDraft;
  readonly senderLock: JobLock;
}

/** The base URL as the client and the spec write it, for comparing two spellings. */
export function normalBaseUrl(baseUrl: string): string {
  const checked = checkBaseUrl(baseUrl);
  return (checked.ok ? checked.url : baseUrl).replace(/\/+$/, '');
}

/**
 * Takes the sender lock of `file` to `baseUrl` and opens a draft. Throws {@link JournalError}
 * `conflict` when that file is being sent to that tenant already, `JobDiskError` when the jobs
 * folder cannot be written.
 */
export async function beginJob(journalDir: string, file: string, baseUrl: string): Promise<BegunJob> {
  await ensurePrivateFolder(journalDir).catch((error: unknown) => {
    throw asDiskError(error, journalDir);
  });
  const senderLock = await lockSender(journalDir, file, baseUrl);
  try {
    return { draft: await JobDraft.create(journalDir), senderLock };
  } catch (error) {
    await senderLock.release();
    throw error;
  }
}

/** Makes the draft a job and opens its journal for sending. */
export async function commitJob(begun: BegunJob, input: JobSpecInput): Promise<OpenJob> {
  try {
    const { spec, directory } = await begun.draft.commit(input);
    const journal = await JobJournal.open(directory, spec.jobId);
    return { spec, directory, journal, senderLock: begun.senderLock, resumed: false };
  } catch (error) {
    await begun.senderLock.release();
    throw error;
  }
}

/** Gives up a begun job (nothing to send, or the check was interrupted). */
export async function abandonJob(begun: BegunJob): Promise<void> {
  await begun.draft.discard();
  await begun.senderLock.release();
}

/**
 * Opens job `jobId` to send the rest of it. `baseUrl`, when given, must be the job's own. Throws
 * {@link JournalError}: `not-found`, `damaged` (spec, journal or rows unreadable; the message says
 * which file and line), `other-tenant`, or `conflict` (completed already, or being sent).
 */
export async function openJobToResume(
  journalDir: string,
  jobId: string,
  expect: { readonly baseUrl?: string | null } = {},
): Promise<OpenJob> {
  const spec = await readJobSpec(journalDir, jobId);
  const directory = jobDirectory(journalDir, jobId);
  if (expect.baseUrl && normalBaseUrl(expect.baseUrl) !== normalBaseUrl(spec.connection.baseUrl)) {
    throw new JournalError(
      `Job ${jobId} sends to ${spec.connection.baseUrl}; it cannot be resumed against ${expect.baseUrl} (a job never spans two tenants). Start a new import instead.`,
      'other-tenant',
    );
  }
  const outcome = await readJobOutcome(directory);
  if (outcome?.state === 'completed') {
    throw new JournalError(`Job ${jobId} already completed; nothing is left to send.`, 'conflict');
  }
  await fs.access(path.join(directory, jobFiles.batches)).catch(() => {
    throw new JournalError(
      `The checked rows of job ${jobId} (${path.join(directory, jobFiles.batches)}) are missing; it cannot be resumed.`,
      'damaged',
    );
  });
  const senderLock = await lockSender(journalDir, spec.file.path, spec.connection.baseUrl);
  try {
    const journal = await JobJournal.open(directory, jobId);
    return { spec, directory, journal, senderLock, resumed: true };
  } catch (error) {
    await senderLock.release();
    throw error;
  }
}

/** The lines of a finished job's rows that failed at Omneo. Throws {@link JournalError}. */
export async function failedLinesOf(
  journalDir: string,
  jobId: string,
): Promise<{ spec: JobSpec; lines: number[] }> {
  const spec = await readJobSpec(journalDir, jobId);
  const directory = jobDirectory(journalDir, jobId);
  if (!(await readJobOutcome(directory))) {
    throw new JournalError(`Job ${jobId} has not finished; resume it instead.`, 'conflict');
  }
  const lines = (await readNotSentRows(directory)).filter((r) => r.outcome === 'failed').map((r) => r.line);
  return { spec, lines };
}

/**
 * Makes a new job holding exactly the rows of `jobId` that failed at Omneo, as they were checked
 * (the original file is not read again). Answers null when no row failed. `connection` replaces
 * the job's (the app's current name for it).
 */
export async function beginRetry(
  journalDir: string,
  jobId: string,
  connection?: JobSpec['connection'],
): Promise<OpenJob | null> {
  const { spec, lines } = await failedLinesOf(journalDir, jobId);
  if (lines.length === 0) return null;
  const wanted = new Set(lines);
  const to = connection ?? spec.connection;
  const begun = await beginJob(journalDir, spec.file.path, to.baseUrl);
  try {
    const size = spec.options.batchSize;
    let index = 0;
    let rows: PlannedRow[] = [];
    const flush = (): void => {
      for (const row of rows) {
        begun.draft.addRow({
          line: row.line,
          status: 'valid',
          batch: index,
          error: null,
          matchKey: row.matchKey,
        });
      }
      begun.draft.addBatch({ index, rows });
      index += 1;
      rows = [];
    };
    for await (const batch of readBatches(jobDirectory(journalDir, jobId))) {
      for (const row of batch.rows) {
        if (!wanted.has(row.line)) continue;
        rows.push(row);
        if (rows.length === size) flush();
      }
    }
    if (rows.length > 0) flush();
    const count = lines.length;
    return await commitJob(begun, {
      startedBy: spec.startedBy,
      file: spec.file,
      read: spec.read,
      header: spec.header,
      mapping: spec.mapping,
      options: spec.options,
      changes: spec.changes,
      repeatedPhones: spec.repeatedPhones,
      connection: to,
      importJobId: spec.importJobId,
      wait: spec.wait,
      retryOf: jobId,
      check: { rows: count, valid: count, invalid: 0, blank: 0, duplicate: 0, skipped: 0, batches: index },
    });
  } catch (error) {
    await abandonJob(begun).catch(() => undefined);
    throw error;
  }
}

/**
 * Every job under `journalDir`, newest first, from its summary. A job whose summary says it runs
 * but whose lock no live process holds (it was killed, the machine restarted) is `interrupted`
 * and resumable. Jobs made by an older version (no summary) are listed from their spec alone.
 */
export async function listJobSummaries(journalDir: string): Promise<JobSummary[]> {
  const jobs: JobSummary[] = [];
  for (const jobId of await jobIds(journalDir)) {
    const directory = path.join(journalDir, jobId);
    const summary = await readJobSummary(directory);
    if (!summary) {
      const legacy = await legacySummary(directory, jobId);
      if (legacy) jobs.push(legacy);
      continue;
    }
    if ((summary.state === 'running' || summary.state === 'paused') && !(await isJobLockHeld(directory))) {
      jobs.push({
        ...summary,
        state: 'interrupted',
        resumable: true,
        message: `The import stopped before it finished; ${summary.counts.pending} ${summary.counts.pending === 1 ? 'row' : 'rows'} pending. Resume it to send the rest.`,
      });
      continue;
    }
    jobs.push(summary);
  }
  return jobs;
}

/** A job of an older version of the importer, as far as its `job.json` tells (never resumable). */
async function legacySummary(directory: string, jobId: string): Promise<JobSummary | null> {
  try {
    const old = JSON.parse(await fs.readFile(path.join(directory, jobFiles.spec), 'utf8')) as {
      version?: number;
      createdAt?: string;
      baseUrl?: string;
      file?: { name?: string };
    };
    if (old.version !== 1) return null;
    const zero = {
      rows: 0,
      blank: 0,
      invalid: 0,
      duplicate: 0,
      skipped: 0,
      created: 0,
      updated: 0,
      failed: 0,
      pending: 0,
    };
    return {
      jobId,
      fileName: old.file?.name ?? '?',
      connectionName: old.baseUrl ?? '?',
      startedBy: 'cli',
      startedAt: old.createdAt ?? '',
      finishedAt: null,
      state: 'interrupted',
      counts: zero,
      batches: 0,
      message: `Started by an older version of the importer; its record is in ${directory}.`,
      rowsToFix: 0,
      reports: path.join(directory, jobFiles.report),
      resumable: false,
    };
  } catch {
    return null;
  }
}

async function lockSender(journalDir: string, file: string, baseUrl: string): Promise<JobLock> {
  try {
    return await acquireSenderLock(journalDir, file, normalBaseUrl(baseUrl));
  } catch (error) {
    if (error instanceof JobLockedError) throw new JournalError(error.message, 'conflict');
    throw error;
  }
}

/** The input file path of every job under `journalDir` (any version), e.g. to keep its upload. */
export async function jobFilePaths(journalDir: string): Promise<string[]> {
  const paths: string[] = [];
  for (const jobId of await jobIds(journalDir)) {
    try {
      const spec = JSON.parse(await fs.readFile(path.join(journalDir, jobId, jobFiles.spec), 'utf8')) as {
        file?: { path?: unknown };
      };
      if (typeof spec.file?.path === 'string') paths.push(spec.file.path);
    } catch {
      continue;
    }
  }
  return paths;
}
