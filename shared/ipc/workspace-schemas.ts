/**
 * Contract schemas for the loaded file: opening it, mapping its columns, checking it and paging
 * through its rows.
 *
 * Main owns the file and its rows; the renderer gets the detected shape, pages of rows for a
 * virtualised table, and the issue summary — never the whole file and never a path.
 */
import { z } from 'zod';
import { checkOptionsSchema, repeatedPhonesPolicies } from '../engine/check-options';
import { savedMappingSchema, valueMapSchema } from '../mapping/mapping-file';
import {
  fileErrorSchema,
  fileIdSchema,
  fileInfoSchema,
  issueSchema,
  opaqueIdSchema,
  readOptionsSchema,
} from './common-schemas';

/**
 * Which file to open. `dialog`: main shows its native open dialog (Electron only). `ref`: a file
 * main already knows by an id it issued — an upload or a dropped file (see the bridge's
 * `registerFile`), or the host's `--open FILE` (`app:info` `startupFile`). Never a path.
 */
export const fileOpenInputSchema = z.discriminatedUnion('via', [
  z.strictObject({ via: z.literal('dialog') }),
  z.strictObject({ via: z.literal('ref'), ref: opaqueIdSchema, options: readOptionsSchema.optional() }),
]);

/** The outcome of opening (or re-reading) a file. */
export const fileOpenOutputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('opened'),
    fileId: fileIdSchema,
    info: fileInfoSchema,
    /** Data rows in the file, when main has read them (absent when a row further down is malformed). */
    rows: z.int().optional(),
    /** Why the rows cannot be read (the header opened; a row further down is malformed). */
    rowsError: fileErrorSchema.optional(),
  }),
  z.object({ kind: z.literal('file-error'), error: fileErrorSchema }),
  z.object({ kind: z.literal('cancelled') }),
]);

/** Re-read an open file with settings the user forced (encoding, delimiter, sheet, header row). */
export const fileReopenInputSchema = z.strictObject({ fileId: fileIdSchema, options: readOptionsSchema });
/** Read another sheet of an open workbook. */
export const fileChooseSheetInputSchema = z.strictObject({
  fileId: fileIdSchema,
  sheet: z.string().min(1).max(255),
});
export const fileCloseInputSchema = z.strictObject({ fileId: fileIdSchema });
export const fileCloseOutputSchema = z.object({ closed: z.boolean() });

/**
 * One mapped column: the 0-based column index and the field path it writes
 * (`email`, `identities.loyalty_id`, `custom_attributes.crm.tier:integer` — see field-target.ts).
 */
export const mappedColumnSchema = z.strictObject({
  column: z.int().min(0).max(16_383),
  target: z.string().trim().min(1).max(200),
  /** What the column's values become (`Gold Member` → `gold`; null: left out) — value-map.ts. */
  values: valueMapSchema.optional(),
});
/** Options kept with a saved mapping, as the saved-mapping file holds them (mapping-file.ts). */
export const savedOptionsSchema = savedMappingSchema.omit({ version: true, columns: true, values: true });

/** A whole mapping: the mapped columns; a column not listed is unmapped. */
export const mappingSchema = z.array(mappedColumnSchema).max(16_384);

export const mappingSuggestInputSchema = z.strictObject({ fileId: fileIdSchema });
/** Every column with a few sample values and the suggested field path (null: no good guess). */
export const mappingSuggestOutputSchema = z.object({
  columns: z.array(
    z.object({
      index: z.int(),
      letter: z.string(),
      header: z.string(),
      samples: z.array(z.string()),
      target: z.string().nullable(),
      /** 0 … 1. */
      confidence: z.number().min(0).max(1),
      reason: z.string(),
      /** Where the target came from: automatic mapping, a saved template, or none. */
      source: z.enum(['auto', 'user', 'template', 'none']),
      /** The value map saved with the template for this column, if any. */
      values: valueMapSchema.optional(),
    }),
  ),
  /**
   * A saved template whose headers match this file. Main has already applied it: `columns`
   * carry its targets (source `template`) and `message` says so.
   */
  template: z
    .object({ id: opaqueIdSchema, name: z.string(), remembered: z.boolean().default(false) })
    .nullable(),
  /** A sentence for the mapping screen, e.g. "Mapped with your saved template 'Shopify export'." */
  message: z.string().nullable(),
  /** Options saved with the applied template (phone region, date order, match, …), to use again. */
  options: savedOptionsSchema.nullable().default(null),
  /** What differs from the template's headers when they were a close, not exact, match. */
  differences: z.array(z.string()).default([]),
});

/**
 * Use this mapping for the file. `match` (default: the last check's, else `email`) decides whether
 * the match key's column is mapped.
 */
export const mappingApplyInputSchema = z.strictObject({
  fileId: fileIdSchema,
  mapping: mappingSchema,
  match: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]+$/)
    .optional(),
});
/** A problem with the mapping itself (unknown field, one field mapped twice, match key unmapped). */
export const mappingProblemSchema = z.object({
  column: z.int().nullable(),
  /** Spreadsheet letter of the column, or null for a problem of the whole mapping. */
  letter: z.string().nullable(),
  target: z.string().nullable(),
  /** Stable kebab-case code (`unknown-target`, `target-mapped-twice`, `match-key-unmapped`, …). */
  code: z.string(),
  message: z.string(),
});
/** Problems with the mapping itself; empty when it can be checked and sent. */
export const mappingApplyOutputSchema = z.object({ problems: z.array(mappingProblemSchema) });

/** A saved mapping, applied when a file's headers match; `remembered` for the last one used. */
export const mappingTemplateSchema = z.object({
  id: opaqueIdSchema,
  name: z.string(),
  headers: z.array(z.string()),
  mapping: mappingSchema,
  remembered: z.boolean().default(false),
  options: savedOptionsSchema.default({}),
});
export const mappingSaveTemplateInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  headers: z.array(z.string()).max(16_384),
  mapping: mappingSchema,
  /** Options to keep with the mapping (phone region, date order, …). */
  options: savedOptionsSchema.optional(),
});
/** Apply a saved template chosen by hand to the file; answers as `mapping:suggest` does. */
export const mappingUseTemplateInputSchema = z.strictObject({ fileId: fileIdSchema, id: opaqueIdSchema });
export const mappingRenameTemplateInputSchema = z.strictObject({
  id: opaqueIdSchema,
  name: z.string().trim().min(1).max(100),
});
export const mappingDeleteTemplateInputSchema = z.strictObject({ id: opaqueIdSchema });
export const mappingDeleteTemplateOutputSchema = z.object({ deleted: z.boolean() });
export const mappingSaveTemplateOutputSchema = z.object({ template: mappingTemplateSchema });
export const mappingListTemplatesOutputSchema = z.object({ templates: z.array(mappingTemplateSchema) });

/**
 * Counts of a check: `rows = valid + invalid + blank + duplicate + skipped + unchecked` (rows the
 * user skipped are taken out before duplicates are found; `unchecked` rows are not checked yet while
 * a check runs, 0 once it is complete; see check-result.ts for the rest).
 */
export const checkSummarySchema = z.object({
  rows: z.int(),
  valid: z.int(),
  invalid: z.int(),
  blank: z.int(),
  duplicate: z.int(),
  warnings: z.int(),
  batches: z.int(),
  skipped: z.int(),
  unchecked: z.int().default(0),
  /** Rows with at least one warning (`warnings` counts the warnings themselves). */
  warningRows: z.int().default(0),
  /** Values left out of valid rows (invalid values left out, repeated mobile phones left out). */
  leftOut: z.int().default(0),
  /** Valid rows with at least one value left out. */
  leftOutRows: z.int().default(0),
  /** Valid rows Omneo is known to refuse (a repeated mobile phone kept): not ready to send. */
  refused: z.int().default(0),
});

/** Check the whole file with the applied mapping; progress comes as `check:progress` events. */
/**
 * What to do with a `mobile_phone` already on an earlier sent row: `keep` sends it (Omneo keeps
 * mobile_phone unique, so it refuses the later rows), `leave-out` sends those rows without it.
 */
export const repeatedPhonesSchema = z.enum(repeatedPhonesPolicies);
export const checkRunInputSchema = z.strictObject({
  fileId: fileIdSchema,
  options: checkOptionsSchema,
  repeatedPhones: repeatedPhonesSchema.default('keep'),
});
/** A date column whose order could not be inferred; nothing in it is sent until one is chosen. */
export const ambiguousDateColumnSchema = z.object({
  index: z.int(),
  letter: z.string(),
  header: z.string(),
  target: z.string(),
  /** Rows whose value fits more than one order. */
  rows: z.int(),
  examples: z.array(z.string()),
});
export const checkRunOutputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('checked'),
    /** Which check of the file this is; its `check:progress` events carry the same number. */
    run: z.int(),
    /**
     * False while the rest of the rows are still being checked (the first rows can be reviewed
     * already); the `check:progress` event with `complete: true` then brings the final summary.
     * Nothing can be imported before.
     */
    complete: z.boolean(),
    summary: checkSummarySchema,
    /** Date columns needing a date order (force `dateOrder` and check again). */
    ambiguousDateColumns: z.array(ambiguousDateColumnSchema),
    /** Why nothing can be imported yet (ambiguous dates, no valid rows), or null (also while incomplete). */
    blocker: z.string().nullable(),
  }),
  z.object({ kind: z.literal('file-error'), error: fileErrorSchema }),
  z.object({
    kind: z.literal('needs-mapping'),
    message: z.string(),
    problems: z.array(mappingProblemSchema),
  }),
]);

export const rowFilterSchema = z.enum(['all', 'errors', 'warnings', 'duplicates', 'skipped']);

/** One row for the review table: its cells as text (after edits) and its issues. */
export const reviewRowSchema = z.object({
  line: z.int(),
  /** `unchecked`: the check has not reached this row yet. */
  status: z.enum(['valid', 'invalid', 'blank', 'duplicate', 'skipped', 'unchecked']),
  cells: z.array(z.string()),
  issues: z.array(issueSchema),
  /** 0-based indexes of the cells the user edited. */
  edited: z.array(z.int()),
  /** Why the user skipped the row (status `skipped`), or null. */
  skipReason: z.string().nullable(),
  /**
   * Each cell as it will be sent, by column index (`1990-02-01` for `01/02/1990`, a phone in
   * E.164); null where the cell is not mapped, empty or not convertible. Absent before a check.
   */
  sent: z.array(z.string().nullable()).optional(),
  /**
   * What decided a cell's sent value, by column index: for a phone read with the row's region
   * from its country column, `read as AU from column F 'Country'`. Absent when nothing to say.
   */
  sentNotes: z.array(z.string().nullable()).optional(),
});

export const rowsPageInputSchema = z.strictObject({
  fileId: fileIdSchema,
  offset: z.int().min(0),
  limit: z.int().min(1).max(1000),
  filter: rowFilterSchema.default('all'),
  /** Only rows with an issue of this code (from issues:summary). */
  issueCode: z.string().max(100).optional(),
});
export const rowsPageOutputSchema = z.object({
  /** Rows matching the filter, so the table knows its height. */
  total: z.int(),
  offset: z.int(),
  rows: z.array(reviewRowSchema),
});

export const rowsEditInputSchema = z.strictObject({
  fileId: fileIdSchema,
  line: z.int().min(1),
  column: z.int().min(0),
  value: z.string().max(100_000),
});
/** The edited row, re-validated, the new summary, and whether there is an edit to undo. */
export const rowsChangedOutputSchema = z.object({
  row: reviewRowSchema,
  summary: checkSummarySchema,
  canUndo: z.boolean(),
});

/** Skip a row (or take it back); a skipped row is never sent and counts as `skipped`. */
export const rowsSkipInputSchema = z.strictObject({
  fileId: fileIdSchema,
  line: z.int().min(1),
  skipped: z.boolean(),
  reason: z.string().trim().max(500).optional(),
});

/** Undo the file's last edit or skip. */
export const rowsUndoInputSchema = z.strictObject({ fileId: fileIdSchema });

export const rowsPayloadInputSchema = z.strictObject({ fileId: fileIdSchema, line: z.int().min(1) });
/** The exact `profiles[]` item that will be sent for a row (null when it won't be sent). */
export const rowsPayloadOutputSchema = z.object({
  line: z.int(),
  profile: z.record(z.string(), z.unknown()).nullable(),
  issues: z.array(issueSchema),
});

export const issuesSummaryInputSchema = z.strictObject({ fileId: fileIdSchema });
/** Problems grouped by code with counts, each clickable to filter rows:page by `issueCode`. */
export const issuesSummaryOutputSchema = z.object({
  groups: z.array(
    z.object({
      code: z.string(),
      severity: z.enum(['error', 'warning']),
      count: z.int(),
      /** What to do, e.g. "312 phones have no country — set a default region". */
      message: z.string(),
      example: issueSchema,
    }),
  ),
  summary: checkSummarySchema,
});
