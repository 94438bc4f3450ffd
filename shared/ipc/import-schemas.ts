/**
 * Contract schemas for sending a checked file to Omneo: starting, pausing, resuming and cancelling
 * an import job, the job history, and exporting reports.
 */
import { z } from 'zod';
import { connectionIdSchema, fileIdSchema, jobIdSchema } from './common-schemas';
import { compareConfirmationSchema, importModeSchema } from './compare-schemas';

/** Where a job is. `paused` covers both the user's pause and a credentials pause (401/403). */
export const jobStateSchema = z.enum([
  'running',
  'paused',
  'completed',
  'cancelled',
  'failed',
  'interrupted',
]);

/**
 * Row counts of a job: `rows = blank + invalid + duplicate + skipped + created + updated + failed +
 * pending`. `failed` includes rows Omneo rejected (422); `pending` rows were handed to the runner
 * and have no outcome yet (or were never sent: cancelled, interrupted).
 */
export const jobCountsSchema = z.object({
  rows: z.int(),
  blank: z.int(),
  invalid: z.int(),
  duplicate: z.int(),
  created: z.int(),
  updated: z.int(),
  failed: z.int(),
  skipped: z.int(),
  pending: z.int(),
});

/** Values left out of the rows a job sent ("leave out invalid values", repeated mobile phones). */
export const leftOutCountsSchema = z.object({ values: z.int(), rows: z.int() });

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
  /** The open file the job came from, while it is open; null after a restart. */
  fileId: z.string().nullable(),
  /** Why the job stopped or cannot go on (a sentence), or null. */
  message: z.string().nullable(),
  /** The job recorded what undo needs (it ran with a compare) and is not fully undone. */
  undoable: z.boolean().optional(),
  /** An undo of the job finished. */
  undone: z.boolean().optional(),
  /** Values left out of the rows sent (see `left_out` in results.csv), once the reports are written. */
  leftOut: leftOutCountsSchema.optional(),
});

/**
 * Start sending the checked file. `confirmed` must be true: the UI first shows the summary
 * `import:preview` answers ("9,874 profiles in 20 batches to …"), and nothing is sent without it.
 */
export const importStartInputSchema = z.strictObject({
  fileId: fileIdSchema,
  connectionId: connectionIdSchema,
  confirmed: z.literal(true),
  /** Omneo `import_job_id`, to group the batches under one job in CX Manager. */
  importJobId: z.string().trim().min(1).max(100).optional(),
  /** After a compare: send by this mode (conflicts never); absent: no compare, every valid row. */
  mode: importModeSchema.optional(),
});
/** What the user confirms before anything is sent. */
export const importConfirmationSchema = z.object({
  profiles: z.int(),
  batches: z.int(),
  connectionName: z.string(),
  /** Rows the user skipped. */
  skipped: z.int(),
  /** Rows not sent because they are invalid, duplicates or blank. */
  notSent: z.int(),
  /** "9,874 profiles in 20 batches to Sandbox; 126 rows skipped, 3 not sent (invalid or duplicate)." */
  message: z.string(),
  /** Values left out of the rows sent, in a sentence ("12 values left out of 10 rows: …"), or null. */
  leftOut: z.string().nullable().default(null),
  /** Warnings Omneo will turn into refusals, with how many rows each: "199,000 rows repeat …". */
  refusals: z.array(z.object({ code: z.string(), rows: z.int(), message: z.string() })).default([]),
  /** The compare's counts under the mode; null when not compared (nothing is known of the tenant). */
  compare: compareConfirmationSchema.nullable().optional(),
});
/** What would be sent, to confirm: the same checks as `import:start`, and nothing is sent. */
export const importPreviewInputSchema = z.strictObject({
  fileId: fileIdSchema,
  connectionId: connectionIdSchema,
  mode: importModeSchema.optional(),
});
export const importPreviewOutputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('needs-confirmation'), confirmation: importConfirmationSchema }),
  z.object({ kind: z.literal('nothing-to-send'), message: z.string() }),
  z.object({ kind: z.literal('not-checked'), message: z.string() }),
]);
export const importStartOutputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('started'), job: jobSchema, confirmation: importConfirmationSchema }),
  z.object({ kind: z.literal('nothing-to-send'), message: z.string() }),
  z.object({ kind: z.literal('not-checked'), message: z.string() }),
]);

/**
 * Send again the rows of a finished job that failed (Omneo failed the item, or the batch failed
 * after every retry), as a new job. Like `import:start`, nothing is sent until `confirmed` is true:
 * without it the answer is the confirmation to show.
 */
export const importRetryFailedInputSchema = z.strictObject({
  jobId: jobIdSchema,
  confirmed: z.boolean().default(false),
});
export const importRetryFailedOutputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('needs-confirmation'), confirmation: importConfirmationSchema }),
  z.object({ kind: z.literal('started'), job: jobSchema, confirmation: importConfirmationSchema }),
  z.object({ kind: z.literal('nothing-to-send'), message: z.string() }),
]);

/** Why a row of a job was not sent: invalid, duplicate, skipped, failed, or not sent yet. */
export const notSentOutcomeSchema = z.enum(['invalid', 'duplicate', 'skipped', 'failed', 'not-sent']);

/** A page of a finished job's rows that were not sent (the rows of its errors.csv), in file order. */
export const jobsFailedRowsInputSchema = z.strictObject({
  jobId: jobIdSchema,
  offset: z.int().min(0).default(0),
  limit: z.int().min(1).max(500).default(100),
});
export const jobsFailedRowsOutputSchema = z.object({
  /** Rows not sent. */
  total: z.int(),
  /** Of them, rows that failed at Omneo and can be retried as they are. */
  failed: z.int(),
  offset: z.int(),
  rows: z.array(
    z.object({
      line: z.int(),
      outcome: notSentOutcomeSchema,
      error: z.string().nullable(),
      /** The row's customer: its match key (email or identity identifier), when it has one. */
      matchKey: z.string().nullable().default(null),
      /** The Omneo profile id, when Omneo named one. */
      profileId: z.string().nullable().default(null),
    }),
  ),
});

export const jobRefInputSchema = z.strictObject({ jobId: jobIdSchema });
export const jobOutputSchema = z.object({ job: jobSchema });

export const jobsListOutputSchema = z.object({ jobs: z.array(jobSchema) });

/** Reports a user can save: results of a job, rows not sent, or the file's rows with problems. */
export const reportKindSchema = z.enum(['results', 'errors', 'problems']);
export const reportExportInputSchema = z.discriminatedUnion('of', [
  z.strictObject({ of: z.literal('job'), jobId: jobIdSchema, report: z.enum(['results', 'errors']) }),
  /** `problems`: the rows with problems; `preview`: every row's status and problems (preview only). */
  z.strictObject({ of: z.literal('file'), fileId: fileIdSchema, report: z.enum(['problems', 'preview']) }),
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
