/**
 * Each row's phone region from a mapped country column (an address's ISO code or country, or the
 * region's country), so a file of customers from several countries reads each national phone as
 * its own country's; a row whose country is empty or not a country falls back to the default
 * region (the options' `phoneRegion`).
 */
import { isValidRegion } from '../normalise/phone';
import { normaliseCountryCode } from '../normalise/codes';
import { cleanText } from '../normalise/text';
import type { FieldTarget } from '../fields/field-target';
import type { CompiledColumn } from './compile-mapping';

/** A row's phone region and the column it was read from. */
export interface RowRegion {
  /** ISO 3166-1 alpha-2, upper case. */
  readonly code: string;
  readonly column: Pick<CompiledColumn, 'letter' | 'header'>;
}

/**
 * How well a target decides a row's phone region, lower is better (the first address's ISO code,
 * then its country, then later addresses, then the region's country); -1 when it does not.
 */
export function regionRank(t: FieldTarget): number {
  if (t.kind === 'address' && t.part === 'iso') return t.index * 2;
  if (t.kind === 'address' && t.part === 'country') return t.index * 2 + 1;
  if (t.kind === 'field' && t.field === 'region_country') return 1_000;
  return -1;
}

/** The mapped column that decides each row's phone region (best {@link regionRank}), or null when none is mapped. */
export function regionColumnOf<T extends { readonly target: FieldTarget }>(columns: readonly T[]): T | null {
  let best: T | null = null;
  for (const column of columns) {
    const r = regionRank(column.target);
    if (r >= 0 && (best === null || r < regionRank(best.target))) best = column;
  }
  return best;
}

/**
 * The phone region a row's country cell gives (`Australia`, `AU`, `aus` → AU), or null when the
 * plan has no country column or the cell is empty or names no country phone numbers are known for.
 */
export function rowRegionOf(cells: readonly string[], regionColumn: CompiledColumn | null): RowRegion | null {
  if (regionColumn === null) return null;
  const raw = cells[regionColumn.index];
  if (raw === undefined || raw === '') return null;
  const text = cleanText(raw).value;
  if (text === '') return null;
  const mapped = regionColumn.mapValue === null ? text : regionColumn.mapValue(text);
  if (mapped === null) return null;
  const code = normaliseCountryCode(mapped);
  if (!code.ok || !isValidRegion(code.value)) return null;
  return { code: code.value, column: regionColumn };
}

/** How the review names the region that read a phone: `read as AU from column F 'Country'`. */
export function regionNote(region: RowRegion): string {
  const header = region.column.header.trim();
  return `read as ${region.code} from column ${region.column.letter}${header === '' ? '' : ` '${header}'`}`;
}
