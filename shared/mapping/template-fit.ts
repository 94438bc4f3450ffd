/**
 * Applying a saved mapping to a file whose headers are close to, but not the same as, the ones it
 * was saved from — and saying what differs.
 *
 * Headers compare trimmed and case-insensitively; an `errors.csv` this app wrote counts as its
 * original headers (its last column, `error`, is the report's own and is never imported).
 */
import { isErrorsReportHeader } from '../report/csv-safety';
import type { ColumnInfo } from '../source/source-table';
import type { ColumnMapping } from './column-mapping';
import { applySavedMapping, type SavedMapping } from './mapping-file';

/** Least share of headers two files must share for a template to be offered as a close match. */
export const closeMatchShare = 0.75;

/** The headers a file is known by: trimmed, lower case, without an errors.csv's `error` column. */
export function headerKey(headers: readonly string[]): string[] {
  const kept = isErrorsReportHeader(headers) ? headers.slice(0, -1) : headers;
  return kept.map((h) => h.trim().toLowerCase());
}

/** True when both header rows are the same (see {@link headerKey}). */
export function sameHeaderKey(a: readonly string[], b: readonly string[]): boolean {
  const x = headerKey(a);
  const y = headerKey(b);
  return x.length === y.length && x.every((h, i) => h === y[i]);
}

/** Share 0..1 of headers the two rows have in common, of the longer row's (order ignored). */
export function headerOverlap(a: readonly string[], b: readonly string[]): number {
  const x = new Set(headerKey(a).filter((h) => h !== ''));
  const y = new Set(headerKey(b).filter((h) => h !== ''));
  const longer = Math.max(x.size, y.size);
  if (longer === 0) return 0;
  return [...x].filter((h) => y.has(h)).length / longer;
}

/**
 * A saved mapping applied to a file with other headers: the template's targets for the headers
 * both have; for the file's new headers, the automatic suggestion when its field is still free.
 *
 * `differences` are sentences for the page: template columns this file lacks, and new columns
 * with what was done with them. Keys by letter or position (`col:E`, `#3`) are not used, since the
 * columns may have moved. Never throws.
 */
export function applyCloseTemplate(
  saved: SavedMapping,
  savedHeaders: readonly string[],
  columns: readonly ColumnInfo[],
  automatic: readonly ColumnMapping[],
): { mapping: ColumnMapping[]; differences: string[] } {
  const differences: string[] = [];
  const byHeader: Record<string, string> = {};
  for (const [key, target] of Object.entries(saved.columns)) {
    if (/^(col:|#)/.test(key)) {
      differences.push(`'${key}' (${target}) names a column by place, which may have moved: map it by hand`);
    } else if (!columns.some((c) => c.header.trim() === key.trim())) {
      differences.push(`'${key}' (${target}) is not in this file`);
    } else byHeader[key] = target;
  }
  const applied = applySavedMapping({ ...saved, columns: byHeader }, columns).mapping;
  const used = new Set(applied.flatMap((m) => (m.target === null ? [] : [m.target])));
  const known = new Set(headerKey(savedHeaders));
  const fileKey = headerKey(columns.map((c) => c.header));
  const mapping = applied.map((m, i) => {
    if (m.target !== null || known.has(fileKey[i] ?? '') || i >= fileKey.length) return m;
    const auto = automatic.find((a) => a.column === m.column);
    const free = auto?.target != null && !used.has(auto.target);
    differences.push(`'${m.header.trim()}' is new: ${free ? `suggested ${auto.target}` : 'not imported'}`);
    if (!free || auto === undefined) return m;
    used.add(auto.target!);
    return auto;
  });
  return { mapping, differences };
}

/**
 * A saved mapping whose header keys are respelled as this file writes the same headers
 * (`Email` saved, `email` in the file), for files whose headers are the same but for case or
 * spaces; value maps (`values`) follow their columns. `savedHeaders` are the headers it was saved from; other keys are kept as they are.
 */
export function respellKeys(
  saved: SavedMapping,
  savedHeaders: readonly string[],
  columns: readonly ColumnInfo[],
): SavedMapping {
  const respell = (key: string): string => {
    const at = savedHeaders.findIndex((h) => h.trim() === key.trim());
    const header = at === -1 ? undefined : columns[at]?.header.trim();
    return header === undefined || header === '' ? key : header;
  };
  const columnsNow = Object.entries(saved.columns).map(([key, target]) => [respell(key), target]);
  const values =
    saved.values && Object.fromEntries(Object.entries(saved.values).map(([key, map]) => [respell(key), map]));
  return {
    ...saved,
    columns: Object.fromEntries(columnsNow) as Record<string, string>,
    ...(values !== undefined && { values }),
  };
}

/**
 * Fills the columns that were empty when a mapping was remembered (`emptyThen`, by header), and
 * so were not suggested then, with the automatic suggestion now that they have values, when its
 * field is still free. Columns the user left out stay out. Each column filled is named in
 * `differences`.
 */
export function fillUnmapped(
  mapping: readonly ColumnMapping[],
  automatic: readonly ColumnMapping[],
  emptyThen: readonly string[],
): { mapping: ColumnMapping[]; differences: string[] } {
  const wasEmpty = new Set(emptyThen.map((h) => h.trim().toLowerCase()));
  const used = new Set(mapping.flatMap((m) => (m.target === null ? [] : [m.target])));
  const differences: string[] = [];
  const filled = mapping.map((m) => {
    const auto = automatic.find((a) => a.column === m.column);
    if (m.target !== null || !wasEmpty.has(m.header.trim().toLowerCase())) return m;
    if (auto?.target == null || used.has(auto.target)) return m;
    used.add(auto.target);
    differences.push(
      `'${m.header.trim()}' was not imported then; it has values now, so suggested ${auto.target}`,
    );
    return auto;
  });
  return { mapping: filled, differences };
}
