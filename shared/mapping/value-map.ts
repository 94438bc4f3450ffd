/**
 * Value mapping: for a column mapped to a field with a list of values (gender, profile type,
 * booleans, statuses, tags, …), what each of the file's own values becomes — `Gold Member` →
 * status `gold`, `M`/`Man` → gender `male`, `Y`/`N` → a consent flag.
 *
 * A value map is kept with the column's mapping (the mapping screen, the saved-mapping file's
 * `values`, the job record) and applied by the one engine before the field's own normaliser, so
 * the CLI and the app read a cell the same way. Values the map does not name go through the
 * field's normaliser as before. A value mapped to `null` is left out, like an empty cell.
 */
import type { FieldTarget } from '../fields/field-target';
import { topLevelFieldKind } from '../fields/field-catalogue';
import { splitList } from '../normalise/lists';
import { vocabularyKey } from '../normalise/vocabulary';
import { PROFILE_TYPES } from '../normalise/enums';

/** A file value (as the file writes it) → the value sent instead; null leaves the value out. */
export type ValueMap = Readonly<Record<string, string | null>>;

/**
 * Most values one column's value map may name, and most distinct values the mapping screen lists
 * for a column (a column with more is not a list of values; the rest still go through the
 * field's own normaliser).
 */
export const valueMapLimit = 1_000;

/**
 * The values a field takes, for the value picker: `closed` lists every value the field accepts;
 * an `open` field takes values the tenant defines (status handles, tags), so `values` are only
 * examples and the user may type another.
 */
export interface AllowedValues {
  readonly open: boolean;
  readonly values: readonly string[];
  /** What a value is, in words, for the picker's label ("a status handle"). */
  readonly noun: string;
}

const genders = ['male', 'female', 'other', 'withheld'] as const;
const booleans = ['true', 'false'] as const;

/**
 * The values a target takes when its column may have a value map, or null when it may not
 * (free text, numbers, dates, identifiers, JSON).
 *
 * Gender and profile type: Omneo's own lists (omneo-api.md). Booleans (comms flags, an address's
 * `is_default`, `:boolean` custom attributes): true / false. Statuses and tags: open (the tenant's
 * handles). Currency and an address's country / ISO code: open (ISO codes; too many to list).
 */
export function allowedValuesOf(target: FieldTarget): AllowedValues | null {
  switch (target.kind) {
    case 'field': {
      const kind = topLevelFieldKind(target.field);
      if (kind === 'gender') return { open: false, values: genders, noun: 'a gender' };
      if (kind === 'profile_type') return { open: false, values: PROFILE_TYPES, noun: 'a profile type' };
      if (kind === 'currency') return { open: true, values: [], noun: 'an ISO 4217 currency code' };
      return null;
    }
    case 'list':
      return {
        open: true,
        values: [],
        noun: target.field === 'statuses' ? 'a status handle' : 'a tag',
      };
    case 'comms':
      return target.flag.endsWith('_at') ? null : { open: false, values: booleans, noun: 'yes or no' };
    case 'custom_attribute':
      return target.type === 'boolean' ? { open: false, values: booleans, noun: 'yes or no' } : null;
    case 'address':
      if (target.part === 'is_default') return { open: false, values: booleans, noun: 'yes or no' };
      if (target.part === 'iso') return { open: true, values: [], noun: 'an ISO country code' };
      if (target.part === 'country') return { open: true, values: [], noun: 'a country' };
      return null;
    default:
      return null;
  }
}

/** True when a list cell's items, not the whole cell, are the values (tags, statuses). */
export function mapsListItems(target: FieldTarget): boolean {
  return target.kind === 'list';
}

/**
 * The key a file value is looked up by: case, spaces, `_` and `-` and a final full stop do not
 * matter (`Gold Member`, `gold-member` and `GOLD MEMBER` are one value).
 */
export function valueKey(text: string): string {
  return vocabularyKey(text.normalize('NFC'));
}

/**
 * A compiled value map: the value to convert instead of `text` (`null`: leave the cell out), or
 * `text` itself when the map does not name it.
 */
export type MapValue = (text: string) => string | null;

/**
 * Compiles a column's value map for its target. For tags and statuses each item of the cell is
 * mapped (items mapped to null are dropped; a cell left with none is left out); otherwise the
 * whole cell. Returns null for an empty or absent map.
 */
export function compileValueMap(values: ValueMap | undefined, target: FieldTarget): MapValue | null {
  if (values === undefined) return null;
  const byKey = new Map<string, string | null>();
  for (const [from, to] of Object.entries(values)) byKey.set(valueKey(from), to);
  if (byKey.size === 0) return null;
  const one = (text: string): string | null => {
    const to = byKey.get(valueKey(text));
    return to === undefined ? text : to;
  };
  if (!mapsListItems(target)) return one;
  return (text) => {
    const items = splitList(text);
    if (!items.some((item) => byKey.has(valueKey(item)))) return text;
    const kept = items.flatMap((item) => {
      const to = one(item);
      return to === null || to.trim() === '' ? [] : [to];
    });
    return kept.length === 0 ? null : kept.join('|');
  };
}

/** The values of one cell that a value map would look up: the list items for tags/statuses, else the cell. */
export function cellValues(text: string, target: FieldTarget): readonly string[] {
  if (mapsListItems(target)) return splitList(text);
  const trimmed = text.trim();
  return trimmed === '' ? [] : [trimmed];
}
