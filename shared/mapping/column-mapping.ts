/**
 * A mapping: for each column of the file, the field path it fills (or none) and why.
 *
 * The same value drives the mapping screen, the CLI's summary and the import engine, whether it
 * came from automatic mapping, the user, or a saved mapping file.
 */
import type { ColumnInfo } from '../source/source-table';
import type { ValueMap } from './value-map';

/** Where a column's target came from. */
export type MappingSource = 'auto' | 'user' | 'template' | 'none';

/** One column's mapping. `column` is the 0-based column index, `letter` its spreadsheet letter. */
export interface ColumnMapping {
  readonly column: number;
  readonly letter: string;
  readonly header: string;
  /** A canonical field path (`email`, `addresses.city`, …), or null when the column is not imported. */
  readonly target: string | null;
  /** 0..1 */
  readonly confidence: number;
  readonly source: MappingSource;
  /** why unmapped / why this target, for the UI and the CLI */
  readonly reason: string | null;
  /** What the file's values become (`Gold Member` → `gold`), for fields with a list of values. */
  readonly values?: ValueMap;
}

/** How messages name a column: `column D 'phone'`, or `column D` when the header is blank. */
export function describeColumn(column: Pick<ColumnInfo, 'letter' | 'header'>): string {
  const header = column.header.trim();
  return header === '' ? `column ${column.letter}` : `column ${column.letter} '${header}'`;
}

/** A column left out of the import, with the reason shown to the user. */
export function unmappedColumn(column: ColumnInfo, reason: string): ColumnMapping {
  return {
    column: column.index,
    letter: column.letter,
    header: column.header,
    target: null,
    confidence: 0,
    source: 'none',
    reason,
  };
}

/**
 * Sets one column's target by hand, as the mapping screen or a `--map` option does.
 *
 * `target` null unmaps the column; a value map is kept only when the target stays the same. Other
 * columns are returned unchanged; the result should be checked with `validateMapping`.
 */
export function setColumnTarget(
  mapping: readonly ColumnMapping[],
  column: number,
  target: string | null,
): ColumnMapping[] {
  return mapping.map((m) => {
    if (m.column !== column) return m;
    // A value map belongs to its field: it goes when the column is mapped elsewhere.
    const { values, ...rest } = m;
    const kept = values !== undefined && m.target === target ? { values } : {};
    return target === null
      ? { ...rest, target: null, confidence: 0, source: 'none', reason: 'unmapped by you' }
      : { ...rest, ...kept, target, confidence: 1, source: 'user', reason: 'chosen by you' };
  });
}
