/**
 * Date-times for `joined_at` and consent timestamps, always as a UTC instant.
 *
 * Omneo takes ISO 8601 date-times (`2023-11-07T05:31:56Z` — omneo-api.md). A spreadsheet may hold
 * an instant (with an offset), a wall-clock time, or only a date; the last two need a zone, and
 * the importer never uses the machine's zone, so results are identical on every computer.
 */
import { DateTime, IANAZone } from 'luxon';
import {
  excelSerialToParts,
  parseDate,
  splitDateTime,
  type DateOrder,
  type DateParts,
  type TimeOfDay,
} from './date-parse';
import { quoteValue } from './memo';
import { accept, reject, type Normalised, type NormaliseNote } from './result';

const SERIAL_WITH_FRACTION = /^\d{1,7}\.\d+$/;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function formatUtc(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

/** Milliseconds since the epoch of a UTC wall-clock time (years 1–99 included, unlike bare `Date.UTC`). */
function utcMillis(year: number, month: number, day: number, time: TimeOfDay): number {
  const d = new Date(Date.UTC(2000, month - 1, day, time.hour, time.minute, time.second));
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

const MIDNIGHT: TimeOfDay = { hour: 0, minute: 0, second: 0, offsetMinutes: null };

/**
 * Normalise a date or date-time to `YYYY-MM-DDTHH:mm:ssZ` (UTC, seconds precision).
 *
 * - With an offset (`…Z`, `+10:00`, `-0500`, `UTC`): that instant, converted to UTC.
 * - With a time but no offset: that wall-clock time in `timeZone` (IANA, e.g. `Australia/Sydney`),
 *   or UTC when null. A time inside a daylight-saving gap moves forward (warning `time-shifted-dst`).
 * - Date only (any form {@link parseDate} reads, by `order`): midnight in `timeZone`, or UTC.
 * - Excel serials with a fraction (`45234.5`): the fraction is the time of day.
 * Fractions of a second are dropped. Errors: those of `parseDate`; `date-no-year` for a year-less
 * date; `timezone-invalid` for an unknown zone; `date-invalid` for a malformed time. Never throws.
 */
export function normaliseDateTime(
  text: string,
  order: DateOrder | null,
  timeZone: string | null,
): Normalised<string> {
  if (timeZone !== null && timeZone !== 'UTC' && !IANAZone.isValidZone(timeZone)) {
    return reject(
      'timezone-invalid',
      `'${timeZone}' is not a time zone; use an IANA name such as Australia/Sydney`,
    );
  }
  const trimmed = text.trim();
  let parts: Normalised<DateParts>;
  let time: TimeOfDay;
  if (SERIAL_WITH_FRACTION.test(trimmed)) {
    const serial = Number(trimmed);
    parts = excelSerialToParts(serial);
    const seconds = Math.min(86_399, Math.round((serial - Math.floor(serial)) * 86_400));
    time = {
      hour: Math.floor(seconds / 3600),
      minute: Math.floor(seconds / 60) % 60,
      second: seconds % 60,
      offsetMinutes: null,
    };
  } else {
    const split = splitDateTime(trimmed);
    if (split === null) return reject('date-invalid', `${quoteValue(text)} has a time that does not exist`);
    parts = parseDate(split.date, order);
    time = split.time ?? MIDNIGHT;
  }
  if (!parts.ok) return parts;
  const { year, month, day } = parts.value;
  if (year === null) return reject('date-no-year', `${quoteValue(text)} has no year; a date-time needs one`);
  if (time.offsetMinutes !== null)
    return accept(formatUtc(utcMillis(year, month, day, time) - time.offsetMinutes * 60_000));
  if (timeZone === null || timeZone === 'UTC') return accept(formatUtc(utcMillis(year, month, day, time)));
  const local = DateTime.fromObject(
    { year, month, day, hour: time.hour, minute: time.minute, second: time.second },
    { zone: timeZone },
  );
  if (!local.isValid) return reject('date-invalid', `${quoteValue(text)} cannot be placed in ${timeZone}`);
  const warnings: NormaliseNote[] = [];
  if (local.hour !== time.hour || local.minute !== time.minute) {
    warnings.push({
      code: 'time-shifted-dst',
      message: `${quoteValue(text)} does not exist in ${timeZone} (daylight-saving change); read as ${local.toFormat('HH:mm')}`,
    });
  }
  return accept(formatUtc(local.toMillis()), warnings);
}
