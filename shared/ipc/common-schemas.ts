/**
 * Building blocks of the renderer ↔ main contract: ids and the engine's value shapes as zod schemas.
 *
 * The engine's own types (FileInfo, Issue, FileError, ReadOptions) are plain TypeScript in
 * `shared/source` and `shared/engine`; these schemas describe the same shapes for the wire, and the
 * compile-time checks at the bottom fail the build if the two ever drift apart.
 */
import { z } from 'zod';
import type { FileError, FileInfo, ReadOptions } from '../source/source-table';
import { encodingLabels } from '../source/source-table';
import type { Issue } from '../engine/issue';

/** Opaque id main hands out (file, connection, job, upload); never a path or anything user-made. */
export const opaqueIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,80}$/, 'an id of letters, digits, "-" or "_"');

/** A loaded file, as main names it; the renderer never learns where it lives. */
export const fileIdSchema = opaqueIdSchema;
/** A saved connection, or `sandbox` for the built-in simulator. */
export const connectionIdSchema = opaqueIdSchema;
/** An import job. */
export const jobIdSchema = opaqueIdSchema;

/** Input of operations that take nothing. Unknown keys are refused like everywhere else. */
export const noInputSchema = z.strictObject({});

export const settingSourceSchema = z.enum(['bom', 'detected', 'default', 'user']);

/** {@link FileInfo} on the wire. */
export const fileInfoSchema = z.object({
  name: z.string(),
  format: z.enum(['delimited', 'xlsx', 'xls']),
  encoding: z.enum(encodingLabels).nullable(),
  encodingSource: settingSourceSchema.nullable(),
  delimiter: z.string().nullable(),
  delimiterSource: settingSourceSchema.nullable(),
  sheet: z.string().nullable(),
  sheets: z.array(z.object({ name: z.string(), hidden: z.boolean(), rows: z.int().min(0).optional() })),
  headerRow: z.int().min(1),
  columns: z.array(z.object({ index: z.int().min(0), letter: z.string(), header: z.string() })),
  size: z.number().min(0),
});

/** {@link FileError} on the wire. */
export const fileErrorSchema = z.object({
  code: z.enum([
    'unclosed-quote',
    'empty-file',
    'no-header',
    'unreadable',
    'unsupported-format',
    'sheet-not-found',
    'bad-option',
    'too-many-columns',
  ]),
  message: z.string(),
  line: z.int().nullable(),
  column: z.string().nullable(),
});

/** {@link Issue} on the wire. */
export const issueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  line: z.int(),
  column: z.string().nullable(),
  letter: z.string().nullable(),
  target: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

/** {@link ReadOptions}: what the user forces instead of detection. Delimiter is one character. */
export const readOptionsSchema = z.strictObject({
  encoding: z.enum(encodingLabels).optional(),
  delimiter: z.string().length(1).optional(),
  sheet: z.string().min(1).max(255).optional(),
  headerRow: z.int().min(1).max(1_000_000).optional(),
});

/** Makes every field of a shape readonly, all the way down, for the types derived from schemas. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/** The readonly type a schema describes. */
export type Infer<S extends z.ZodType> = DeepReadonly<z.output<S>>;

// Compile-time drift checks: the wire shapes and the engine's types are the same.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const driftChecks: [
  Same<Infer<typeof fileInfoSchema>, DeepReadonly<FileInfo>>,
  Same<Infer<typeof fileErrorSchema>, DeepReadonly<FileError>>,
  Same<Infer<typeof issueSchema>, DeepReadonly<Issue>>,
  Same<Infer<typeof readOptionsSchema>, DeepReadonly<ReadOptions>>,
] = [true, true, true, true];
void driftChecks;
