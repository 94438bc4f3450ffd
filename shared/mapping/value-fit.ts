/**
 * Whether a column's first values fit the field its header suggests.
 *
 * Values may lower an exact header match's confidence but never unmap it: a column headed `email`
 * whose values are mostly bad stays mapped, and each bad value is a row error the user sees —
 * otherwise the whole file would be blocked for want of a match key. Guessed matches (fuzzy,
 * qualified, weak) with values that do not fit are dropped, with the reason. Two fields are judged
 * on meaning, whatever the header: `title` must hold honorifics (job titles sent as honorifics
 * would be silently wrong data) and `avatar_url` absolute web addresses (Omneo cannot show a
 * relative `/services/images/photo/…`).
 */
import { headerWords, matchConfidence, type HeaderMatch } from './header-match';
import type { ColumnValues } from './column-values';

/**
 * Confidence left to an exact header match whose sample values do not fit its field: still mapped
 * (the bad values become row errors the user sees), but shown as doubtful.
 */
export const doubtfulExactConfidence = 0.5;

const honorifics = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'lady', 'lord', 'rev', 'master',
  'madam', 'mme', 'mlle', 'm', 'herr', 'frau', 'sr', 'sra', 'srta', 'fr', 'hon',
]); // prettier-ignore
/** Cell values that say "no value" rather than give one. */
const placeholders = new Set(['not_specified', 'not specified', 'n/a', 'na', 'none', 'unknown', '-', '--']);

/** True for a header that names its field exactly (the path, or one of the field's own spellings). */
function isExactMatch(match: HeaderMatch): boolean {
  return match.confidence >= matchConfidence.synonym;
}

/** True when every value looked at is a whole number 1–31 (Thunderbird's `Birth Day`). */
function isDaysOfMonth(values: ColumnValues): boolean {
  return (
    values.filled > 0 &&
    values.distinct.every((v) => /^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 31)
  );
}

/** What share of values each kind of field needs, and how the values are described when short. */
function fitOf(
  target: string,
  values: ColumnValues,
): { share: number | null; need: number; what: string } | null {
  if (target === 'email') return { share: values.email, need: 0.5, what: 'email addresses' };
  if (target === 'birth_date' || target === 'joined_at' || target.endsWith('_at'))
    return { share: values.date, need: 0.5, what: 'dates' };
  if (target.startsWith('comms_attributes.') && !target.endsWith('_at'))
    return { share: values.boolean, need: 0.8, what: 'yes/no values' };
  return null;
}

/**
 * The match kept, lowered, replaced or refused (a string: the reason it is not mapped).
 *
 * `match` null with ≥80% email values becomes an `email` suggestion from the content alone.
 */
export function checkValues(match: HeaderMatch | null, values: ColumnValues): HeaderMatch | null | string {
  if (match === null) {
    return values.email !== null && values.email >= 0.8
      ? { target: 'email', confidence: matchConfidence.content, reason: 'values look like email addresses' }
      : null;
  }
  if (match.target === 'avatar_url' && values.absoluteUrl !== null && values.absoluteUrl < 0.8) {
    return `values are not absolute web addresses (https://…), so Omneo could not show them as avatar_url`;
  }
  if (match.target === 'title' && values.filled > 0) {
    const stated = values.distinct.filter((v) => !placeholders.has(v));
    const titles = stated.filter((v) => honorifics.has(headerWords(v)[0] ?? '')).length;
    if (stated.length > 0 && titles / stated.length < 0.8) {
      return 'values do not look like honorifics (Mr, Ms, Dr) — job titles? map to occupation by hand if so';
    }
  }
  if (match.target === 'birth_date' && isDaysOfMonth(values)) {
    return {
      target: 'birth_day',
      confidence: 0.85,
      reason: `${match.reason}; its values are days of the month (1–31), so birth_day`,
    };
  }
  const fit = fitOf(match.target, values);
  if (fit === null || fit.share === null || fit.share >= fit.need) return match;
  const header = `header suggests ${match.target}`;
  if (!isExactMatch(match)) return `${header}, but the values do not look like ${fit.what}`;
  return {
    ...match,
    confidence: Math.min(match.confidence, doubtfulExactConfidence),
    reason: `${match.reason}; but only ${Math.round(fit.share * 100)}% of the first values look like ${fit.what} — the others will be row errors`,
  };
}
