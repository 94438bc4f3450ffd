/**
 * The simulator's own rules for a `POST /profiles/batch` body, written from Omneo's docs.
 *
 * The simulator is an independent judge of what the importer sends, so these rules are written
 * here from ../shared/omneo-api.md and the captured batch reference page
 * (../shared/omneo-batch-profiles-doc.txt), never imported from the app's schemas. A body that
 * breaks them gets the answer a Laravel backend gives: 422 with `errors` keyed by path
 * (`profiles.3.email`) and Laravel's wording.
 */
import { z } from 'zod';

/** Most profiles one batch may carry: "Required array length: 1 - 500 elements" — Omneo batch docs. */
export const MAX_PROFILES_PER_BATCH = 500;

/**
 * Longest string a text field takes: Laravel's default `varchar(255)` (inferred — Omneo documents
 * no limit; ../shared/omneo-api.md). Kept here, not imported from the app's schema, so the
 * simulator stays an independent judge; test/electron/simulator/string-limit.test.ts checks that
 * the two agree.
 */
export const MAX_STRING_LENGTH = 255;

const text = z.string().max(MAX_STRING_LENGTH);
const dateTime = z.iso.datetime({ offset: true, local: true });
const phone = z.e164();

const identity = z.strictObject({
  handle: z.string().min(1).max(MAX_STRING_LENGTH),
  identifier: z.string().min(1).max(MAX_STRING_LENGTH),
  is_active: z.boolean().optional(),
});

const customAttribute = z.strictObject({
  namespace: z.string().min(1),
  handle: z.string().min(1),
  type: z.enum(['string', 'integer', 'float', 'boolean', 'json', 'array']),
  value: z.unknown().refine((v) => v !== undefined, { message: 'required' }),
});

const datesAttribute = z.strictObject({
  date: z.iso.date(),
  name: z.string().min(1),
  handle: z.string().min(1),
  is_recurring: z.boolean().optional(),
  recurring_schedule: z.string().optional(),
  meta: z.array(z.string()).optional(),
  note: z.string().optional(),
  description: z.string().optional(),
  relationship: z.string().optional(),
  role: z.string().optional(),
  links: z
    .array(
      z.strictObject({
        profile_id: z.string(),
        relationship: z.string().optional(),
        role: z.string().optional(),
      }),
    )
    .optional(),
});

const address = z.strictObject({
  address_line_1: z.string().min(1),
  city: z.string().min(1),
  postcode: z.string().min(1),
  country: z.string().min(1),
  address_line_2: z.string().optional(),
  address_line_3: z.string().optional(),
  company: z.string().optional(),
  state: z.string().optional(),
  notes: z.string().optional(),
  is_default: z.boolean().optional(),
  external_id: z.string().optional(),
  meta: z.array(z.string()).optional(),
  iso: z.string().optional(),
  iso_state: z.string().optional(),
});

const commsAttributes = z.strictObject({
  sms_promo: z.boolean().optional(),
  email_promo: z.boolean().optional(),
  email_bounced: z.boolean().optional(),
  email_benefits: z.boolean().optional(),
  email_consent_updated_at: dateTime.optional(),
  sms_consent_updated_at: dateTime.optional(),
});

/** One `profiles[]` item; unknown keys are refused so the importer never sends unmapped data. */
const batchProfile = z.strictObject({
  first_name: text.optional(),
  last_name: text.optional(),
  email: z.email().max(MAX_STRING_LENGTH).optional(),
  title: text.optional(),
  gender: z.enum(['male', 'female', 'other', 'withheld']).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  profile_type: z
    .enum(['temporary', 'system', 'dependant', 'incomplete', 'pending', 'active', 'deleted'])
    .optional(),
  joined_at: dateTime.optional(),
  mobile_phone: phone.optional(),
  secondary_phone: phone.optional(),
  birth_day: z.int().min(1).max(31).optional(),
  birth_month: z.int().min(1).max(12).optional(),
  birth_year: z.int().min(1000).max(9999).optional(),
  company: text.optional(),
  occupation: text.optional(),
  avatar_url: z.url().optional(),
  joined_location_id: z.int().optional(),
  joined_location_external_id: text.optional(),
  joined_location_external_code: text.optional(),
  preferred_location_id: z.int().optional(),
  preferred_location_external_id: text.optional(),
  preferred_location_external_code: text.optional(),
  tags: z.array(z.string().min(1).max(MAX_STRING_LENGTH)).optional(),
  identities: z.array(identity).optional(),
  custom_attributes: z.array(customAttribute).optional(),
  dates_attributes: z.array(datesAttribute).optional(),
  statuses: z.array(z.string().min(1)).optional(),
  addresses: z.array(address).optional(),
  comms_attributes: commsAttributes.optional(),
  region_id: z.int().optional(),
  region: z.string().optional(),
  region_country: z.string().optional(),
  region_state: z.string().optional(),
  regions: z
    .array(
      z.strictObject({
        region_id: z.int(),
        handle: z.string().min(1),
        is_active: z.boolean().optional(),
        country: z.string().optional(),
        state: z.string().optional(),
      }),
    )
    .optional(),
  organisations: z
    .array(
      z.strictObject({
        id: z.int(),
        role_definition_id: z.int().optional(),
        expires_at: dateTime.optional(),
        is_active: z.boolean().optional(),
      }),
    )
    .optional(),
  attributes: z
    .strictObject({
      comms: z
        .strictObject({
          email_consent_updated_at: dateTime.optional(),
          sms_consent_updated_at: dateTime.optional(),
        })
        .optional(),
      appearance: z.array(z.string()).optional(),
    })
    .optional(),
});

const batchRequest = z.strictObject({
  match_criteria: z.string().min(1).max(MAX_STRING_LENGTH),
  profiles: z.array(batchProfile).min(1).max(MAX_PROFILES_PER_BATCH),
  import_job_id: z.string().min(1).max(MAX_STRING_LENGTH).optional(),
});

/** A `profiles[]` item that passed the rules. */
export type BatchProfile = z.infer<typeof batchProfile>;
/** A batch body that passed the rules. */
export type BatchRequest = z.infer<typeof batchRequest>;
/** Laravel's 422 `errors`: attribute path → messages. */
export type ValidationErrors = Record<string, string[]>;

/** The outcome of checking a batch body. */
export type BatchCheck =
  | { readonly ok: true; readonly request: BatchRequest }
  | { readonly ok: false; readonly errors: ValidationErrors };

/**
 * Check a parsed JSON body against the batch rules.
 *
 * Never throws; any value is accepted as input. On failure every broken rule is reported, keyed
 * by its dotted path, with Laravel's wording ("The profiles.3.email must be a valid email address.").
 */
export function checkBatchRequest(body: unknown): BatchCheck {
  const parsed = batchRequest.safeParse(body, { reportInput: true });
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, errors: laravelErrors(parsed.error) };
}

/**
 * The body of `PUT /profiles/{id}`: any field of a batch record; a field given `null` is cleared
 * (inferred — Omneo documents no PUT body; the SDK's `profiles.update(id, body)` sends the fields).
 */
const profileUpdate = z.strictObject(
  Object.fromEntries(
    Object.entries(batchProfile.shape).map(([key, schema]) => [key, schema.nullable().optional()]),
  ),
);

/** Fields of a `PUT /profiles/{id}` body that passed the rules; null clears the field. */
export type ProfileUpdate = Record<string, unknown>;

/** Check a `PUT /profiles/{id}` body with the batch record's rules. Never throws. */
export function checkProfileUpdate(
  body: unknown,
):
  | { readonly ok: true; readonly update: ProfileUpdate }
  | { readonly ok: false; readonly errors: ValidationErrors } {
  const parsed = profileUpdate.safeParse(body ?? {}, { reportInput: true });
  if (parsed.success) return { ok: true, update: parsed.data };
  return { ok: false, errors: laravelErrors(parsed.error) };
}

function laravelErrors(error: z.ZodError): ValidationErrors {
  const errors: ValidationErrors = {};
  const add = (key: string, message: string): void => {
    (errors[key] ??= []).push(message);
  };
  for (const issue of error.issues) {
    const attribute = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = attribute === '' ? key : `${attribute}.${key}`;
        add(path, `The ${path} field is not allowed.`);
      }
      continue;
    }
    add(attribute === '' ? 'body' : attribute, laravelMessage(issue, attribute === '' ? 'body' : attribute));
  }
  return errors;
}

function laravelMessage(issue: z.core.$ZodIssue, attribute: string): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `The ${attribute} field is required.`;
      if (issue.expected === 'int' || issue.expected === 'number')
        return `The ${attribute} must be an integer.`;
      if (issue.expected === 'boolean') return `The ${attribute} field must be true or false.`;
      if (issue.expected === 'array') return `The ${attribute} must be an array.`;
      if (issue.expected === 'object') return `The ${attribute} must be an object.`;
      if (issue.expected === 'string') return `The ${attribute} must be a string.`;
      return `The ${attribute} is invalid.`;
    case 'invalid_format':
      return formatMessage(issue.format, attribute);
    case 'invalid_value':
      return `The selected ${attribute} is invalid.`;
    case 'too_small':
      if (issue.origin === 'array') return `The ${attribute} must have at least ${issue.minimum} items.`;
      if (issue.origin === 'string') {
        return issue.minimum === 1
          ? `The ${attribute} field is required.`
          : `The ${attribute} must be at least ${issue.minimum} characters.`;
      }
      return `The ${attribute} must be at least ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'array') return `The ${attribute} must not have more than ${issue.maximum} items.`;
      if (issue.origin === 'string') {
        return `The ${attribute} must not be greater than ${issue.maximum} characters.`;
      }
      return `The ${attribute} must not be greater than ${issue.maximum}.`;
    default:
      return issue.message === 'required'
        ? `The ${attribute} field is required.`
        : `The ${attribute} is invalid.`;
  }
}

function formatMessage(format: string, attribute: string): string {
  switch (format) {
    case 'email':
      return `The ${attribute} must be a valid email address.`;
    case 'e164':
      return `The ${attribute} must be a valid phone number in E.164 format (e.g. +61412345678).`;
    case 'datetime':
      return `The ${attribute} is not a valid ISO 8601 date-time.`;
    case 'date':
      return `The ${attribute} does not match the format Y-m-d.`;
    case 'url':
      return `The ${attribute} must be a valid URL.`;
    default:
      return `The ${attribute} format is invalid.`;
  }
}
