/**
 * How one mapped column turns a cleaned cell into part of a profile: a converter (text → value, by
 * the normalisers) and a writer (value → the profile being built).
 *
 * Converters are chosen once per column when the mapping is compiled, so the per-row work is one
 * function call per cell with no switch on the target kind.
 */
import { topLevelFieldKind } from '../fields/field-catalogue';
import type { FieldTarget } from '../fields/field-target';
import { jsonFieldSchemas, limitedTextFields, maxStringLength } from '../omneo/profile-schema';
import { formatIsoDate, normaliseDateTime, parseDate, type DateOrder } from '../normalise/dates';
import { normaliseEmail } from '../normalise/email';
import { calendarDay, checkBirthDate, checkBirthYear, type CalendarDay } from '../normalise/birth-date';
import {
  normaliseBoolean,
  normaliseCountryCode,
  normaliseCurrency,
  normaliseGender,
  normaliseProfileType,
} from '../normalise/enums';
import { parseJsonCell } from '../normalise/json';
import { splitList } from '../normalise/lists';
import { normaliseFloat, normaliseInteger } from '../normalise/numbers';
import { normalisePhone } from '../normalise/phone';
import { accept, reject, type Normalised } from '../normalise/result';
import { isFormulaLike } from '../normalise/text';
// The layering rule's `url` pattern (meant for Node's `url`) also matches this pure module's path.
import { normaliseUrl } from '../normalise/url';
import type { CheckOptions } from './check-options';
import type { ProfileDraft } from './profile-draft';

/**
 * Turns one cleaned, non-empty cell into a value; `order` is the column's date order (date columns
 * only); `region` the row's phone region read from its country column (phone columns only;
 * undefined: the default region of the options).
 */
export type Convert = (text: string, order: DateOrder | null, region?: string) => Normalised<unknown>;

/** Writes a converted value into the profile being built. */
export type Write = (draft: ProfileDraft, value: unknown) => void;

/** The compiled handling of one target. */
export interface ColumnConverter {
  readonly convert: Convert;
  readonly write: Write;
  /** The column holds dates whose order must be known (inferred per column, or given). */
  readonly dated: boolean;
  /** True when the converted value is literal text a spreadsheet could run as a formula. */
  readonly formulaLike: (value: unknown) => boolean;
}

const never = (): boolean => false;
const textIsFormula = (value: unknown): boolean => typeof value === 'string' && isFormulaLike(value);
const listHasFormula = (value: unknown): boolean =>
  Array.isArray(value) && value.some((item) => typeof item === 'string' && isFormulaLike(item));
const asText: Convert = (text) => accept(text);

/** Rejects text longer than Omneo takes ({@link maxStringLength}, an inferred limit). */
function tooLong(text: string): Normalised<never> | null {
  if (text.length <= maxStringLength) return null;
  return reject(
    'text-too-long',
    `'${text.slice(0, 20)}…' is ${text.length} characters; Omneo takes at most ${maxStringLength} (inferred: Laravel's default string length)`,
  );
}

/** Text held to {@link maxStringLength}. */
const asLimitedText: Convert = (text) => tooLong(text) ?? accept(text);

/**
 * A number Excel (or another export) wrote in scientific notation: `1.23457E+24`, `6E-05`. Its
 * digits beyond the mantissa are gone, so as an identifier it would match the wrong profile or
 * none. The exponent's sign is required (Excel always writes it), so codes such as `12E5` pass.
 */
const scientificNotation = /^[+-]?\d+(?:[.,]\d+)?[eE][+-]\d+$/;

/**
 * An identifier (identity, location reference): text, refused when in scientific notation — like
 * phones (`phone-scientific-notation`), the digits are lost and cannot be recovered here.
 */
const asIdentifier: Convert = (text) =>
  scientificNotation.test(text)
    ? reject(
        'identifier-scientific-notation',
        `identifier '${text}' in scientific notation — digits lost; re-export the column as text`,
      )
    : asLimitedText(text, null);

/**
 * A string custom attribute: sent as written, with a warning when it looks like a number in
 * scientific notation (it may be an ID whose digits were lost, or may really be that text).
 */
const asAttributeText: Convert = (text) =>
  scientificNotation.test(text)
    ? accept(text, [
        {
          code: 'scientific-notation',
          message: `'${text}' looks like a number in scientific notation; if it was a long number or ID its digits are lost — re-export the column as text`,
        },
      ])
    : accept(text);

/** Location references: identifiers of the tenant's stores, held like identity identifiers. */
const locationReferences: ReadonlySet<string> = new Set([
  'joined_location_external_id',
  'joined_location_external_code',
  'preferred_location_external_id',
  'preferred_location_external_code',
]);

/** Wraps a converter so a result longer than {@link maxStringLength} is refused. */
const limited =
  (convert: Convert): Convert =>
  (text, order) => {
    const result = convert(text, order);
    if (!result.ok || typeof result.value !== 'string') return result;
    return tooLong(result.value) ?? result;
  };

const setField =
  (field: string): Write =>
  (draft, value) => {
    draft.fields[field] = value;
  };

/** A list cell: split, de-duplicated; an empty list is left out like an empty cell. */
const asList: Convert = (text) => accept(splitList(text));

/** A tag list: each tag held to {@link maxStringLength}. */
const asTagList: Convert = (text) => {
  const tags = splitList(text);
  for (const tag of tags) {
    const refused = tooLong(tag);
    if (refused) return refused;
  }
  return accept(tags);
};

function integerIn(min: number, max: number): Convert {
  return (text) => normaliseInteger(text, { min, max });
}

/** Converter for a top-level scalar field, by the catalogue's value kind. */
function fieldConverter(field: string, options: CheckOptions, today: CalendarDay): ColumnConverter {
  const kind = topLevelFieldKind(field);
  const write = setField(field);
  const plain = (convert: Convert, dated = false): ColumnConverter => ({
    convert,
    write,
    dated,
    formulaLike: never,
  });
  switch (kind) {
    case 'email':
      return plain(limited(normaliseEmail));
    case 'phone':
      return plain((text, _order, region) => normalisePhone(text, region ?? options.phoneRegion));
    case 'gender':
      return plain(normaliseGender);
    case 'profile_type':
      return plain(normaliseProfileType);
    case 'currency':
      return plain(normaliseCurrency);
    case 'datetime':
      return plain((text, order) => normaliseDateTime(text, order, options.timeZone), true);
    case 'integer':
      return plain(integerIn(1, Number.MAX_SAFE_INTEGER));
    case 'url':
      return plain(normaliseUrl);
    case 'day':
      return plain(integerIn(1, 31));
    case 'month':
      return plain(integerIn(1, 12));
    case 'year':
      // The only year field is birth_year: held to the birth-date rule (birth-date.ts).
      return plain((text) => {
        const year = normaliseInteger(text, { min: 1000, max: 9999 });
        return year.ok ? checkBirthYear(year.value, today) : year;
      });
    case 'text':
    case undefined:
      return {
        convert: locationReferences.has(field)
          ? asIdentifier
          : limitedTextFields.has(field)
            ? asLimitedText
            : asText,
        write,
        dated: false,
        formulaLike: textIsFormula,
      };
    default: {
      const unhandled: never = kind;
      throw new Error(`unhandled field kind ${String(unhandled)}`);
    }
  }
}

/** A birth date split in three, held to the birth-date rule (birth-date.ts) against `today`. */
const birthDate = (today: CalendarDay): ColumnConverter => ({
  convert: (text, order) => {
    const parts = parseDate(text, order);
    if (!parts.ok) return parts;
    const checked = checkBirthDate(parts.value, today);
    return checked.ok ? parts : checked;
  },
  write: (draft, value) => {
    const parts = value as { year: number | null; month: number; day: number };
    draft.fields.birth_day = parts.day;
    draft.fields.birth_month = parts.month;
    if (parts.year !== null) draft.fields.birth_year = parts.year;
  },
  dated: true,
  formulaLike: never,
});

/** `YYYY-MM-DD` from a date cell; a year-less date cannot be a dated attribute. */
const isoDate: Convert = (text, order) => {
  const parts = parseDate(text, order);
  if (!parts.ok) return parts;
  const { year, month, day } = parts.value;
  if (year === null) return reject('date-no-year', `'${text}' has no year; a full date is needed`);
  return accept(formatIsoDate({ year, month, day }), parts.warnings);
};

function customAttributeConvert(type: Extract<FieldTarget, { kind: 'custom_attribute' }>['type']): Convert {
  switch (type) {
    case 'string':
      return asAttributeText;
    case 'integer':
      return (text) => normaliseInteger(text);
    case 'float':
      return normaliseFloat;
    case 'boolean':
      return normaliseBoolean;
    case 'json':
      return (text) => parseJson(text);
    case 'array':
      return (text) => {
        if (!text.startsWith('[')) return accept(splitList(text));
        const parsed = parseJson(text);
        if (parsed.ok && !Array.isArray(parsed.value))
          return reject('json-not-array', `'${text}' is not a JSON array`);
        return parsed;
      };
    default: {
      const unhandled: never = type;
      throw new Error(`unhandled custom attribute type ${String(unhandled)}`);
    }
  }
}

/** Parses JSON text, nesting bounded (`parseJsonCell`); a syntax error names the position JSON.parse reports. */
export function parseJson(text: string): Normalised<unknown> {
  return parseJsonCell(text);
}

/** A whole `<field>:json` cell, checked against the field's schema (the contract Omneo is sent). */
function jsonConverter(field: string): ColumnConverter {
  const schema = jsonFieldSchemas[field];
  return {
    convert: (text) => {
      const parsed = parseJson(text);
      if (!parsed.ok || schema === undefined) return parsed;
      const checked = schema.safeParse(parsed.value);
      if (checked.success) return accept(checked.data);
      const first = checked.error.issues[0];
      const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
      return reject('json-schema', `JSON does not fit ${field}${where}: ${first?.message ?? 'invalid'}`);
    },
    write: setField(field),
    dated: false,
    formulaLike: never,
  };
}

/**
 * The converter for a target, given the check options (phone region, time zone) and today's date
 * (birth dates after it are implausible; default: the clock's UTC day).
 *
 * Throws only for a target kind this code does not know (a programming error, not bad input).
 */
export function converterFor(
  target: FieldTarget,
  options: CheckOptions,
  today: CalendarDay = calendarDay(new Date()),
): ColumnConverter {
  switch (target.kind) {
    case 'field':
      return fieldConverter(target.field, options, today);
    case 'birth_date':
      return birthDate(today);
    case 'list':
      return {
        convert: target.field === 'tags' ? asTagList : asList,
        write: (draft, value) => {
          if ((value as readonly string[]).length > 0) draft.fields[target.field] = value;
        },
        dated: false,
        formulaLike: listHasFormula,
      };
    case 'identity':
      return {
        convert: asIdentifier,
        write: (draft, value) =>
          draft.addIdentity({ handle: target.handle, identifier: value as string, is_active: true }),
        dated: false,
        formulaLike: textIsFormula,
      };
    case 'custom_attribute': {
      const { namespace, handle, type } = target;
      return {
        convert: customAttributeConvert(type),
        write: (draft, value) => {
          if (Array.isArray(value) && value.length === 0 && type === 'array') return;
          draft.addCustomAttribute({ namespace, handle, type, value });
        },
        dated: false,
        formulaLike: type === 'string' ? textIsFormula : type === 'array' ? listHasFormula : never,
      };
    }
    case 'date_attribute':
      return {
        convert: isoDate,
        write: (draft, value) => draft.addDateAttribute({ date: value as string, handle: target.handle }),
        dated: true,
        formulaLike: never,
      };
    case 'address': {
      const { index, part } = target;
      const write: Write = (draft, value) => {
        draft.address(index)[part] = value;
      };
      if (part === 'is_default')
        return { convert: normaliseBoolean, write, dated: false, formulaLike: never };
      if (part === 'iso') return { convert: normaliseCountryCode, write, dated: false, formulaLike: never };
      return { convert: asText, write, dated: false, formulaLike: textIsFormula };
    }
    case 'comms': {
      const flag = target.flag;
      const write: Write = (draft, value) => {
        draft.setComms(flag, value);
      };
      if (flag === 'email_consent_updated_at' || flag === 'sms_consent_updated_at') {
        return {
          convert: (text, order) => normaliseDateTime(text, order, options.timeZone),
          write,
          dated: true,
          formulaLike: never,
        };
      }
      return { convert: normaliseBoolean, write, dated: false, formulaLike: never };
    }
    case 'json':
      return jsonConverter(target.field);
    default: {
      const unhandled: never = target;
      throw new Error(`unhandled field target ${JSON.stringify(unhandled)}`);
    }
  }
}
