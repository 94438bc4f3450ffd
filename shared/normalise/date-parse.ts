/**
 * Calendar dates from spreadsheet text: ISO, day-first, month-first, month names, Excel serials.
 *
 * Pure arithmetic on numbers — no `Date` parsing of strings and never the machine's time zone —
 * so results are the same in every zone (case 14-xlsx-date-serials, the TZ invariant of cases/README).
 */
import { createBoundedMemo, quoteValue } from './memo';
import { accept, reject, type Normalised } from './result';

/** The order of day, month and year in a numeric date: `dmy` 31/01/1990, `mdy` 01/31/1990, `ymd` 1990-01-31. */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

/** A calendar date; `year` is null for a year-less birthday such as `7/6` or `7 Jun`. Month 1–12, day 1–31. */
export interface DateParts {
  readonly year: number | null;
  readonly month: number;
  readonly day: number;
}

/** A wall-clock time split off a date-time text; `offsetMinutes` is null when the text names no offset. */
export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly offsetMinutes: number | null;
}

const ALL_ORDERS: readonly DateOrder[] = Object.freeze(['dmy', 'mdy', 'ymd']);
const NO_ORDERS: readonly DateOrder[] = Object.freeze([]);
const YMD: readonly DateOrder[] = Object.freeze(['ymd']);
const DMY: readonly DateOrder[] = Object.freeze(['dmy']);
const MDY: readonly DateOrder[] = Object.freeze(['mdy']);
const DMY_MDY: readonly DateOrder[] = Object.freeze(['dmy', 'mdy']);

const ISO = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const COMPACT_ISO = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/;
const DAY_MONTH = /^(\d{1,2})([-/.])(\d{1,2})$/;
const SERIAL = /^(\d{1,7})(?:\.(\d+))?$/;
const YEAR_ONLY = /^(?:1[89]|20)\d\d$/;
const DATE_THEN_TIME = /^(.*?\d)(?:T|\s+)(\d{1,2}:\d{2}.*)$/i;
const TIME =
  /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([ap])\.?m\.?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAY = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?$/;
const DAY_TOKEN = /^(\d{1,2})(?:st|nd|rd|th)?$/;
const YEAR_TOKEN = /^\d{4}$|^\d{2}$/;

/** Largest Excel serial: 9999-12-31 (Excel specifications and limits). */
const MAX_SERIAL = 2_958_465;
const DAY_MS = 86_400_000;

const memo = createBoundedMemo<Normalised<DateParts>>();

/**
 * Expand a two-digit year the way Excel does: 00–29 → 2000–2029, 30–99 → 1930–1999.
 *
 * Source: Microsoft, "How Excel works with two-digit year numbers" (default cutoff 2029). A fixed
 * pivot keeps results reproducible; data typed as `85` most likely came through Excel anyway.
 */
export function expandTwoDigitYear(year: number): number {
  return year < 30 ? 2000 + year : 1900 + year;
}

/** Days in `month` (1–12) of `year`; a null year allows 29 February (a year-less birthday). */
export function daysInMonth(year: number | null, month: number): number {
  if (month === 2)
    return year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** `YYYY-MM-DD` for a date with a year. */
export function formatIsoDate(parts: DateParts & { year: number }): string {
  return `${pad4(parts.year)}-${pad2(parts.month)}-${pad2(parts.day)}`;
}

function isCalendarDate(year: number | null, month: number, day: number): boolean {
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && (year === null || year >= 1)
  );
}

function makeParts(year: number | null, month: number, day: number, text: string): Normalised<DateParts> {
  if (year !== null && (year < 1 || year > 9999))
    return reject('date-invalid', `${quoteValue(text)}: year ${year} is out of range`);
  if (month < 1 || month > 12)
    return reject('date-invalid', `${quoteValue(text)}: month ${month} does not exist`);
  if (day < 1 || day > daysInMonth(year, month)) {
    const which =
      year === null ? `${day} ${MONTH_NAMES[month - 1]}` : `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
    return reject('date-invalid', `${which} does not exist`);
  }
  return accept({ year, month, day });
}

/**
 * Split `1990-01-31T10:00:00+10:00`, `31/01/1990 10:00` or `7 Jun 1985 2:30 pm` into date and time.
 *
 * Returns the whole text as the date with a null time when there is no time part, and null when
 * a time part is present but malformed (hour 25, minute 60, …).
 */
export function splitDateTime(
  text: string,
): { readonly date: string; readonly time: TimeOfDay | null } | null {
  const split = DATE_THEN_TIME.exec(text);
  if (split === null) return { date: text, time: null };
  const time = TIME.exec(split[2] ?? '');
  if (time === null) return null;
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  const second = time[3] === undefined ? 0 : Number(time[3]);
  const meridiem = time[4]?.toLowerCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { date: split[1] ?? '', time: { hour, minute, second, offsetMinutes: parseOffset(time[5]) } };
}

function parseOffset(zone: string | undefined): number | null {
  if (zone === undefined) return null;
  const lower = zone.toLowerCase();
  if (lower === 'z' || lower === 'utc' || lower === 'gmt') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

/** Date parts of an Excel 1900-system serial (1 = 1900-01-01; 60 is Lotus's phantom 29 Feb 1900). */
export function excelSerialToParts(serial: number): Normalised<DateParts> {
  const whole = Math.floor(serial);
  if (whole === 60) return reject('date-invalid', '1900-02-29 does not exist');
  if (whole < 1 || whole > MAX_SERIAL) {
    return reject(
      'date-invalid',
      `${whole} is not an Excel date serial (1 = 1900-01-01 to ${MAX_SERIAL} = 9999-12-31)`,
    );
  }
  const date = new Date(Date.UTC(1899, 11, 31) + (whole < 60 ? whole : whole - 1) * DAY_MS);
  return accept({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

function monthFromToken(token: string): number | null {
  if (token.length < 3) return null;
  const index = MONTHS.indexOf(token.slice(0, 3));
  if (index < 0) return null;
  const full = MONTH_NAMES[index] ?? '';
  return full.startsWith(token) || (index === 8 && token === 'sept') ? index + 1 : null;
}

function yearFromToken(token: string): number {
  const year = Number(token);
  return token.length === 2 ? expandTwoDigitYear(year) : year;
}

/** `7 Jun 1985`, `June 7, 1985`, `Fri 7th June 85`, `07-Jun-1985`, `7 Jun` (year-less); null when not this shape. */
function parseNamedMonth(text: string): Normalised<DateParts> | null {
  const tokens = text
    .toLowerCase()
    .split(/[\s,/.-]+/)
    .filter((t) => t.length > 0);
  if (tokens.length > 0 && WEEKDAY.test(tokens[0] ?? '')) tokens.shift();
  if (tokens.length < 2 || tokens.length > 3) return null;
  const [a = '', b = '', c] = tokens;
  let day: RegExpExecArray | null;
  let month: number | null;
  if ((month = monthFromToken(b)) !== null && (day = DAY_TOKEN.exec(a)) !== null) {
    // day month [year]
  } else if ((month = monthFromToken(a)) !== null && (day = DAY_TOKEN.exec(b)) !== null) {
    // month day [year]
  } else {
    return null;
  }
  if (c !== undefined && !YEAR_TOKEN.test(c)) return null;
  return makeParts(c === undefined ? null : yearFromToken(c), month, Number(day[1]), text);
}

function parseNumeric(
  a: number,
  b: number,
  year: number | null,
  order: DateOrder | null,
  text: string,
): Normalised<DateParts> {
  if (order === 'dmy') return makeParts(year, b, a, text);
  if (order === 'mdy') return makeParts(year, a, b, text);
  const dayFirst = isCalendarDate(year, b, a);
  const monthFirst = isCalendarDate(year, a, b);
  if (a === b || (dayFirst && !monthFirst)) return makeParts(year, b, a, text);
  if (monthFirst && !dayFirst) return makeParts(year, a, b, text);
  if (dayFirst && monthFirst) {
    return reject(
      'date-ambiguous',
      `${quoteValue(text)} could be day-first or month-first; pick a date order (day/month/year or month/day/year)`,
    );
  }
  return reject('date-invalid', `${quoteValue(text)} is not a valid date day-first or month-first`);
}

function computeDate(text: string, order: DateOrder | null): Normalised<DateParts> {
  const split = splitDateTime(text.trim());
  if (split === null) return unreadable(text);
  const date = split.date;
  let m = ISO.exec(date) ?? COMPACT_ISO.exec(date);
  if (m !== null) {
    const [year, month, day] = m.length === 5 ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
    return makeParts(Number(year), Number(month), Number(day), text);
  }
  if ((m = NUMERIC.exec(date)) !== null) {
    const [first, second, last] = [Number(m[1]), Number(m[3]), m[4] ?? ''];
    if (order === 'ymd' && last.length === 2)
      return makeParts(expandTwoDigitYear(first), second, Number(last), text);
    return parseNumeric(first, second, yearFromToken(last), order === 'ymd' ? null : order, text);
  }
  if ((m = DAY_MONTH.exec(date)) !== null) {
    return parseNumeric(Number(m[1]), Number(m[3]), null, order === 'ymd' ? null : order, text);
  }
  if (split.time === null && (m = SERIAL.exec(date)) !== null) {
    if (m[2] === undefined && YEAR_ONLY.test(date)) {
      return reject('date-year-only', `${quoteValue(text)} looks like a year only; a full date is needed`);
    }
    return excelSerialToParts(Number(m[1]));
  }
  return parseNamedMonth(date) ?? unreadable(text);
}

function unreadable(text: string): Normalised<DateParts> {
  return reject(
    'date-invalid',
    `${quoteValue(text)} is not a date (expected e.g. 1990-01-31, 31/01/1990 or 31 Jan 1990)`,
  );
}

/**
 * Parse a date cell into day, month and optional year.
 *
 * Forms: ISO `1990-01-31` / `1990/01/31` / `19900131` (any time part ignored, even with an
 * offset: the date is the calendar date as written); numeric D/M/Y or M/D/Y with `/` `.` `-` by
 * `order` (two-digit years by {@link expandTwoDigitYear}); with `order` `ymd`, `yy/mm/dd`;
 * English month names (`7 Jun 1985`, `June 7, 1985`, `Fri 7th June 85`); Excel 1900-system
 * serials as text (`31205` → 1985-06-07; `60` → "1900-02-29 does not exist"); year-less
 * `7/6`, `7 Jun` (year null). A bare `1985` is `date-year-only`, not serial 1985 (a 1905 date).
 * With `order` null a numeric date is accepted when only one order makes a real date; when both
 * do → `date-ambiguous` (pick an order). Impossible dates → `date-invalid` ("2001-02-29 does not
 * exist"). Never throws. Memoised on (order, text) in a bounded map (~50k entries).
 */
export function parseDate(text: string, order: DateOrder | null): Normalised<DateParts> {
  return memo.get(`${order ?? ''}\u0000${text}`, () => computeDate(text, order));
}

/**
 * Which orders a text date allows — the evidence for inferring a column's order.
 *
 * ISO (4-digit year first) → `['ymd']`; `15/04/1991` → `['dmy']`; `04/15/1991` → `['mdy']`;
 * `01/02/1990` → `['dmy','mdy']`; order-independent forms (month names, Excel serials) → all three;
 * unparseable or impossible either way → `[]`. Two-digit-year-first (`yy/mm/dd`) is never
 * inferred: it is only read when the user picks `ymd`.
 */
export function possibleDateOrders(text: string): readonly DateOrder[] {
  const split = splitDateTime(text.trim());
  if (split === null) return NO_ORDERS;
  const date = split.date;
  if (ISO.test(date) || COMPACT_ISO.test(date)) return parseDate(text, 'ymd').ok ? YMD : NO_ORDERS;
  const m = NUMERIC.exec(date) ?? DAY_MONTH.exec(date);
  if (m !== null) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = m[4] === undefined ? null : yearFromToken(m[4]);
    const dayFirst = isCalendarDate(year, b, a);
    const monthFirst = isCalendarDate(year, a, b);
    return dayFirst ? (monthFirst ? DMY_MDY : DMY) : monthFirst ? MDY : NO_ORDERS;
  }
  return parseDate(text, null).ok ? ALL_ORDERS : NO_ORDERS;
}
