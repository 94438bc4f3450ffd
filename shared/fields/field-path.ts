/**
 * Field paths: the one notation for mapping targets in the UI, saved mapping files and the CLI.
 *
 * Grammar (see field-target.ts for what each target writes):
 * - a top-level scalar: `email`, `first_name`, `mobile_phone`, `birth_year`, `region_id`, …
 * - `birth_date`; `tags`; `statuses`
 * - `identities.<handle>`
 * - `custom_attributes.<namespace>.<handle>` with optional `:<type>` (`string` when omitted)
 * - `dates_attributes.<handle>`
 * - `addresses.<part>` (first address) or `addresses[N].<part>` with N from 1 (`addresses[2]` is the
 *   second address, 0-based index 1)
 * - `comms_attributes.<flag>`
 * - `<array or object field>:json` (`organisations:json`, `addresses:json`, …)
 *
 * Handles and namespaces are lower-case letters, digits, `_` and `-` (`[a-z0-9_-]+`): the form
 * Omneo shows for identity handles and custom attribute keys (e.g. `shopify_id`, Omneo batch docs),
 * and one that cannot be confused with the `.`, `[` and `:` of the path itself.
 */
import { closest, distance } from 'fastest-levenshtein';
import {
  addressParts,
  commsFlags,
  customAttributeTypes,
  type AddressPart,
  type CommsFlag,
  type CustomAttributeType,
  type FieldTarget,
} from './field-target';
import { fieldCatalogue, isTemplatePath, jsonFieldNames, topLevelFieldNames } from './field-catalogue';

/** The outcome of reading a field path. */
export type ParsedFieldPath = { ok: true; target: FieldTarget } | { ok: false; message: string };

/** Handles and namespaces: lower-case letters, digits, `_` and `-`. */
export const handlePattern = /^[a-z0-9_-]+$/;

const fail = (message: string): ParsedFieldPath => ({ ok: false, message });
const ok = (target: FieldTarget): ParsedFieldPath => ({ ok: true, target });

/** Every fixed path, for "did you mean" hints. */
const knownPaths: readonly string[] = [
  ...fieldCatalogue.filter((f) => !isTemplatePath(f.path)).map((f) => f.path),
  'identities.',
  'custom_attributes.',
  'dates_attributes.',
];

/** The nearest of `options` to `word` when it is near enough to be a likely typo, else null. */
export function nearest(word: string, options: readonly string[]): string | null {
  if (options.length === 0 || word === '') return null;
  const best = closest(word, options as string[]);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(word, best) <= limit ? best : null;
}

const didYouMean = (word: string, options: readonly string[]): string => {
  const hint = nearest(word, options);
  return hint === null ? '' : ` — did you mean '${hint}'?`;
};

function checkHandle(what: string, value: string, path: string): string | null {
  if (value === '') return `'${path}' has no ${what}`;
  if (!handlePattern.test(value)) {
    return `${what} '${value}' in '${path}' may use only lower-case letters, digits, _ and -`;
  }
  return null;
}

function parseAddress(path: string, rest: string): ParsedFieldPath {
  const m = /^(?:\[(\d+)\])?\.(.*)$/.exec(rest);
  if (m === null)
    return fail(`'${path}' is not an address path: write addresses.<part> or addresses[2].<part>`);
  const n = m[1] === undefined ? 1 : Number(m[1]);
  if (!Number.isSafeInteger(n) || n < 1) {
    return fail(`address number in '${path}' starts at 1 (addresses[1] is the first address)`);
  }
  const part = m[2] ?? '';
  if (!(addressParts as readonly string[]).includes(part)) {
    return fail(
      `unknown address part '${part}' in '${path}'${didYouMean(part, addressParts)} (parts: ${addressParts.join(', ')})`,
    );
  }
  return ok({ kind: 'address', index: n - 1, part: part as AddressPart });
}

function parseCustomAttribute(path: string, rest: string, type: string | undefined): ParsedFieldPath {
  const parts = rest.split('.');
  if (parts.length !== 2) {
    return fail(`'${path}' must be custom_attributes.<namespace>.<handle>, optionally with :<type>`);
  }
  const [namespace = '', handle = ''] = parts;
  const bad = checkHandle('namespace', namespace, path) ?? checkHandle('handle', handle, path);
  if (bad !== null) return fail(bad);
  const t = type ?? 'string';
  if (!(customAttributeTypes as readonly string[]).includes(t)) {
    return fail(
      `unknown custom attribute type '${t}' in '${path}'${didYouMean(t, customAttributeTypes)} (types: ${customAttributeTypes.join(', ')})`,
    );
  }
  return ok({ kind: 'custom_attribute', namespace, handle, type: t as CustomAttributeType });
}

function parseSingleHandle(
  path: string,
  rest: string,
  what: string,
  build: (handle: string) => FieldTarget,
): ParsedFieldPath {
  const bad = checkHandle(what, rest, path);
  return bad === null ? ok(build(rest)) : fail(bad);
}

/**
 * Reads a field path into a {@link FieldTarget}.
 *
 * Surrounding spaces are ignored; everything else is exact (lower case). Never throws: an unknown
 * or malformed path gives `ok: false` and a message naming the fault, with a suggestion for a
 * likely typo ("unknown field 'emial' — did you mean 'email'?").
 */
export function parseFieldPath(path: string): ParsedFieldPath {
  const p = path.trim();
  if (p === '') return fail('empty field path');
  const colon = p.indexOf(':');
  const base = colon === -1 ? p : p.slice(0, colon);
  const suffix = colon === -1 ? undefined : p.slice(colon + 1);

  if (base.startsWith('custom_attributes.')) {
    return parseCustomAttribute(p, base.slice('custom_attributes.'.length), suffix);
  }
  if (suffix !== undefined) {
    if (suffix !== 'json') {
      return fail(
        `':${suffix}' in '${p}' — only custom attributes take a type; other fields take only ':json'`,
      );
    }
    if (!jsonFieldNames.includes(base)) {
      return fail(
        `'${base}' cannot be given as JSON${didYouMean(base, jsonFieldNames)} (JSON fields: ${jsonFieldNames.join(', ')})`,
      );
    }
    return ok({ kind: 'json', field: base });
  }
  if (topLevelFieldNames.includes(p)) return ok({ kind: 'field', field: p });
  if (p === 'birth_date') return ok({ kind: 'birth_date' });
  if (p === 'tags' || p === 'statuses') return ok({ kind: 'list', field: p });
  if (p.startsWith('identities.')) {
    return parseSingleHandle(p, p.slice('identities.'.length), 'identity handle', (handle) => ({
      kind: 'identity',
      handle,
    }));
  }
  if (p.startsWith('dates_attributes.')) {
    return parseSingleHandle(p, p.slice('dates_attributes.'.length), 'dated attribute handle', (handle) => ({
      kind: 'date_attribute',
      handle,
    }));
  }
  if (p.startsWith('addresses.') || p.startsWith('addresses[')) {
    return parseAddress(p, p.slice('addresses'.length));
  }
  if (p.startsWith('comms_attributes.')) {
    const flag = p.slice('comms_attributes.'.length);
    if ((commsFlags as readonly string[]).includes(flag))
      return ok({ kind: 'comms', flag: flag as CommsFlag });
    return fail(
      `unknown comms flag '${flag}'${didYouMean(flag, commsFlags)} (flags: ${commsFlags.join(', ')})`,
    );
  }
  if (jsonFieldNames.includes(p)) {
    return fail(`'${p}' is an array or object field: map it as '${p}:json' or by its parts`);
  }
  return fail(`unknown field '${p}'${didYouMean(p, knownPaths)}`);
}

/**
 * Writes a {@link FieldTarget} as its canonical field path; `parseFieldPath` reads it back equal.
 *
 * Canonical form: the first address as `addresses.<part>`, others as `addresses[N].<part>` (N from
 * 1), and a custom attribute's `:string` type left out.
 */
export function formatFieldTarget(target: FieldTarget): string {
  switch (target.kind) {
    case 'field':
      return target.field;
    case 'birth_date':
      return 'birth_date';
    case 'list':
      return target.field;
    case 'identity':
      return `identities.${target.handle}`;
    case 'custom_attribute': {
      const type = target.type === 'string' ? '' : `:${target.type}`;
      return `custom_attributes.${target.namespace}.${target.handle}${type}`;
    }
    case 'date_attribute':
      return `dates_attributes.${target.handle}`;
    case 'address':
      return target.index === 0
        ? `addresses.${target.part}`
        : `addresses[${target.index + 1}].${target.part}`;
    case 'comms':
      return `comms_attributes.${target.flag}`;
    case 'json':
      return `${target.field}:json`;
    default: {
      const never: never = target;
      throw new Error(`unhandled field target ${JSON.stringify(never)}`);
    }
  }
}

/**
 * A stable key naming what a target writes, for "mapped twice" checks.
 *
 * Two targets with the same key write the same place in a profile, so only one column may map to
 * it: the custom attribute type is left out (`custom_attributes.crm.tier:integer` and
 * `custom_attributes.crm.tier` collide) and addresses always carry their index
 * (`addresses[0].city`). List targets are single-column too.
 */
export function targetKey(target: FieldTarget): string {
  switch (target.kind) {
    case 'custom_attribute':
      return `custom_attributes.${target.namespace}.${target.handle}`;
    case 'address':
      return `addresses[${target.index}].${target.part}`;
    default:
      return formatFieldTarget(target);
  }
}

/** The top-level profile key a target writes into (`addresses` for an address part, …). */
export function profileKeyOf(target: FieldTarget): string {
  switch (target.kind) {
    case 'field':
    case 'list':
    case 'json':
      return target.field;
    case 'birth_date':
      return 'birth_date';
    case 'identity':
      return 'identities';
    case 'custom_attribute':
      return 'custom_attributes';
    case 'date_attribute':
      return 'dates_attributes';
    case 'address':
      return 'addresses';
    case 'comms':
      return 'comms_attributes';
    default: {
      const never: never = target;
      throw new Error(`unhandled field target ${JSON.stringify(never)}`);
    }
  }
}
