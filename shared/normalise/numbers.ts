/**
 * Numbers for integer and float custom attributes and numeric profile fields.
 *
 * Spreadsheet numbers arrive as text (the reader never sniffs types). Separators are the trap:
 * `1.234,50` is European for 1234.5 (case 06-semicolon-decimal-comma) while `1,234` could be
 * either a thousand or one point two three four, so only forms with one reading are accepted.
 */
import { quoteValue } from './memo';
import { accept, reject, type Normalised, type NormaliseNote } from './result';

const PLAIN_INTEGER = /^[+-]?\d+$/;
/** `12`, `12.`, `12.5`, `.5`, `1e3`; one way to split the digits, so it never backtracks. */
const PLAIN_FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
/** `1,234,567.89` — comma thousands, dot decimals. */
const COMMA_GROUPED = /^[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;
/** `1.234.567,89` or `1 234 567,89` — dot, space or NBSP thousands with comma decimals. */
const EUROPEAN = /^[+-]?\d{1,3}(?:([. \u00a0\u202f])\d{3})*,\d+$/;
/** `1,234`: a thousand and thirty-four, or one point two three four in a decimal-comma locale. */
const AMBIGUOUS_COMMA = /^[+-]?[1-9]\d{0,2},\d{3}$/;
/** `12,5`, `0,125`, `1234,567` — a decimal comma (tried after the ambiguous and grouped forms). */
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/**
 * Normalise an integer, optionally within `range` (inclusive bounds).
 *
 * Accepts plain digits with an optional sign (`007` → 7) and comma thousands (`1,234,567`); a
 * whole-number decimal such as `12.0` is accepted with warning `integer-decimal-dropped`.
 * Errors: `integer-invalid` (not a whole number), `integer-too-large` (beyond ±2^53, where digits
 * would be lost — IDs belong in text fields), `integer-out-of-range`. Never throws.
 */
export function normaliseInteger(text: string, range?: { min?: number; max?: number }): Normalised<number> {
  const trimmed = text.trim();
  const warnings: NormaliseNote[] = [];
  let value: number;
  if (PLAIN_INTEGER.test(trimmed)) value = Number(trimmed);
  else if (COMMA_GROUPED.test(trimmed) && !trimmed.includes('.')) value = Number(trimmed.replaceAll(',', ''));
  else {
    const parsed = normaliseFloat(trimmed);
    if (!parsed.ok || !Number.isInteger(parsed.value)) {
      return reject('integer-invalid', `${quoteValue(text)} is not a whole number`);
    }
    value = parsed.value;
    warnings.push(...parsed.warnings);
    warnings.push({ code: 'integer-decimal-dropped', message: `${quoteValue(text)} read as ${value}` });
  }
  if (!Number.isSafeInteger(value)) {
    return reject(
      'integer-too-large',
      `${quoteValue(text)} is too large to keep every digit; store it as text`,
    );
  }
  if (Object.is(value, -0)) value = 0;
  const { min, max } = range ?? {};
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    const bounds = `${min ?? '-∞'} to ${max ?? '∞'}`;
    return reject('integer-out-of-range', `${quoteValue(text)} is outside ${bounds}`);
  }
  return accept(value, warnings);
}

/**
 * Normalise a decimal number.
 *
 * Accepts `12.5`, `.5`, `1e3`, `1,234.50` (comma thousands), `1.234,50` / `1 234,50` (European)
 * and `12,5` (decimal comma; both say so with warning `decimal-comma`). `1,234` alone is refused as `float-ambiguous` (thousands or decimal
 * comma?); `1.234` is read as 1.234, the dot being the usual decimal mark; other text → `float-invalid`; infinities and
 * values beyond double range → `float-invalid`. Never throws.
 */
export function normaliseFloat(text: string): Normalised<number> {
  const trimmed = text.trim();
  let canonical: string | null = null;
  if (AMBIGUOUS_COMMA.test(trimmed)) {
    return reject(
      'float-ambiguous',
      `${quoteValue(text)} could use its comma for thousands or decimals; write 1234 or 1.234`,
    );
  }
  let decimalComma = false;
  if (PLAIN_FLOAT.test(trimmed)) canonical = trimmed;
  else if (COMMA_GROUPED.test(trimmed)) canonical = trimmed.replaceAll(',', '');
  else if (EUROPEAN.test(trimmed)) {
    canonical = trimmed.replace(/[. \u00a0\u202f]/g, '').replace(',', '.');
    decimalComma = true;
  } else if (DECIMAL_COMMA.test(trimmed)) {
    canonical = trimmed.replace(',', '.');
    decimalComma = true;
  }
  const value = canonical === null ? Number.NaN : Number(canonical);
  if (!Number.isFinite(value)) return reject('float-invalid', `${quoteValue(text)} is not a number`);
  const result = Object.is(value, -0) ? 0 : value;
  if (!decimalComma) return accept(result);
  return accept(result, [
    {
      code: 'decimal-comma',
      message: `${quoteValue(text)} read as ${result}, taking ',' as the decimal separator`,
    },
  ]);
}
