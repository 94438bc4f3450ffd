/**
 * Contract schemas of the File step's own operations: the first rows of an open file as they are
 * (to pick the header row by clicking it), and cancelling a long read.
 */
import { z } from 'zod';
import { fileIdSchema, fileInfoSchema } from './common-schemas';

export const fileHeadInputSchema = z.strictObject({ fileId: fileIdSchema });

/**
 * Up to 20 rows from the file's first line (falling back to the detected header row when the
 * first line cannot be one), each with its 1-based line (text) or sheet row (Excel); cells are
 * shortened for display (at most 40 columns of 120 characters).
 */
export const fileHeadOutputSchema = z.object({
  rows: z.array(z.object({ line: z.int().min(1), cells: z.array(z.string()) })),
});

/** How many reads in progress were stopped (each answers its `file:open` with `cancelled`). */
export const fileCancelReadOutputSchema = z.object({ cancelled: z.int().min(0) });

export const fileStatusInputSchema = z.strictObject({ fileId: fileIdSchema });

/**
 * Whether main still has a file open (a reloaded page re-attaching to its workspace), with how it
 * was read and its data rows when they are loaded; nothing is read to answer. A restarted app has
 * no open files: `open: false`.
 */
export const fileStatusOutputSchema = z.discriminatedUnion('open', [
  z.object({ open: z.literal(false) }),
  z.object({ open: z.literal(true), info: fileInfoSchema, rows: z.int().min(0).optional() }),
]);
