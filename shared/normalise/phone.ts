/**
 * Phone numbers to E.164 (`+61491570156`), the form Omneo stores `mobile_phone` in.
 *
 * The gate is "valid" (inside a range the country's regulator has assigned, libphonenumber's
 * `isValid()`), not merely "possible" (the right length): a possible-length gate placed numbers
 * from another country under the default region and sent them as valid (`0491570156` with GB →
 * `+44491570156`, `(415) 555-2671` with AU → `+614155552671`). The published drama/fictional
 * ranges (`phone-fictional.ts`: Ofcom `07700 900xxx`, ACMA `0491 570 xxx`, NANP `555-01xx`) are
 * accepted too, since test data uses them on purpose.
 *
 * Metadata: the package's "max" set. "min" judges validity for many countries by one general
 * pattern only (it keeps per-type patterns just where countries share a calling code), so it
 * accepts e.g. `+1 242 086 0590` (Bahamas, exchange 0xx, never assigned): with region US min
 * accepts 742 of customers-1000's 2,000 phones, max 712. Max costs ~75 KB more in a bundle.
 * With region US, customers-1000: 1,998 accepted when the gate was "possible", 712 now;
 * people-10000: 9,996 then, 3,685 now. The refused datablist numbers are random digits: area
 * codes starting 0/1 (`011-…`), exchanges starting 0/1 (`229.077.5154`), N11 and unassigned area
 * codes — numbers no one can dial.
 *
 * Speed: libphonenumber spends much of a parse working out which of the countries sharing a
 * calling code (+61: AU, CC, CX; +44: GB, GG, IM, JE; +1: 25 countries) a number belongs to, and
 * `isValid()` compiles its patterns anew on every call. A first parse uses metadata in which each
 * calling code lists only its main country (no detection); its length is judged against every
 * country sharing the code, and its validity with patterns compiled once (`phone-validity.ts`):
 * valid in the country it was placed in → accepted; valid in none of the countries sharing the
 * code → refused. Anything else goes to the library's full parse, so answers are the full
 * parse's (a property test compares them). Measured here on 60,000 distinct numbers (2 shared
 * cores, under load), before (possible gate) → now: AU mobiles ~5 → ~6-7 µs, GB ~5 → ~5 µs, US
 * ~4 → ~7.5 µs; people-10000's phones with US (60 % refused) ~5-6 → ~9-18 µs.
 */
import {
  isSupportedCountry,
  parsePhoneNumberFromString as parsePhoneNumberOrUndefined,
  parsePhoneNumberWithError,
  PhoneNumber,
  type CountryCode,
  type MetadataJson,
} from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/max/metadata';
import { quoteValue } from './memo';
import { isFictionalPhone } from './phone-fictional';
import { isValidNationalNumber } from './phone-validity';
import { accept, reject, type Normalised, type NormaliseNote } from './result';

/** `6.14916E+10`, `4,47701E+11`: what Excel shows for a long number column; the lost digits cannot be recovered. */
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i;
/** A formula where a phone should be: `=+61 491 570 157` (Excel reads a leading `+` as one). */
const FORMULA = /^\s*=/;
/** Excel's error values as a cell shows them: what a phone read as a formula becomes (`#NAME?`). */
const EXCEL_ERROR =
  /^#(?:NAME\?|VALUE!|REF!|DIV\/0!|N\/A|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|ERROR!|GETTING_DATA)$/i;
/** What to do about a phone column Excel changed; every such message ends with it. */
const EXPORT_AS_TEXT =
  'export the phone column as text (format it as Text in Excel before saving) and import again';
/** Punctuation people put before the number itself: spaces, brackets, dots, dashes, slashes. */
const LEADING_PUNCTUATION = /^[\s().\-/]*/;

/**
 * Normalise a phone number to E.164 using `region` (ISO 3166-1 alpha-2) for numbers without `+`.
 *
 * Accepts `+` international numbers, national numbers with or without the trunk `0`
 * (`07700900151` with GB → `+447700900151`), the region's own international prefix
 * (`00447700900153` with GB, `011 44 …` with US) and `00` + country code even where the region's
 * prefix differs (`001-599-042-7428` with US, as the datablist files write it).
 * Results (codes):
 * - `phone-scientific-notation`: Excel turned the number into `6.14916E+10`; digits are lost.
 * - `phone-excel-formula`: Excel turned it into a formula (`=+61 491 570 157`).
 * - `phone-excel-error`: an Excel error value (`#NAME?`) where the phone was: the number is lost.
 * Each of these says what Excel did and to export the column as text.
 * - `phone-extension-dropped` (warning): `x718`, `ext. 12` — Omneo phones have no extension.
 * - `phone-no-region`: no `+`, no `00` and no region: cannot be placed in a country.
 * - `phone-region-invalid`: `region` is not a region libphonenumber knows.
 * - `phone-invalid`: not a phone number, the wrong length for the country, or the right length but
 *   not a valid number there (`0491570156` with GB): the message names the country and region.
 * Never throws. Not memoised here: the engine memoises each column by cell text
 * (`compile-mapping`), and stops for a column of distinct numbers, where a memo only costs.
 * Cost per distinct number: ~5-9 µs, more for refusals the quick parse cannot settle (module doc).
 */
export function normalisePhone(text: string, region: string | null): Normalised<string> {
  return computePhone(text, region);
}

/** True when `code` is an ISO 3166-1 alpha-2 region that libphonenumber has metadata for (upper case, e.g. `AU`). */
export function isValidRegion(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code as CountryCode, metadata);
}

/** Forget what is remembered between calls (the per-length verdicts), for measuring cold calls. */
export function clearPhoneMemo(): void {
  lengthVerdicts.clear();
}

type Attempt = { readonly phone: PhoneNumber } | { readonly error: string };

/** The library's full parse, which also names why a number is not one (for messages). */
function attempt(text: string, region: CountryCode | undefined): Attempt {
  try {
    return { phone: parsePhoneNumberWithError(text, { defaultCountry: region, extract: false }, metadata) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : 'NOT_A_NUMBER' };
  }
}

/** The same metadata with each calling code listing only its main country, so parsing skips country detection. */
const mainCountryOnly: MetadataJson = {
  ...metadata,
  country_calling_codes: Object.fromEntries(
    Object.entries(metadata.country_calling_codes).map(([code, countries]) => [code, countries.slice(0, 1)]),
  ),
};

/** Per calling code shared by several countries and national-number length: possible in all (true), none (false), or some (null). */
const lengthVerdicts = new Map<string, boolean | null>();

function lengthVerdict(
  callingCode: string,
  length: number,
  countries: readonly CountryCode[],
): boolean | null {
  const key = `${callingCode}:${length}`;
  const known = lengthVerdicts.get(key);
  if (known !== undefined || lengthVerdicts.has(key)) return known ?? null;
  let verdict: boolean | null = null;
  try {
    const probe = new PhoneNumber(`+${callingCode}${'0'.repeat(length)}`, metadata);
    if (probe.countryCallingCode === callingCode && probe.nationalNumber.length === length) {
      const answers = countries.map((country) => {
        probe.country = country;
        return probe.isPossible();
      });
      verdict = answers.every((a) => a === answers[0]) ? (answers[0] ?? null) : null;
    }
  } catch {
    verdict = null;
  }
  lengthVerdicts.set(key, verdict);
  return verdict;
}

/**
 * A parse without country detection: the number and whether its length is possible, `possible`
 * null when the countries sharing its calling code disagree; null when it does not parse.
 */
function quickAttempt(
  text: string,
  region: CountryCode | undefined,
): { readonly phone: PhoneNumber; readonly possible: boolean | null } | null {
  const phone = parsePhoneNumberOrUndefined(
    text,
    { defaultCountry: region, extract: false },
    mainCountryOnly,
  );
  if (phone === undefined) return null;
  const countries = metadata.country_calling_codes[phone.countryCallingCode];
  const possible =
    countries === undefined || countries.length <= 1
      ? phone.isPossible()
      : lengthVerdict(phone.countryCallingCode, phone.nationalNumber.length, countries);
  return { phone, possible };
}

function computePhone(text: string, region: string | null): Normalised<string> {
  const shown = quoteValue(text);
  if (text.length === 0) return reject('phone-invalid', 'the phone number is empty');
  if (SCIENTIFIC.test(text)) {
    return reject(
      'phone-scientific-notation',
      `${shown} looks like a phone Excel turned into a number (scientific notation): its last digits are lost and cannot be recovered; ${EXPORT_AS_TEXT}`,
    );
  }
  if (FORMULA.test(text)) {
    return reject(
      'phone-excel-formula',
      `${shown} looks like a phone Excel turned into a formula (it reads a phone starting with + as one); ${EXPORT_AS_TEXT}`,
    );
  }
  if (EXCEL_ERROR.test(text.trim())) {
    return reject(
      'phone-excel-error',
      `${shown} is an Excel error, not a phone: Excel read the phone as a formula (a leading + or =) and could not work it out, so the number is lost; ${EXPORT_AS_TEXT} from the source`,
    );
  }
  if (region !== null && !isValidRegion(region)) {
    return reject(
      'phone-region-invalid',
      `'${region}' is not a phone region; use a two-letter country code such as AU or GB`,
    );
  }
  const defaultCountry = region === null ? undefined : (region as CountryCode);
  const body = text.replace(LEADING_PUNCTUATION, '');
  const international = body.startsWith('+');
  const doubleZero = !international && body.startsWith('00');
  if (!international && !doubleZero && defaultCountry === undefined) {
    return reject('phone-no-region', `${shown} has no country code (+…); set the default phone region`);
  }

  // The quick parses, in the same order as the full ones below; only an acceptance or a clear
  // "not possible" is taken from them (a number invalid for the main country may be valid for
  // another sharing its calling code, which only the full parse detects).
  quick: {
    // A possible number valid in none of the countries sharing its calling code is not valid
    // whichever of them the full parse would pick, so that refusal is final too.
    let notValid: PhoneNumber | null = null;
    if (international || defaultCountry !== undefined) {
      const quick = quickAttempt(text, defaultCountry);
      if (quick?.possible === true) {
        if (quicklySendable(quick.phone)) return done(quick.phone);
        if (validAnywhere(quick.phone)) break quick;
        notValid = quick.phone;
      } else if (quick !== null && quick.possible === null) break quick;
    }
    if (doubleZero) {
      const quick = quickAttempt(`+${body.slice(2)}`, undefined);
      if (quick?.possible === true) {
        if (quicklySendable(quick.phone)) return done(quick.phone);
        if (validAnywhere(quick.phone)) break quick;
        notValid ??= quick.phone;
      } else if (quick !== null && quick.possible === null) break quick;
    }
    if (notValid !== null) {
      return reject('phone-invalid', notValidMessage(shown, notValid, international, region));
    }
  }
  return fullParse(text, body, defaultCountry, international, doubleZero, region);
}

/** The library's full parse in the same order; decides what the quick parse could not, and words rejections. */
function fullParse(
  text: string,
  body: string,
  defaultCountry: CountryCode | undefined,
  international: boolean,
  doubleZero: boolean,
  region: string | null,
): Normalised<string> {
  const shown = quoteValue(text);
  let first: Attempt | null = null;
  let notValid: PhoneNumber | null = null;
  if (international || defaultCountry !== undefined) {
    first = attempt(text, defaultCountry);
    if ('phone' in first && first.phone.isPossible()) {
      if (sendable(first.phone)) return done(first.phone);
      notValid = first.phone;
    }
  }
  if (doubleZero) {
    const second = attempt(`+${body.slice(2)}`, undefined);
    if ('phone' in second && second.phone.isPossible()) {
      if (sendable(second.phone)) return done(second.phone);
      notValid ??= second.phone;
    }
    first ??= second;
  }
  if (notValid !== null)
    return reject('phone-invalid', notValidMessage(shown, notValid, international, region));
  return reject('phone-invalid', invalidMessage(shown, first, international, region));
}

/**
 * `sendable` for a quick parse, judged in the country it was placed in (the main country of its
 * calling code, or the region), with the precompiled patterns; false may still be valid elsewhere.
 */
function quicklySendable(phone: PhoneNumber): boolean {
  const code = phone.countryCallingCode;
  const plan = phone.country ?? metadata.country_calling_codes[code]?.[0] ?? code;
  if (isValidNationalNumber(metadata, plan, phone.nationalNumber) === true) return true;
  return isFictionalPhone(phone.number);
}

/** Whether some country sharing the number's calling code has it as a valid number (true when unsure). */
function validAnywhere(phone: PhoneNumber): boolean {
  const code = phone.countryCallingCode;
  const plans: readonly string[] = metadata.country_calling_codes[code] ?? [code];
  return plans.some((plan) => isValidNationalNumber(metadata, plan, phone.nationalNumber) !== false);
}

/** A possible number Omneo should get: valid for its country, or in a published fictional range. */
function sendable(phone: PhoneNumber): boolean {
  return isFictionalPhone(phone.number) || phone.isValid();
}

/** Right length, but not in a range the country uses: most often a number from another country. */
function notValidMessage(
  shown: string,
  phone: PhoneNumber,
  international: boolean,
  region: string | null,
): string {
  const code = phone.countryCallingCode;
  const country = phone.country ?? metadata.country_calling_codes[code]?.[0];
  const named = `${country === undefined ? '' : `${country} `}(+${code})`;
  return international || region === null
    ? `${shown} is not a valid ${named} number — check the number`
    : `${shown} is not a valid ${named} number for region ${region} — check the number or set the right default region`;
}

function done(phone: PhoneNumber): Normalised<string> {
  if (phone.ext === undefined || phone.ext === '') return accept(phone.number);
  const warning: NormaliseNote = {
    code: 'phone-extension-dropped',
    message: `extension ${phone.ext} dropped (Omneo phone numbers have no extension)`,
  };
  return accept(phone.number, [warning]);
}

function invalidMessage(
  shown: string,
  result: Attempt | null,
  international: boolean,
  region: string | null,
): string {
  const where = international || region === null ? 'its country code' : `region ${region}`;
  if (result === null) return `${shown} is not a valid phone number`;
  if ('phone' in result) {
    const country = `+${result.phone.countryCallingCode}${result.phone.country ? ` (${result.phone.country})` : ''}`;
    return `${shown} has the wrong number of digits for ${country}, placed using ${where}`;
  }
  switch (result.error) {
    case 'INVALID_COUNTRY':
      return international
        ? `${shown} has a country code that does not exist`
        : `${shown} cannot be placed in a country; set the default phone region`;
    case 'TOO_SHORT':
    case 'NOT_A_NUMBER':
      return `${shown} is not a phone number (checked with ${where})`;
    case 'TOO_LONG':
      return `${shown} is too long for a phone number — is it two numbers in one cell?`;
    default:
      return `${shown} is not a valid phone number for ${where}`;
  }
}
