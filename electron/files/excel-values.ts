/**
 * Turns Excel cell values into the text a user sees, without floating-point or time-zone damage.
 *
 * Everything here is pure arithmetic on numbers: no `Date`, so no result depends on the
 * machine's time zone.
 */

/** The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant, "chrono-compatible low-level date algorithms"). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Days from 1970-01-01 to serial day 0 of each date system.
 *
 * 1900 system: serial 1 is 1900-01-01, but Excel counts a 29 Feb 1900 that never existed
 * (serial 60), so from serial 61 on, serial 0 is 1899-12-30 (-25569 days). 1904 system (old Mac
 * workbooks, `date1904`): serial 0 is 1904-01-01, 24107 days before 1970 — ECMA-376 Part 1,
 * 18.17.4.1.
 */
const epoch1900 = -25569;
const epoch1904 = -24107;

/**
 * The ISO text of an Excel date serial: `YYYY-MM-DD`, plus `THH:MM:SS` when it has a time part.
 *
 * Serial 60 in the 1900 system gives `1900-02-29`, the day Excel invented, so the date
 * normaliser can reject it by name; serial 0 gives Excel's own `1900-01-00`. Times round to the
 * nearest second. Returns null for a negative serial (Excel shows `#####`).
 */
export function excelSerialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  let whole = Math.floor(serial);
  let seconds = Math.round((serial - whole) * 86400);
  if (seconds === 86400) {
    whole += 1;
    seconds = 0;
  }
  let date: string;
  if (!date1904 && whole === 60) date = '1900-02-29';
  else if (!date1904 && whole === 0) date = '1900-01-00';
  else {
    const offset = date1904 ? epoch1904 : whole < 60 ? epoch1900 + 1 : epoch1900;
    const { year, month, day } = civilFromDays(whole + offset);
    date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  }
  if (seconds === 0) return date;
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  return `${date}T${pad(hh)}:${pad(mm)}:${pad(seconds % 60)}`;
}

/**
 * A number as plain decimal text with every digit JavaScript holds and no exponent.
 *
 * `447700900101` → `"447700900101"` (never `4.47701E+11`), `1e21` → `"1000000000000000000000"`,
 * `1.5e-7` → `"0.00000015"`. Non-integers keep their shortest round-trip digits (`0.1` → `"0.1"`).
 */
export function numberToText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = String(value);
  const e = text.indexOf('e');
  if (e === -1) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const pointAt = (point === -1 ? mantissa.length : point) + exponent;
  let out: string;
  if (pointAt <= 0) out = `0.${'0'.repeat(-pointAt)}${digits}`;
  else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length);
  else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return negative ? `-${out}` : out;
}

/**
 * Excel's error codes as shown in a cell (SheetJS `BErr`, from [MS-XLSB] 2.5.97.2 BErr).
 */
const errorTexts: Readonly<Record<number, string>> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/** The display text of an Excel error value, e.g. `#N/A`. */
export function excelErrorText(code: number): string {
  return errorTexts[code] ?? '#ERROR!';
}
