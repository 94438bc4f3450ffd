/**
 * Automatic mapping: a suggested field path per column, with a confidence and a reason.
 *
 * It never suggests a mapping that cannot be sent: a repeated header is left unmapped (which of
 * the columns is meant cannot be known), each field is given to one column only, and address parts
 * are kept only when the four Omneo requires together are all found.
 */
import type { ColumnInfo } from '../source/source-table';
import { parseFieldPath, targetKey } from '../fields/field-path';
import { requiredAddressPartNames } from '../fields/field-catalogue';
import { describeColumn, unmappedColumn, type ColumnMapping } from './column-mapping';
import { headerWords, matchConfidence, matchHeader, type HeaderMatch } from './header-match';

/** Reason given to address parts dropped because the other required parts are missing. */
export const addressTogetherReason = 'Omneo needs address line 1, city, postcode and country together';

const emailLike = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const honorifics = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'lady', 'lord', 'rev', 'master',
  'madam', 'mme', 'mlle', 'm', 'herr', 'frau', 'sr', 'sra', 'srta', 'fr', 'hon',
]); // prettier-ignore
/** Cell values that say "no value" rather than give one. */
const placeholders = new Set(['not_specified', 'not specified', 'n/a', 'na', 'none', 'unknown', '-', '--']);

/** Share of a column's non-blank samples that pass `test`, or null when there are none. */
function shareOf(values: readonly string[], test: (v: string) => boolean): number | null {
  return values.length === 0 ? null : values.filter(test).length / values.length;
}

/**
 * Confidence left to an exact header match whose sample values do not fit its field: still mapped
 * (the bad values become row errors the user sees), but shown as doubtful.
 */
export const doubtfulExactConfidence = 0.5;

/**
 * True for a header that names its field exactly: the field path itself (`email`) or one of the
 * field's own spellings (`E-mail`, `Email Address`), not a reordered, qualified or fuzzy guess.
 */
function isExactMatch(match: HeaderMatch): boolean {
  return match.confidence >= matchConfidence.synonym;
}

/**
 * Adjusts a header match by what the column's sample values look like.
 *
 * Samples may lower an exact header match's confidence but never unmap it: a column headed `email`
 * whose values are mostly bad stays mapped, and each bad value is a row error — otherwise the whole
 * file would be blocked for want of a match key. Guessed matches (fuzzy, qualified) with values
 * that do not fit are dropped. `title` is judged on meaning rather than validity: a column of job
 * titles is left for occupation, since sending them as honorifics would be silently wrong data.
 */
function checkSamples(match: HeaderMatch | null, values: readonly string[]): HeaderMatch | null | string {
  const emails = shareOf(values, (v) => emailLike.test(v));
  if (match === null) {
    return emails !== null && emails >= 0.8
      ? { target: 'email', confidence: matchConfidence.content, reason: 'values look like email addresses' }
      : null;
  }
  if (match.target === 'email' && emails !== null && emails < 0.5) {
    if (!isExactMatch(match)) return `header suggests email, but the values do not look like email addresses`;
    return {
      ...match,
      confidence: Math.min(match.confidence, doubtfulExactConfidence),
      reason: `${match.reason}; but only ${Math.round(emails * 100)}% of the first values look like email addresses — the others will be row errors`,
    };
  }
  if (match.target === 'title') {
    const stated = values.filter((v) => !placeholders.has(v.toLowerCase()));
    const titles = shareOf(stated, (v) => honorifics.has(headerWords(v)[0] ?? ''));
    if (titles !== null && titles < 0.8) {
      return 'values do not look like honorifics (Mr, Ms, Dr) — job titles? map to occupation by hand if so';
    }
  }
  return match;
}

interface Candidate {
  readonly column: ColumnInfo;
  readonly match: HeaderMatch;
  readonly key: string;
  readonly filled: number;
}

/** Columns whose (trimmed, case-insensitive) header appears more than once, by column index. */
function repeatedHeaders(columns: readonly ColumnInfo[]): Map<number, ColumnInfo[]> {
  const groups = new Map<string, ColumnInfo[]>();
  for (const c of columns) {
    const h = c.header.trim().toLowerCase();
    if (h === '') continue;
    groups.set(h, [...(groups.get(h) ?? []), c]);
  }
  const repeated = new Map<number, ColumnInfo[]>();
  for (const group of groups.values())
    if (group.length > 1) for (const c of group) repeated.set(c.index, group);
  return repeated;
}

/**
 * Suggests a target per column: exact, synonym and fuzzy header matching (fastest-levenshtein) with a confidence; optional sample values (first rows) may raise/lower confidence (e.g. a column of emails).
 *
 * `samples` are the first data rows, cells in column order. Returns one {@link ColumnMapping} per
 * column in column order, `source: 'auto'` when mapped and `'none'` (with a reason) when not.
 * Rules: a repeated header is never mapped; each target goes to one column (highest confidence,
 * then most filled samples, then leftmost), the others saying which column has it; `birth_date`
 * wins over separate `birth_day`/`birth_month`/`birth_year`; address parts only with all four of
 * address line 1, city, postcode and country.
 */
export function suggestMapping(
  columns: readonly ColumnInfo[],
  samples: readonly (readonly string[])[] = [],
): ColumnMapping[] {
  const repeated = repeatedHeaders(columns);
  const result = new Map<number, ColumnMapping>();
  const candidates: Candidate[] = [];

  for (const column of columns) {
    const group = repeated.get(column.index);
    if (column.header.trim() === '') {
      result.set(column.index, unmappedColumn(column, 'the column has no header'));
      continue;
    }
    if (group !== undefined) {
      const where = group.map((c) => c.letter).join(' and ');
      result.set(
        column.index,
        unmappedColumn(
          column,
          `header '${column.header.trim()}' repeats in columns ${where}: map each by hand (col:${group[0]?.letter ?? ''} …)`,
        ),
      );
      continue;
    }
    const values = samples.map((row) => (row[column.index] ?? '').trim()).filter((v) => v !== '');
    const checked = checkSamples(matchHeader(column.header), values);
    if (checked === null || typeof checked === 'string') {
      result.set(
        column.index,
        unmappedColumn(column, checked ?? `no Omneo field matches header '${column.header.trim()}'`),
      );
      continue;
    }
    const parsed = parseFieldPath(checked.target);
    if (!parsed.ok) throw new Error(`catalogue path ${checked.target} does not parse: ${parsed.message}`);
    candidates.push({ column, match: checked, key: targetKey(parsed.target), filled: values.length });
  }

  candidates.sort(
    (a, b) =>
      b.match.confidence - a.match.confidence || b.filled - a.filled || a.column.index - b.column.index,
  );
  const winners = new Map<string, Candidate>();
  for (const c of candidates) {
    const winner = winners.get(c.key);
    if (winner === undefined) {
      winners.set(c.key, c);
      continue;
    }
    result.set(
      c.column.index,
      unmappedColumn(c.column, `${c.match.target} is already mapped from ${describeColumn(winner.column)}`),
    );
  }

  const birthDate = winners.get('birth_date');
  const addressKeys = [...winners.keys()].filter((k) => k.startsWith('addresses['));
  const addressComplete = requiredAddressPartNames.every((part) => winners.has(`addresses[0].${part}`));
  for (const [key, c] of winners) {
    let reason: string | null = null;
    if (birthDate !== undefined && ['birth_day', 'birth_month', 'birth_year'].includes(key)) {
      reason = `${describeColumn(birthDate.column)} already gives birth_day, birth_month and birth_year`;
    } else if (addressKeys.includes(key) && !addressComplete) {
      reason = addressTogetherReason;
    }
    result.set(
      c.column.index,
      reason !== null
        ? unmappedColumn(c.column, reason)
        : {
            column: c.column.index,
            letter: c.column.letter,
            header: c.column.header,
            target: c.match.target,
            confidence: c.match.confidence,
            source: 'auto',
            reason: c.match.reason,
          },
    );
  }
  return columns.map((c) => result.get(c.index) ?? unmappedColumn(c, 'not matched'));
}
