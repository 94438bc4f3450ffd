/**
 * Contract schemas for finding and changing many review rows at once: a page of rows searched and
 * sorted (`rows:query`), where a line is in that view (`rows:locate`, for go-to-line), and bulk
 * changes that are one undo step each (`rows:bulk`: skip many rows, skip or leave out every value
 * with one problem, replace text within a column).
 */
import { z } from 'zod';
import { fileIdSchema } from './common-schemas';
import { compareActionSchema } from './compare-schemas';
import { checkSummarySchema, rowFilterSchema } from './workspace-schemas';

/** Sort by the line, or by a column's text (numbers in it compare as numbers; empty cells last). */
export const rowSortSchema = z.strictObject({
  by: z.union([z.literal('line'), z.int().min(0).max(16_383)]),
  descending: z.boolean().default(false),
});

/** Which rows a view lists and in what order. */
const rowViewFields = {
  filter: rowFilterSchema.default('all'),
  /** Only rows with an issue of this code (from issues:summary). */
  issueCode: z.string().max(100).optional(),
  /** Only rows with a cell holding this text (case-insensitive), or this line number. */
  search: z.string().max(200).optional(),
  sort: rowSortSchema.optional(),
  /** Only rows the file's current compare with Omneo answered so ("will create", …); none before one. */
  compare: compareActionSchema.optional(),
};

export const rowsQueryInputSchema = z.strictObject({
  fileId: fileIdSchema,
  offset: z.int().min(0),
  limit: z.int().min(1).max(1000),
  ...rowViewFields,
});

export const rowsLocateInputSchema = z.strictObject({
  fileId: fileIdSchema,
  line: z.int().min(1),
  ...rowViewFields,
});
/** Where a line is in the view (0-based), or null; `inFile` says whether the file has the line. */
export const rowsLocateOutputSchema = z.object({
  position: z.int().nullable(),
  inFile: z.boolean(),
});

/** Most lines one bulk skip names. */
export const maxBulkLines = 1_000_000;

/** A change to many rows, made as one undo step. */
export const bulkActionSchema = z.discriminatedUnion('kind', [
  /** Skip (or take back) these lines. */
  z.strictObject({
    kind: z.literal('skip'),
    lines: z.array(z.int().min(1)).min(1).max(maxBulkLines),
    skipped: z.boolean(),
  }),
  /** Skip every row that has an issue of this code. */
  z.strictObject({ kind: z.literal('skip-issue'), code: z.string().min(1).max(100) }),
  /** Empty every cell that has an issue of this code, so the value is left out of the profile. */
  z.strictObject({ kind: z.literal('leave-out-issue'), code: z.string().min(1).max(100) }),
  /** Replace `find` with `replace` in one column (0-based index) of every row. */
  z.strictObject({
    kind: z.literal('replace'),
    column: z.int().min(0).max(16_383),
    find: z.string().min(1).max(1000),
    replace: z.string().max(1000),
    matchCase: z.boolean().default(false),
    /** Only cells whose whole text is `find`. */
    wholeCell: z.boolean().default(false),
  }),
]);
export const rowsBulkInputSchema = z.strictObject({ fileId: fileIdSchema, action: bulkActionSchema });
/** How many cells or rows changed, the new counts, and whether there is something to undo. */
export const rowsBulkOutputSchema = z.object({
  changed: z.int(),
  summary: checkSummarySchema,
  canUndo: z.boolean(),
});
