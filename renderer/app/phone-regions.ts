/**
 * The phone regions a default region can be chosen from: every region libphonenumber knows, by its
 * English name (Intl.DisplayNames), for the Options step and the review's phone fix; and the
 * file's own country column, which reads each row's phones and suggests the default region.
 */
import { getCountries } from 'libphonenumber-js';
import { normaliseCountryCode } from '../../shared/normalise/codes';
import { isValidRegion } from '../../shared/normalise/phone';
import { parseFieldPath } from '../../shared/fields/field-path';
import { regionColumnOf } from '../../shared/engine/row-region';

/** A phone region: ISO 3166-1 alpha-2 code and English name. */
export interface PhoneRegion {
  readonly code: string;
  readonly name: string;
}

/** Every phone region, sorted by name. */
export function phoneRegions(): PhoneRegion[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  return getCountries()
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The mapped column each row's phone region is read from: a country column (row-region.ts). */
export function countryColumnOf<T extends { readonly target: string }>(mapping: readonly T[]): T | null {
  const parsed = mapping.flatMap((m) => {
    const target = parseFieldPath(m.target);
    return target.ok ? [{ m, target: target.target }] : [];
  });
  return regionColumnOf(parsed)?.m ?? null;
}

/**
 * The region most of a country column's cells name (`Australia`, `AU` → AU), from its distinct
 * values and counts; null when no value names a country phone numbers are known for.
 */
export function mostCommonRegion(
  values: readonly { readonly value: string; readonly count: number }[],
): { readonly code: string; readonly share: number } | null {
  const byRegion = new Map<string, number>();
  let total = 0;
  for (const { value, count } of values) {
    total += count;
    const code = normaliseCountryCode(value);
    if (code.ok && isValidRegion(code.value))
      byRegion.set(code.value, (byRegion.get(code.value) ?? 0) + count);
  }
  const [best] = [...byRegion].sort((a, b) => b[1] - a[1]);
  return best === undefined || total === 0 ? null : { code: best[0], share: best[1] / total };
}
