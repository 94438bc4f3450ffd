/**
 * A job's folder under the jobs folder, and the small files in it. Only the job core reads or
 * writes these names:
 *
 * ```
 * <jobs>/<jobId>/job.json        the job spec (./job-spec.ts), written once
 *               /batches.jsonl   the checked batches, exactly as they are sent (./job-snapshot.ts)
 *               /rows.jsonl      every input row's verdict from the check, for the reports
 *               /journal.jsonl   what was sent and answered (./journal.ts); job.lock while sending
 *               /summary.json    what the history lists (updated while the job runs)
 *               /outcome.json    how the job ended (written when a run ends)
 *               /report/         results.csv, errors.csv, not-sent.json
 * ```
 *
 * Small files are written to a temporary name, fsynced and renamed into place (0600), so a crash
 * leaves the old version or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { jobCountsSchema, jobStateSchema, leftOutCountsSchema } from '../../shared/ipc/import-schemas';
import { writePrivateFile } from '../files/private-files';
import { JournalError } from './journal';
import { jobIdPattern, jobSpecSchema, jobSpecVersion, type JobSpec } from './job-spec';

/** File names inside a job folder (see the module comment). */
export const jobFiles = {
  spec: 'job.json',
  batches: 'batches.jsonl',
  rows: 'rows.jsonl',
  summary: 'summary.json',
  outcome: 'outcome.json',
  report: 'report',
  notSent: 'not-sent.json',
} as const;

/** How a job ended, or stands (`summary.json`, `outcome.json`). */
export const jobSummarySchema = z.object({
  jobId: z.string(),
  fileName: z.string(),
  connectionName: z.string(),
  startedBy: z.enum(['cli', 'app']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  state: jobStateSchema,
  counts: jobCountsSchema,
  batches: z.int(),
  message: z.string().nullable(),
  /** Rows in errors.csv (0 until the reports are written). */
  rowsToFix: z.int(),
  /** The folder holding results.csv and errors.csv, once written. */
  reports: z.string().nullable(),
  /** Whether the job can be resumed (interrupted, or cancelled with rows left). */
  resumable: z.boolean(),
  /** Values left out of the rows sent, once the reports are written (absent in older jobs). */
  leftOut: leftOutCountsSchema.optional(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

/**
 * The disk refused a write (full, read-only, no permission): one sentence naming the folder. The
 * CLI exits with 74 (`EX_IOERR`) on it; the app shows it. What was already journalled stays valid.
 */
export class JobDiskError extends Error {
  constructor(
    readonly folder: string,
    readonly code: string,
  ) {
    super(
      `Cannot write to ${folder}: ${diskReason(code)}. Free space or fix the folder, then resume the job.`,
    );
    this.name = 'JobDiskError';
  }
}

const diskCodes = new Set(['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EDQUOT', 'EIO', 'ENOTDIR', 'EISDIR']);

function diskReason(code: string): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return `the disk refused it (${code})`;
  }
}

/**
 * Turns a file-system error met while writing under `folder` into a {@link JobDiskError};
 * anything else is returned unchanged.
 */
export function asDiskError(error: unknown, folder: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && diskCodes.has(code) ? new JobDiskError(folder, code) : error;
}

/** A new job id: `YYYYMMDD-HHMMSS-xxxx` (UTC time, 4 random hex digits), sortable by age. */
export function newJobId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** Returns `jobId` when it has the job id shape; throws {@link JournalError} otherwise. */
export function assertJobId(jobId: string): string {
  if (!jobIdPattern.test(jobId)) {
    throw new JournalError(
      `"${jobId}" is not a job id: job ids look like 20250131-093000-ab12 (as printed when the job started).`,
      'not-found',
    );
  }
  return jobId;
}

/** The folder of job `jobId` under `journalDir`; throws {@link JournalError} for a malformed id. */
export function jobDirectory(journalDir: string, jobId: string): string {
  return path.join(journalDir, assertJobId(jobId));
}

/**
 * Reads and checks a job's spec. Throws {@link JournalError} saying which: no such job, a
 * `job.json` that is empty or cut short (truncated), one that is not a job spec, or one written by
 * an older version of the importer.
 */
export async function readJobSpec(journalDir: string, jobId: string): Promise<JobSpec> {
  const file = path.join(jobDirectory(journalDir, jobId), jobFiles.spec);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new JournalError(`No import job "${jobId}" in ${journalDir}.`, 'not-found');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const cut = text.trim() === '' ? 'is empty' : 'is truncated (it ends before the JSON does)';
    throw new JournalError(
      `The spec of job ${jobId}, ${file}, ${cut}; the job cannot be resumed or retried.`,
      'damaged',
    );
  }
  const version = (value as { version?: unknown } | null)?.version;
  if (version !== jobSpecVersion) {
    throw new JournalError(
      version === 1
        ? `Job ${jobId} was started by an older version of the importer; this version cannot resume or retry it. Start a new import of ${String((value as { file?: { name?: unknown } }).file?.name ?? 'the file')}.`
        : `The spec of job ${jobId}, ${file}, is not a job spec this version knows (version ${String(version)}).`,
      'damaged',
    );
  }
  const parsed = jobSpecSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new JournalError(
      `The spec of job ${jobId}, ${file}, is damaged: ${first ? `${first.path.join('.')}: ${first.message}` : 'unreadable'}.`,
      'damaged',
    );
  }
  return parsed.data;
}

/** A job's summary, or null when it has none (a job from an older version, or one being made). */
export async function readJobSummary(directory: string): Promise<JobSummary | null> {
  return readSmall(path.join(directory, jobFiles.summary), jobSummarySchema);
}

/** A job's outcome, or null while it never ended (running, or stopped by a crash). */
export async function readJobOutcome(directory: string): Promise<JobSummary | null> {
  return readSmall(path.join(directory, jobFiles.outcome), jobSummarySchema);
}

/** Writes `summary.json` (and `outcome.json` too when `final`). Throws {@link JobDiskError}. */
export async function writeJobSummary(directory: string, summary: JobSummary, final = false): Promise<void> {
  await writeFileDurably(path.join(directory, jobFiles.summary), `${JSON.stringify(summary)}\n`);
  if (final)
    await writeFileDurably(path.join(directory, jobFiles.outcome), `${JSON.stringify(summary, null, 2)}\n`);
}

async function readSmall<T>(file: string, schema: z.ZodType<T>): Promise<T | null> {
  try {
    const parsed = schema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Writes a file via a temporary name (mode 0600, the importer's one file-mode policy), fsyncs it
 * and renames it into place. Throws {@link JobDiskError} naming the folder when the disk refuses.
 */
export async function writeFileDurably(file: string, text: string): Promise<void> {
  try {
    await writePrivateFile(file, text, { durable: true });
  } catch (error) {
    throw asDiskError(error, path.dirname(file));
  }
}

/** The job ids under `journalDir`, newest first (other names are ignored). */
export async function jobIds(journalDir: string): Promise<string[]> {
  const names = await fs.readdir(journalDir).catch(() => [] as string[]);
  return names
    .filter((name) => jobIdPattern.test(name))
    .sort()
    .reverse();
}
