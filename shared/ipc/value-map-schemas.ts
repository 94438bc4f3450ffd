/**
 * Contract schemas for value mapping: the distinct values of one column, with how many rows hold
 * each, for the mapping screen's value picker (see shared/mapping/value-map.ts).
 */
import { z } from 'zod';
import { fileIdSchema } from './common-schemas';

/**
 * The distinct values of `column` as `target` reads them (each tag or status of a list cell; the
 * whole cell otherwise), after the user's edits. At most `valueMapLimit` (1,000, value-map.ts) values are listed.
 */
export const mappingValuesInputSchema = z.strictObject({
  fileId: fileIdSchema,
  column: z.int().min(0).max(16_383),
  target: z.string().trim().min(1).max(200),
});

export const mappingValuesOutputSchema = z.object({
  /** Distinct values, most rows first: the first spelling seen and the rows holding it in any spelling. */
  values: z.array(z.object({ value: z.string(), count: z.int().min(1) })),
  /** True when the column has more distinct values than `limit`: only the first `limit` are listed. */
  capped: z.boolean(),
  /** Most distinct values listed (and mapped) per column. */
  limit: z.int(),
  /** Non-empty cells read. */
  cells: z.int(),
});
