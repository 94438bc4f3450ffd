/**
 * Whether an Excel number format shows a date or a time, so a number cell formatted so is read
 * as an ISO date rather than as its serial.
 *
 * A port of SheetJS SSF `fmt_is_date` (Apache-2.0), so the streaming .xlsx reader decides exactly
 * as the SheetJS reader does: outside quoted text, escapes and `[…]` sections (except elapsed
 * time such as `[h]`), any of the letters y m d h s e g (either case), `b1`/`b2` (Buddhist
 * years) or `A/P`, `AM/PM` makes it a date.
 */

/** The built-in formats by id that Excel does not write out — ECMA-376 Part 1, 18.8.30 numFmt. */
const builtIn: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'm/d/yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** Locale-specific built-in ids and the built-in they show as (SheetJS `SSF_default_map`). */
const sameAs: Readonly<Record<number, number>> = {
  ...Object.fromEntries(
    [27, 28, 29, 30, 31, 50, 51, 52, 53, 54, 55, 56, 57, 58, 71, 72].map((id) => [id, 14]),
  ),
  73: 15,
  74: 16,
  75: 17,
  76: 20,
  77: 21,
  78: 22,
  79: 45,
  80: 46,
  81: 47,
};

/** The format code of a built-in number format id, or undefined. */
export function builtInFormat(id: number): string | undefined {
  return builtIn[id] ?? builtIn[sameAs[id] ?? -1];
}

const elapsed = /^\[[HhMmSs\u0E0A\u0E19\u0E17]*\]$/;

/** True when the format code shows a date or time (see the module comment). */
export function isDateFormat(format: string): boolean {
  let i = 0;
  while (i < format.length) {
    const c = format.charAt(i);
    switch (c) {
      case 'G':
        i += format.slice(i, i + 7).toLowerCase() === 'general' ? 7 : 1;
        break;
      case '"':
        i = format.indexOf('"', i + 1);
        i = i === -1 ? format.length : i + 1;
        break;
      case '\\':
      case '_':
        i += 2;
        break;
      case 'B':
      case 'b':
      case 'M':
      case 'D':
      case 'Y':
      case 'H':
      case 'S':
      case 'E':
      case 'm':
      case 'd':
      case 'y':
      case 'h':
      case 's':
      case 'e':
      case 'g':
        return true;
      case '.':
      case '0':
      case '#':
        // A number's digits, including the E of scientific notation (`0.00E+00`).
        i += 1;
        while (i < format.length) {
          const next = format.charAt(i);
          if ('0#?.,E+-%'.includes(next)) i += 1;
          else if (next === '\\' && format.charAt(i + 1) === '-' && '0#'.includes(format.charAt(i + 2)))
            i += 1;
          else break;
        }
        break;
      case '*':
        // Repeat the next character to fill the cell: that character is not a date part.
        i += format.charAt(i + 1) === ' ' || format.charAt(i + 1) === '*' ? 2 : 1;
        break;
      case 'A':
      case 'a':
      case '上': {
        const ahead = format.slice(i, i + 5).toUpperCase();
        if (ahead.startsWith('A/P') || ahead === 'AM/PM' || format.slice(i, i + 5) === '上午/下午')
          return true;
        i += 1;
        break;
      }
      case '[': {
        const end = format.indexOf(']', i);
        const section = end === -1 ? format.slice(i) : format.slice(i, end + 1);
        if (elapsed.test(section)) return true;
        i = end === -1 ? format.length : end + 1;
        break;
      }
      default:
        i += 1;
    }
  }
  return false;
}
