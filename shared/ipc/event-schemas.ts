/**
 * Events main pushes to the renderer: reading and checking progress, import progress, batches
 * settling, jobs finishing, and menu commands. The renderer subscribes; it never polls for them.
 */
import { z } from 'zod';
import { fileIdSchema, jobIdSchema } from './common-schemas';
import { jobCountsSchema, jobSchema } from './import-schemas';
import { checkSummarySchema } from './workspace-schemas';

/** Bytes and rows read so far while a file is opened or checked. */
export const fileProgressEventSchema = z.object({
  fileId: fileIdSchema,
  bytesRead: z.number().min(0),
  totalBytes: z.number().min(0),
  rowsRead: z.int(),
});

/**
 * Rows checked so far (`totalRows` null while still unknown). `run` names the check (as `check:run`
 * answered it); the last event of a check has `complete: true` with the final `summary` and
 * `blocker` (why nothing can be imported, or null).
 */
export const checkProgressEventSchema = z.object({
  fileId: fileIdSchema,
  rowsChecked: z.int(),
  totalRows: z.int().nullable(),
  run: z.int().optional(),
  complete: z.boolean().optional(),
  summary: checkSummarySchema.optional(),
  blocker: z.string().nullable().optional(),
});

/** Import progress, for the progress bar: rows acknowledged, rate and time left. */
export const importProgressEventSchema = z.object({
  jobId: jobIdSchema,
  rowsSent: z.int(),
  totalRows: z.int(),
  batchesAcknowledged: z.int(),
  totalBatches: z.int().nullable(),
  rowsPerSecond: z.number().min(0),
  etaSeconds: z.number().min(0).nullable(),
  /** Why the run waits, shown as what it is — not as a failure. */
  waiting: z.enum(['rate-limited', 'retrying', 'paused']).nullable(),
});

/** One batch changed state: sent, retried (with the reason), accepted, settled or failed. */
export const batchSettledEventSchema = z.object({
  jobId: jobIdSchema,
  batch: z.object({
    index: z.int(),
    batchId: z.string().nullable(),
    rows: z.int(),
    attempts: z.int(),
    state: z.enum(['sending', 'retrying', 'rate-limited', 'accepted', 'settled', 'failed', 'not-sent']),
    message: z.string().nullable(),
  }),
});

/**
 * A running job's progress so far (`jobs:live`), for a page opened or reloaded mid-import: the
 * last progress event (null before the first) and the latest state of each batch that has one.
 */
export const jobsLiveOutputSchema = z.object({
  progress: importProgressEventSchema.nullable(),
  batches: z.array(batchSettledEventSchema.shape.batch),
});

/** A job stopped: completed, cancelled, failed or paused for credentials; counts add up to the rows. */
export const jobFinishedEventSchema = z.object({ job: jobSchema, counts: jobCountsSchema });

/** A command from the native application menu, for the renderer to act on. */
export const menuCommandEventSchema = z.object({ command: z.enum(['open-file', 'about']) });

/** Saved connections changed (saved, deleted, sandbox started). */
export const connectionsChangedEventSchema = z.object({});
