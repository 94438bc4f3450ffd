/**
 * Contract schemas for comparing a checked file with Omneo before sending (`compare:*`), the
 * import mode, and undoing an import (`undo:*`). The rules are in shared/compare; main runs the
 * look-ups and the undo with the same cores as the CLI (electron/compare, electron/undo).
 */
import { z } from 'zod';
import { importModes } from '../compare/import-mode';
import { connectionIdSchema, fileIdSchema, jobIdSchema } from './common-schemas';

/** `create`: only new profiles; `update`: only existing ones; `both`: whatever the match finds. */
export const importModeSchema = z.enum(importModes);

/** What a compared row would do in the tenant. */
export const compareActionSchema = z.enum(['create', 'update', 'conflict']);

/** Where a file's compare is. `stale`: the rows changed after it (edited, skipped, checked again). */
export const compareStateSchema = z.enum(['none', 'running', 'compared', 'cancelled', 'failed', 'stale']);

/** Rows per answer of the compare (`countCompare`, shared/compare/import-mode.ts). */
export const compareCountsSchema = z.object({
  rows: z.int(),
  create: z.int(),
  update: z.int(),
  /** Updates that change no field. */
  unchanged: z.int(),
  conflict: z.int(),
  /** Rows with an unknown-reference warning. */
  withWarnings: z.int(),
});

/** A file's compare as the review shows it. */
export const compareStatusSchema = z.object({
  fileId: fileIdSchema,
  state: compareStateSchema,
  /** The connection compared with (null before a compare). */
  connectionName: z.string().nullable(),
  rowsCompared: z.int(),
  /** Rows to compare (the rows that would be sent). */
  totalRows: z.int(),
  /** HTTP requests made so far by this compare (retries included). */
  requests: z.int(),
  /** Requests per 1,000 rows looked up; null before any row was looked up. */
  requestsPer1000Rows: z.int().nullable(),
  /** Rows answered from an interrupted compare's checkpoint, not looked up again. */
  resumedRows: z.int(),
  /** Counts once the compare is complete; null before. */
  counts: compareCountsSchema.nullable(),
  /** Why it failed or stopped, or what it resumed; null otherwise. */
  message: z.string().nullable(),
});

export const compareStartInputSchema = z.strictObject({
  fileId: fileIdSchema,
  connectionId: connectionIdSchema,
});
export const compareFileInputSchema = z.strictObject({ fileId: fileIdSchema });

/** A page of compared rows, optionally of one action, in file order. */
export const compareRowsInputSchema = z.strictObject({
  fileId: fileIdSchema,
  action: compareActionSchema.optional(),
  offset: z.int().min(0).default(0),
  limit: z.int().min(1).max(500).default(50),
});

/** One field an update changes; values as JSON text (`null` where the profile has none). */
export const fieldChangeSchema = z.object({
  field: z.string(),
  old: z.string(),
  new: z.string(),
  /** `tags` and `statuses`: Omneo replaces the profile's whole list. */
  replacesList: z.boolean(),
});

/** One row's compare answer. */
export const compareRowSchema = z.object({
  line: z.int(),
  matchKey: z.string(),
  action: compareActionSchema,
  profileId: z.string().nullable(),
  changes: z.array(fieldChangeSchema),
  /** Why Omneo would refuse the row (a conflict, never sent). */
  conflicts: z.array(z.string()),
  /** Reference values the tenant does not know, with their severity (shared/compare/reference-rules.ts). */
  unknownReferences: z.array(
    z.object({
      field: z.string(),
      /** The unknown value (null for an error, whose message names it). */
      value: z.string().nullable(),
      severity: z.enum(['warning', 'error']),
      message: z.string(),
    }),
  ),
});
export const compareRowsOutputSchema = z.object({
  total: z.int(),
  offset: z.int(),
  rows: z.array(compareRowSchema),
});

/**
 * What the confirmation states after a compare: "9,610 new profiles, 264 updates, 12 conflicts not
 * sent" under the chosen mode (`formatCompareCounts`).
 */
export const compareConfirmationSchema = z.object({
  mode: importModeSchema,
  create: z.int(),
  update: z.int(),
  conflict: z.int(),
  skippedByMode: z.int(),
  message: z.string(),
});

/** Counts for the undo confirmation: delete N, restore M, keep K (changed since). */
export const undoCountsSchema = z.object({
  delete: z.int(),
  restore: z.int(),
  keep: z.int(),
  /** Already gone from Omneo. */
  gone: z.int(),
  /** Done by an earlier, interrupted undo. */
  done: z.int(),
});

/** A profile undo leaves as it is, and why ("changed since …"). */
export const undoKeptSchema = z.object({
  line: z.int(),
  profileId: z.string().nullable(),
  reason: z.string(),
});

export const undoJobInputSchema = z.strictObject({ jobId: jobIdSchema });
/** The undo's plan (each profile read, the job locked until undo:start or undo:cancel). */
export const undoPlanOutputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('planned'), counts: undoCountsSchema, kept: z.array(undoKeptSchema) }),
  z.object({ kind: z.literal('not-undoable'), message: z.string() }),
]);
export const undoStartOutputSchema = z.object({ started: z.boolean() });

/** The report of an undo run. */
export const undoReportSchema = z.object({
  jobId: jobIdSchema,
  complete: z.boolean(),
  deleted: z.int(),
  restored: z.int(),
  kept: z.array(undoKeptSchema),
  failed: z.array(undoKeptSchema),
});

/** Progress of reading (plan) or changing (undo) profiles; `report` on the last event of a run. */
export const undoProgressEventSchema = z.object({
  jobId: jobIdSchema,
  phase: z.enum(['reading', 'undoing', 'finished']),
  done: z.int(),
  total: z.int(),
  report: undoReportSchema.nullable(),
  message: z.string().nullable(),
});
export const undoCancelOutputSchema = z.object({ cancelled: z.boolean() });
