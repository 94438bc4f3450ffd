/**
 * libphonenumber's `isValid()` for one country, with its patterns compiled once instead of per call.
 *
 * `PhoneNumber.isValid()` builds a new `Metadata` and a new `RegExp` for the country's general
 * pattern and for each number type it tries, on every call: most of a valid number's cost (AU
 * mobiles ~13 µs a number against ~6 µs here). This applies the same rule as the library's
 * `getNumberType(…) !== undefined` (libphonenumber-js 1.13 `source/helpers/getNumberType.js`,
 * `source/isValid.js`): the national number matches the country's general pattern, and, when the
 * metadata has number types, some type whose possible lengths include its length matches too. It
 * reads the patterns through the library's own `Metadata` class. Answers are compared with the
 * library's in the phone tests (property test).
 */
import { Metadata, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';

/** Number types in the order `getNumberType` tries them (fixed line first). */
const NUMBER_TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
] as const;

/** The parts of the library's numbering plan read here; they exist at run time but are not in its typings. */
interface PlanPatterns {
  nationalNumberPattern(): string;
  hasTypes(): boolean;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

type Validator = (nationalNumber: string) => boolean;

/** A plan the metadata does not have: no answer (the caller asks the library instead). */
const UNKNOWN: Validator = () => false;

const anchored = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);

function compile(metadata: MetadataJson, plan: string): Validator {
  const reader = new Metadata(metadata);
  try {
    // The library takes a calling code here too (for +800 and other non-geographic numbers).
    reader.selectNumberingPlan(plan as CountryCode);
  } catch {
    return UNKNOWN;
  }
  const patterns = reader.numberingPlan as unknown as PlanPatterns;
  const general = anchored(patterns.nationalNumberPattern());
  if (!patterns.hasTypes()) return (n) => general.test(n);
  const types = NUMBER_TYPES.flatMap((name) => {
    const type = patterns.type(name);
    const pattern = type?.pattern();
    return type === undefined || !pattern
      ? []
      : [{ lengths: type.possibleLengths(), pattern: anchored(pattern) }];
  });
  return (n) =>
    general.test(n) &&
    types.some((t) => (t.lengths === undefined || t.lengths.includes(n.length)) && t.pattern.test(n));
}

const validators = new WeakMap<MetadataJson, Map<string, Validator>>();

/**
 * True when `nationalNumber` (digits only, no trunk prefix: `491570156`) is valid in `plan`.
 *
 * Why: the same answer as the library's `isValid()` for a number placed in that numbering plan,
 * several times cheaper. `plan` is a country (`AU`) or, for non-geographic numbers, a calling code
 * (`800`). Undefined when `metadata` has no such plan. Never throws. Validators are built on first
 * use per metadata set and plan, then kept.
 */
export function isValidNationalNumber(
  metadata: MetadataJson,
  plan: string,
  nationalNumber: string,
): boolean | undefined {
  let byPlan = validators.get(metadata);
  if (byPlan === undefined) {
    byPlan = new Map();
    validators.set(metadata, byPlan);
  }
  let validator = byPlan.get(plan);
  if (validator === undefined) {
    validator = compile(metadata, plan);
    byPlan.set(plan, validator);
  }
  return validator === UNKNOWN ? undefined : validator(nationalNumber);
}
