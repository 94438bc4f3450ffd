/**
 * Saved mappings: a small versioned JSON file that maps a later file with the same headers.
 *
 * `{ "version": 1, "columns": { "Email": "email", "col:E": "secondary_phone", "#3": "last_name" },
 * "match": "email", "dateOrder": "dmy", "phoneRegion": "AU" }`. A column key is the column's
 * exact (trimmed) header; `col:E` names a column by letter and `#3` by 1-based position, for
 * headers that repeat or are blank. `values` (optional) maps a column's own values to the field's,
 * keyed like `columns`: `"values": { "Tier": { "Gold Member": "gold", "Lapsed": null } }` (null:
 * leave the value out; see value-map.ts).
 */
import { z } from 'zod';
import type { ColumnInfo } from '../source/source-table';
import { formatFieldTarget, nearest, parseFieldPath } from '../fields/field-path';
import { unmappedColumn, type ColumnMapping } from './column-mapping';
import { mappingProblem, type MappingProblem } from './validate-mapping';
import { valueMapLimit, type ValueMap } from './value-map';

/** One column's value map (file value → value sent, null: left out): at most {@link valueMapLimit} values. */
export const valueMapSchema = z
  .record(z.string().min(1).max(1_000), z.string().max(1_000).nullable())
  .refine((values) => Object.keys(values).length <= valueMapLimit, {
    message: `a column's value map may name at most ${valueMapLimit} values`,
  });

/** A saved mapping file, version 1. Unknown keys are refused so a typo is not silently ignored. */
export const savedMappingSchema = z.strictObject({
  version: z.literal(1),
  columns: z.record(z.string().min(1), z.string()),
  match: z.string().min(1).optional(),
  dateOrder: z.enum(['dmy', 'mdy', 'ymd']).optional(),
  phoneRegion: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 region such as AU')
    .optional(),
  onInvalidValue: z.enum(['reject', 'drop']).optional(),
  timeZone: z.string().min(1).optional(),
  values: z.record(z.string().min(1), valueMapSchema).optional(),
});

/** A saved mapping file's content. */
export type SavedMapping = z.infer<typeof savedMappingSchema>;

/** The settings a saved mapping keeps beside its columns. */
export type SavedMappingOptions = Omit<SavedMapping, 'version' | 'columns' | 'values'>;

/**
 * Reads a saved mapping file's text; never throws.
 *
 * Errors name the key at fault: "saved mapping: dateOrder: Invalid option: expected one of …".
 */
export function readSavedMapping(
  text: string,
): { ok: true; saved: SavedMapping } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `saved mapping is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = savedMappingSchema.safeParse(json);
  if (parsed.success) return { ok: true, saved: parsed.data };
  const issues = parsed.error.issues.map(
    (i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`,
  );
  return { ok: false, message: `saved mapping: ${issues.join('; ')}` };
}

/**
 * Turns a mapping into a saved mapping file's content; uses `col:E` keys for repeated headers.
 *
 * Only mapped columns are written. A blank header is also written by letter. Options left
 * undefined are left out of the file.
 */
export function toSavedMapping(
  mapping: readonly ColumnMapping[],
  columns: readonly ColumnInfo[],
  options: SavedMappingOptions = {},
): SavedMapping {
  const counts = new Map<string, number>();
  for (const c of columns) counts.set(c.header.trim(), (counts.get(c.header.trim()) ?? 0) + 1);
  const saved: Record<string, string> = {};
  const values: Record<string, ValueMap> = {};
  for (const m of mapping) {
    if (m.target === null) continue;
    const header = (columns.find((c) => c.index === m.column)?.header ?? m.header).trim();
    const byLetter = header === '' || (counts.get(header) ?? 0) > 1 || /^(col:|#)/.test(header);
    const key = byLetter ? `col:${m.letter}` : header;
    saved[key] = m.target;
    if (m.values !== undefined && Object.keys(m.values).length > 0) values[key] = m.values;
  }
  const defined = Object.fromEntries(
    Object.entries(options).filter(([k, v]) => v !== undefined && k !== 'values'),
  );
  return {
    version: 1,
    columns: saved,
    ...defined,
    ...(Object.keys(values).length > 0 && { values }),
  };
}

/** The column a key names, or why none. */
export type ResolvedColumnKey =
  { ok: true; column: ColumnInfo } | { ok: false; code: string; message: string };

/**
 * Finds the one column a column key names: its exact (trimmed) header, `col:E` or `#5`.
 *
 * For saved mapping files and `--map "Header=path"` alike. Not found → `column-not-found` (with a
 * "did you mean" for a near header); a header that repeats → `ambiguous-header`. Never throws.
 */
export function resolveColumnKey(key: string, columns: readonly ColumnInfo[]): ResolvedColumnKey {
  const last = columns.at(-1)?.letter ?? 'A';
  const letter = /^col:([A-Za-z]+)$/.exec(key.trim());
  if (letter !== null) {
    const want = (letter[1] ?? '').toUpperCase();
    const column = columns.find((c) => c.letter === want);
    return column !== undefined
      ? { ok: true, column }
      : {
          ok: false,
          code: 'column-not-found',
          message: `saved mapping names column ${want}, but this file has columns A–${last}`,
        };
  }
  const position = /^#(\d+)$/.exec(key.trim());
  if (position !== null) {
    const column = columns[Number(position[1]) - 1];
    return column !== undefined
      ? { ok: true, column }
      : {
          ok: false,
          code: 'column-not-found',
          message: `saved mapping names column ${key.trim()}, but this file has ${columns.length} columns`,
        };
  }
  const header = key.trim();
  const found = columns.filter((c) => c.header.trim() === header);
  const only = found[0];
  if (found.length === 1 && only !== undefined) return { ok: true, column: only };
  if (found.length > 1) {
    const letters = found.map((c) => c.letter);
    return {
      ok: false,
      code: 'ambiguous-header',
      message: `header '${header}' repeats in columns ${letters.join(' and ')}: name them ${letters.map((l) => `col:${l}`).join(' and ')} in the mapping`,
    };
  }
  const hint = nearest(
    header,
    columns.map((c) => c.header.trim()),
  );
  return {
    ok: false,
    code: 'column-not-found',
    message: `saved mapping names column '${header}', which this file does not have${hint === null ? '' : ` — did you mean '${hint}'?`}`,
  };
}

/**
 * Applies a saved mapping to a file's columns: header keys match by exact (trimmed) header, `col:E` by letter, `#3` by 1-based position; keys that match no column are problems; columns not named stay unmapped.
 *
 * Also problems: a header key that matches several columns (`ambiguous-header`), a field path that
 * does not parse (`unknown-target`, the column stays unmapped), two keys naming one column
 * (`column-mapped-twice`, the first wins), and a `values` key naming no key of `columns`
 * (`value-map-unmapped`). A column's value map comes with it (`ColumnMapping.values`). Targets are written in canonical form. Run
 * `validateMapping` on the result for the checks every mapping gets.
 */
export function applySavedMapping(
  saved: SavedMapping,
  columns: readonly ColumnInfo[],
): { mapping: ColumnMapping[]; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const chosen = new Map<number, { key: string; target: string; values: ValueMap | undefined }>();
  for (const key of Object.keys(saved.values ?? {})) {
    if (!Object.hasOwn(saved.columns, key)) {
      problems.push(
        mappingProblem(
          'value-map-unmapped',
          `saved mapping has values for '${key}', which its columns do not map; name it in "columns" too`,
        ),
      );
    }
  }
  for (const [key, path] of Object.entries(saved.columns)) {
    const resolved = resolveColumnKey(key, columns);
    if (!resolved.ok) {
      problems.push(mappingProblem(resolved.code, resolved.message, path));
      continue;
    }
    const c = resolved.column;
    const at = { column: c.index, letter: c.letter, header: c.header };
    const parsed = parseFieldPath(path);
    if (!parsed.ok) {
      problems.push({
        ...at,
        target: path,
        code: 'unknown-target',
        message: `saved mapping '${key}': ${parsed.message}`,
      });
      continue;
    }
    const earlier = chosen.get(c.index);
    if (earlier !== undefined) {
      problems.push({
        ...at,
        target: path,
        code: 'column-mapped-twice',
        message: `saved mapping names column ${c.letter} twice ('${earlier.key}' and '${key}'); '${earlier.key}' is used`,
      });
      continue;
    }
    chosen.set(c.index, {
      key,
      target: formatFieldTarget(parsed.target),
      values: saved.values?.[key],
    });
  }
  const mapping = columns.map((c): ColumnMapping => {
    const pick = chosen.get(c.index);
    return pick === undefined
      ? unmappedColumn(c, 'not named in the saved mapping')
      : {
          column: c.index,
          letter: c.letter,
          header: c.header,
          target: pick.target,
          confidence: 1,
          source: 'template',
          reason: `saved mapping '${pick.key}'`,
          ...(pick.values !== undefined && { values: pick.values }),
        };
  });
  return { mapping, problems };
}

/**
 * Whether a saved mapping fits a file: every key names exactly one of its columns.
 *
 * Used to offer a saved mapping for a newly opened file (every named header present).
 */
export function savedMappingFits(saved: SavedMapping, columns: readonly ColumnInfo[]): boolean {
  return Object.keys(saved.columns).every((key) => resolveColumnKey(key, columns).ok);
}
