/**
 * Plausible birth dates: the one place that decides what an implausible birth date is and what
 * happens to it.
 *
 * A birth date in the future, or before {@link earliestBirthYear}, is an ERROR
 * (`birth-date-implausible`): the row is not sent as it is (or, with "leave out invalid values",
 * is sent without the birth date, with a warning), since such a date is a typo (`2091` for
 * `1991`) or a CRM's placeholder (`01/01/1800`), never a real birthday, and once in Omneo it
 * drives birthday offers. It is not a warning because a warned row is still sent.
 */
import type { DateParts } from './dates';
import { accept, reject, type Normalised } from './result';

/** Birth years before this are implausible (no one alive was born before 1900). */
export const earliestBirthYear = 1900;

/** A calendar day, as the machine's clock gives it in UTC. */
export interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Today's UTC calendar day from a clock reading. */
export function calendarDay(now: Date): CalendarDay {
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Checks a parsed birth date against `today`: a year-less birthday always passes; a date after
 * `today` or a year before {@link earliestBirthYear} → `birth-date-implausible`, naming the date
 * as read. Never throws.
 */
export function checkBirthDate(parts: DateParts, today: CalendarDay): Normalised<DateParts> {
  const { year, month, day } = parts;
  if (year === null) return accept(parts);
  const shown = `${year}-${pad(month)}-${pad(day)}`;
  if (year < earliestBirthYear) {
    return reject(
      'birth-date-implausible',
      `birth date ${shown} is before ${earliestBirthYear}: most likely a placeholder or a typo; correct it or leave it empty`,
    );
  }
  const later =
    year !== today.year ? year > today.year : month !== today.month ? month > today.month : day > today.day;
  if (later) {
    return reject(
      'birth-date-implausible',
      `birth date ${shown} is in the future: most likely a typo (a two-digit year read in the wrong century?); correct it or leave it empty`,
    );
  }
  return accept(parts);
}

/**
 * Checks a birth year on its own (a `birth_year` column) by the same rule: before
 * {@link earliestBirthYear} or after this year → `birth-date-implausible`.
 */
export function checkBirthYear(year: number, today: CalendarDay): Normalised<number> {
  if (year >= earliestBirthYear && year <= today.year) return accept(year);
  return reject(
    'birth-date-implausible',
    year < earliestBirthYear
      ? `birth year ${year} is before ${earliestBirthYear}: most likely a placeholder or a typo; correct it or leave it empty`
      : `birth year ${year} is in the future: most likely a typo; correct it or leave it empty`,
  );
}
