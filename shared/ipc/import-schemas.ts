/**
 * Contract schemas for sending a checked file to Omneo: starting, pausing, resuming and cancelling
 * an import job, the job history, and exporting reports.
 */
import { z } from 'zod';
import { connectionIdSchema, fileIdSchema, jobIdSchema } from './common-schemas';

/** Where a job is. `paused` covers both the user's pause and a credentials pause (401/403). */
export const jobStateSchema = z.enum([
  'running',
  'paused',
  'completed',
  'cancelled',
  'failed',
  'interrupted',
]);

/** Row counts of a job; `created + updated + failed + skipped + pending` is the file's rows. */
export const jobCountsSchema = z.object({
  rows: z.int(),
  created: z.int(),
  updated: z.int(),
  failed: z.int(),
  skipped: z.int(),
  pending: z.int(),
});

/** One import job as the history and the progress screen show it. */
export const jobSchema = z.object({
  id: jobIdSchema,
  fileName: z.string(),
  connectionName: z.string(),
  state: jobStateSchema,
  /** ISO 8601 date-time. */
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  counts: jobCountsSchema,
  batches: z.int(),
  /** True when the job can be resumed (interrupted or paused). */
  resumable: z.boolean(),
});

/**
 * Start sending the checked file. `confirmed` must be true: the UI shows the summary
 * ("9,874 profiles in 20 batches to …") first, and nothing is sent without it.
 */
export const importStartInputSchema = z.strictObject({
  fileId: fileIdSchema,
  connectionId: connectionIdSchema,
  confirmed: z.literal(true),
  /** Omneo `import_job_id`, to group the batches under one job in CX Manager. */
  importJobId: z.string().trim().min(1).max(100).optional(),
});
export const importStartOutputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('started'), job: jobSchema }),
  z.object({ kind: z.literal('nothing-to-send'), message: z.string() }),
  z.object({ kind: z.literal('not-checked'), message: z.string() }),
]);

export const jobRefInputSchema = z.strictObject({ jobId: jobIdSchema });
export const jobOutputSchema = z.object({ job: jobSchema });

export const jobsListOutputSchema = z.object({ jobs: z.array(jobSchema) });

/** Reports a user can save: results of a job, rows not sent, or the file's rows with problems. */
export const reportKindSchema = z.enum(['results', 'errors', 'problems']);
export const reportExportInputSchema = z.discriminatedUnion('of', [
  z.strictObject({ of: z.literal('job'), jobId: jobIdSchema, report: z.enum(['results', 'errors']) }),
  z.strictObject({ of: z.literal('file'), fileId: fileIdSchema, report: z.literal('problems') }),
]);
/**
 * Where the report went: saved through the native dialog (Electron), offered as a download by the
 * browser host (`href` is a same-origin path), or the user cancelled the dialog.
 */
export const reportExportOutputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), name: z.string(), rows: z.int() }),
  z.object({
    kind: z.literal('download'),
    name: z.string(),
    rows: z.int(),
    href: z.string().startsWith('/'),
  }),
  z.object({ kind: z.literal('cancelled') }),
]);
