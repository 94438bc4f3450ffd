/**
 * What a column's first values look like, so automatic mapping can read the data and not only the
 * header: how many cells are filled, and what share of them are emails, phones, dates, yes/no
 * flags, countries or absolute web addresses.
 *
 * Each test reuses the normaliser the engine will apply to the field (a value counted as a country
 * here is one the import accepts), so a suggestion and the rows it produces agree.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { normaliseCountryCode } from '../normalise/codes';
import { possibleDateOrders } from '../normalise/date-parse';
import { normaliseBoolean } from '../normalise/enums';
import { normalisePhone } from '../normalise/phone';
import { normaliseUrl } from '../normalise/url';

/** Shares are 0..1 of the filled values; null when the column has no filled value. */
export interface ColumnValues {
  /** Non-blank values among the rows looked at. */
  readonly filled: number;
  /** Rows looked at (0 when no rows were given: then nothing is known about the values). */
  readonly rows: number;
  readonly email: number | null;
  /** Values that are phone numbers (E.164-able with the region given, or written with `+`/`00`). */
  readonly phone: number | null;
  /** Of the phone values whose kind is known, the share that are fixed lines (not mobiles). */
  readonly landline: number | null;
  readonly date: number | null;
  readonly boolean: number | null;
  readonly country: number | null;
  /** Absolute `http(s)` addresses; `/services/images/photo/…` (relative) is not one. */
  readonly absoluteUrl: number | null;
  /** Up to 20 distinct values, lower-cased and trimmed, for rules that read words (phone kinds). */
  readonly distinct: readonly string[];
}

/**
 * `x@y.z`: one `@`, no spaces, a dot inside the domain. Tested by hand because the pattern
 * `/^[^\s@]+@[^\s@]+\.[^\s@]+$/` backtracks with the square of a long domain full of dots.
 */
function emailLike(value: string): boolean {
  const at = value.indexOf('@');
  if (at <= 0 || value.indexOf('@', at + 1) !== -1 || /\s/.test(value)) return false;
  return value.slice(at + 2, -1).includes('.');
}
/** Digits with the punctuation phones are written with; 6–15 digits. */
const phoneShape = /^[+(]?[\d\s().\-/]+$/;
const absoluteUrl = /^https?:\/\//i;

function shareOf(values: readonly string[], test: (v: string) => boolean): number | null {
  return values.length === 0 ? null : values.filter(test).length / values.length;
}

function isPhone(value: string, region: string | null): boolean {
  const digits = value.replace(/\D/g, '').length;
  if (!phoneShape.test(value) || digits < 6 || digits > 15) return false;
  return normalisePhone(value, region).ok || region === null;
}

/** `mobile`, `fixed` or null (unknown: no region, or a region where the two share ranges, as in the US). */
function phoneKind(value: string, region: string | null): 'mobile' | 'fixed' | null {
  const parsed = parsePhoneNumberFromString(value, (region ?? undefined) as CountryCode | undefined);
  const type = parsed?.getType();
  if (type === 'MOBILE') return 'mobile';
  if (type === 'FIXED_LINE') return 'fixed';
  return null;
}

/**
 * Profiles one column from its cells in the first rows (`cells[i]` is row i's cell, may be blank).
 *
 * `phoneRegion` (ISO 3166-1 alpha-2) places national numbers; without it only numbers written
 * with `+`/`00` are judged for validity and kind, others count as phones by shape alone.
 */
export function profileColumn(cells: readonly string[], phoneRegion: string | null = null): ColumnValues {
  const values = cells.map((c) => c.trim()).filter((v) => v !== '');
  const phones = values.filter((v) => isPhone(v, phoneRegion));
  const kinds = phones.map((v) => phoneKind(v, phoneRegion)).filter((k) => k !== null);
  return {
    filled: values.length,
    rows: cells.length,
    email: shareOf(values, emailLike),
    phone: values.length === 0 ? null : phones.length / values.length,
    landline: kinds.length === 0 ? null : kinds.filter((k) => k === 'fixed').length / kinds.length,
    date: shareOf(values, (v) => possibleDateOrders(v).length > 0),
    boolean: shareOf(values, (v) => normaliseBoolean(v).ok),
    country: shareOf(values, (v) => normaliseCountryCode(v).ok),
    absoluteUrl: shareOf(values, (v) => absoluteUrl.test(v) && normaliseUrl(v).ok),
    distinct: [...new Set(values.map((v) => v.toLowerCase()))].slice(0, 20),
  };
}

/** True when rows were looked at and the column had no value in any of them. */
export function isEmptyColumn(values: ColumnValues): boolean {
  return values.rows > 0 && values.filled === 0;
}
