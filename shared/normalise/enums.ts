/**
 * Closed-vocabulary fields: gender, profile type, booleans (and, re-exported, currency and country).
 *
 * Spreadsheets spell these many ways; Omneo accepts one spelling each (omneo-api.md). Each table
 * below is the whole list of what is accepted, so a user can read exactly what a cell turns into.
 */
import { profileTypeValues } from '../omneo/profile-schema';
import { quoteValue } from './memo';
import { vocabularyKey } from './vocabulary';
import { accept, reject, type Normalised } from './result';

export { normaliseCountryCode, normaliseCurrency } from './codes';

/** Omneo's `gender` values (lower case — omneo-api.md). */
export type Gender = 'male' | 'female' | 'other' | 'withheld';

/**
 * Every accepted spelling of a gender and what it becomes (keys as {@link vocabularyKey} gives them).
 *
 * `withheld` is for a person who chose not to say; cells that only say the value is missing
 * (`unknown`, `n/a`) are refused rather than turned into a statement the person never made.
 */
const GENDERS: ReadonlyMap<string, Gender> = new Map<string, Gender>([
  ...(['m', 'male', 'man', 'men', 'boy', 'masculine', 'mr'] as const).map((k) => [k, 'male'] as const),
  ...(['f', 'female', 'woman', 'women', 'girl', 'feminine', 'mrs', 'ms', 'miss'] as const).map(
    (k) => [k, 'female'] as const,
  ),
  ...(
    [
      'o',
      'other',
      'x',
      'nonbinary',
      'non binary',
      'nb',
      'enby',
      'genderqueer',
      'gender queer',
      'gender diverse',
      'diverse',
      'agender',
      'genderfluid',
      'gender fluid',
      'intersex',
      'two spirit',
      'third gender',
      'self describe',
      'prefer to self describe',
    ] as const
  ).map((k) => [k, 'other'] as const),
  ...(
    [
      'withheld',
      'prefer not to say',
      'prefer not to answer',
      'prefer not to disclose',
      'rather not say',
      'not disclosed',
      'undisclosed',
      'declined',
      'declined to answer',
      'decline to state',
    ] as const
  ).map((k) => [k, 'withheld'] as const),
]);

const MISSING = new Set([
  'unknown',
  'n/a',
  'na',
  'none',
  'unspecified',
  'not specified',
  'not known',
  'u',
  '?',
  '-',
]);

/**
 * Normalise a gender cell to `male`, `female`, `other` or `withheld`.
 *
 * Accepts (case-insensitive, spaces/`_`/`-` alike): male ← m, male, man, boy, masculine, mr;
 * female ← f, female, woman, girl, feminine, mrs, ms, miss; other ← o, other, x, non-binary,
 * nb, enby, genderqueer, gender diverse, diverse, agender, genderfluid, intersex, two spirit,
 * third gender, (prefer to) self describe; withheld ← withheld, prefer not to say/answer/disclose,
 * rather not say, (not) disclosed, undisclosed, declined (to answer), decline to state.
 * `unknown`, `n/a`, `none`, `unspecified`, `u`, `?`, `-` → `gender-missing` (leave the cell empty
 * or write `withheld`); anything else → `gender-invalid`. Never throws.
 */
export function normaliseGender(text: string): Normalised<Gender> {
  const key = vocabularyKey(text);
  const gender = GENDERS.get(key);
  if (gender !== undefined) return accept(gender);
  if (MISSING.has(key)) {
    return reject(
      'gender-missing',
      `${quoteValue(text)} says the gender is not known; leave the cell empty, or write 'withheld' if the person chose not to say`,
    );
  }
  return reject('gender-invalid', `${quoteValue(text)} is not a gender; use male, female, other or withheld`);
}

/** Omneo's profile types (omneo-api.md), as the request schema defines them. */
export const PROFILE_TYPES = profileTypeValues;

/**
 * Normalise a profile type to one of {@link PROFILE_TYPES}, case-insensitively.
 *
 * The American spelling `dependent` is accepted as `dependant`. Anything else → `profile-type-invalid`.
 */
export function normaliseProfileType(text: string): Normalised<string> {
  const key = vocabularyKey(text);
  const type = key === 'dependent' ? 'dependant' : PROFILE_TYPES.find((t) => t === key);
  if (type !== undefined) return accept(type);
  return reject(
    'profile-type-invalid',
    `${quoteValue(text)} is not a profile type; use one of ${PROFILE_TYPES.join(', ')}`,
  );
}

const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['yes', true],
  ['y', true],
  ['true', true],
  ['1', true],
  ['no', false],
  ['n', false],
  ['false', false],
  ['0', false],
]);

/**
 * Normalise a yes/no cell: yes, y, true, 1 → true; no, n, false, 0 → false (case-insensitive).
 *
 * Anything else (including `maybe`, `2`, `on`) → `boolean-invalid`: a consent flag must not be guessed.
 */
export function normaliseBoolean(text: string): Normalised<boolean> {
  const value = BOOLEANS.get(text.trim().toLowerCase());
  if (value !== undefined) return accept(value);
  return reject(
    'boolean-invalid',
    `${quoteValue(text)} is not yes or no; use yes/no, y/n, true/false or 1/0`,
  );
}
