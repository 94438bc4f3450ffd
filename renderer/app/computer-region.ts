/**
 * The phone region of the user's computer, from the browser's languages (`en-AU` → AU; a bare
 * `en` is maximised by Intl.Locale to `en-Latn-US`), so the Options step starts with national
 * phone numbers read as local ones rather than guaranteed errors.
 */
import { getCountries, type CountryCode } from 'libphonenumber-js';

/** The first of `languages` whose region libphonenumber knows, or null. */
export function computerRegion(languages: readonly string[]): CountryCode | null {
  const known = new Set<string>(getCountries());
  for (const tag of languages) {
    try {
      const region = new Intl.Locale(tag).maximize().region;
      if (region && known.has(region)) return region as CountryCode;
    } catch {
      // Not a language tag: try the next one.
    }
  }
  return null;
}
