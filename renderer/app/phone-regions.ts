/**
 * The phone regions a default region can be chosen from: every region libphonenumber knows, by its
 * English name (Intl.DisplayNames), for the Options step and the review's phone fix.
 */
import { getCountries } from 'libphonenumber-js';

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
