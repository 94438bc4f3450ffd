/**
 * The job spec: everything an import job was started with, in one zod schema, written once to the
 * job's `job.json`. The CLI and the app both write it and both read it, so any job can be resumed,
 * retried or reported from either front end.
 *
 * It names the input (path, name, size and SHA-256), how it was read, the mapping as resolved
 * (column → field path), the check options, the user's edits and skips, the connection (base URL,
 * and the app's connection id and name), and the job it retries. The rows sent are not re-derived
 * from it: the job folder keeps the checked batches themselves (see ./job-snapshot.ts), so a file
 * edited on disk after the check is never sent.
 *
 * Later features add optional fields (e.g. a create/update mode, undo records): a spec without
 * them still parses, so old jobs stay readable.
 */
import { z } from 'zod';
import { importModes } from '../../shared/compare/import-mode';
import { checkOptionsSchema } from '../../shared/engine/check-options';
import { readOptionsSchema } from '../../shared/ipc/common-schemas';

/** The version of `job.json` this code writes (1 was the journal's own settings file). */
export const jobSpecVersion = 2;

/** The shape of a job id, `YYYYMMDD-HHMMSS-xxxx` (UTC time and 4 random hex digits), sortable by age. */
export const jobIdPattern = /^\d{8}-\d{6}-[0-9a-f]{4}$/;

/**
 * One mapped column: its 0-based index, header when the job started, field path, and the value
 * map it was checked with (`Gold Member` → `gold`; absent: none).
 */
export const mappedColumnSchema = z.object({
  column: z.int().min(0),
  header: z.string(),
  target: z.string().min(1),
  values: z.record(z.string(), z.string().nullable()).optional(),
});

/** The user's changes to rows before sending (the app's review): edited cells and skipped rows. */
export const rowChangesSchema = z.object({
  edits: z.array(z.object({ line: z.int(), column: z.int().min(0), value: z.string() })),
  skips: z.array(z.object({ line: z.int(), reason: z.string() })),
});
export type RowChanges = z.infer<typeof rowChangesSchema>;

/** The check's counts when the job started. `rows = valid + invalid + blank + duplicate + skipped`. */
export const jobCheckCountsSchema = z.object({
  rows: z.int().min(0),
  valid: z.int().min(0),
  invalid: z.int().min(0),
  blank: z.int().min(0),
  duplicate: z.int().min(0),
  skipped: z.int().min(0),
  batches: z.int().min(0),
});
export type JobCheckCounts = z.infer<typeof jobCheckCountsSchema>;

/** `job.json`. */
export const jobSpecSchema = z.object({
  version: z.literal(jobSpecVersion),
  jobId: z.string().regex(jobIdPattern),
  /** ISO 8601 time the job was made. */
  createdAt: z.string(),
  /** Which front end started it (either may resume it). */
  startedBy: z.enum(['cli', 'app']),
  file: z.object({
    path: z.string(),
    name: z.string(),
    size: z.number().min(0),
    /** SHA-256 of the file as checked, lower-case hex. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  read: readOptionsSchema,
  /** Header cells of the file, for errors.csv. */
  header: z.array(z.string()),
  mapping: z.array(mappedColumnSchema),
  options: checkOptionsSchema,
  changes: rowChangesSchema,
  /** Rows repeating an earlier row's mobile_phone were sent without it (`leave-out`). */
  repeatedPhones: z.enum(['keep', 'leave-out']),
  connection: z.object({
    /** Omneo API base URL, e.g. https://api.acme.getomneo.com/api/v3. A job never spans two. */
    baseUrl: z.string(),
    /** The app's saved connection (or `sandbox`); null for a CLI job (token from the environment). */
    id: z.string().nullable(),
    name: z.string(),
  }),
  importJobId: z.string().nullable(),
  /** Follow each batch to its outcome (false: the CLI's `--no-wait`). */
  wait: z.boolean(),
  /** The job whose failed rows this one sends again; null for a first import. */
  retryOf: z.string().regex(jobIdPattern).nullable(),
  check: jobCheckCountsSchema,
  /**
   * Compare with Omneo before sending (`--compare`, `--mode`): rows are sent by `mode`, conflicts
   * are not sent, and what undo needs is recorded (electron/undo/). Absent: no compare.
   */
  compare: z
    .object({ mode: z.enum(importModes) })
    .nullable()
    .optional(),
});
export type JobSpec = z.infer<typeof jobSpecSchema>;

/** What a front end gives to make a job (the core adds version, id and time). */
export type JobSpecInput = Omit<JobSpec, 'version' | 'jobId' | 'createdAt'>;
