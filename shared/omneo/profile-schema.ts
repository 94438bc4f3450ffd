/**
 * The Omneo batch request and one profile, as zod schemas in exactly the seed's shape.
 *
 * Shape: the request body of `POST /v3/profiles/batch` (Omneo batch docs, captured in
 * ../shared/omneo-batch-profiles-doc.txt). Value rules (enums, E.164, ISO date-times, day/month
 * ranges, the four required address parts) are from ../shared/omneo-api.md; where Omneo documents
 * no rule we accept what the seed's example shows. Every object is strict: a key that is not in the
 * seed is an error, so a profile never carries a key the user did not map.
 */
import { z } from 'zod';
import type { customAttributeTypes } from '../fields/field-target';

/** Max profiles in one batch request — "Required array length: 1 - 500 elements" (Omneo batch docs). */
export const maxBatchSize = 500;

/** `gender` values — omneo-api.md (lower case). */
export const genderValues = ['male', 'female', 'other', 'withheld'] as const;

/** `profile_type` values — omneo-api.md. */
export const profileTypeValues = [
  'temporary',
  'system',
  'dependant',
  'incomplete',
  'pending',
  'active',
  'deleted',
] as const;

/**
 * The longest text Omneo takes in a string field, in characters: 255. **Inferred**, not documented:
 * Omneo's backend is Laravel, whose default string column (`varchar`) holds 255, and a longer value
 * is refused with "may not be greater than 255 characters" (../shared/omneo-api.md). The one place
 * this limit is set for the importer; the simulator keeps its own copy as an independent judge and
 * a test checks the two agree. Counted in UTF-16 code units, like zod's `.max` (never more lenient
 * than Laravel's character count).
 */
export const maxStringLength = 255;

/**
 * The profile's top-level text fields held to {@link maxStringLength} (besides `email`, `tags`
 * items and identity handles/identifiers): the names and the location references.
 */
export const limitedTextFields: ReadonlySet<string> = new Set([
  'first_name',
  'last_name',
  'title',
  'company',
  'occupation',
  'joined_location_external_id',
  'joined_location_external_code',
  'preferred_location_external_id',
  'preferred_location_external_code',
]);

/** E.164: `+`, a non-zero country digit, at most 15 digits in all (ITU-T E.164). */
export const e164Pattern = /^\+[1-9]\d{1,14}$/;

const text = z.string().min(1);
const tooLong = `must be at most ${maxStringLength} characters`;
/** A text field held to {@link maxStringLength}. */
const limitedText = z.string().min(1).max(maxStringLength, tooLong);
const dateTime = z.iso.datetime({ offset: true });
const phone = z.string().regex(e164Pattern, 'must be an E.164 phone number such as +61412345678');
const id = z.int().positive();

/** One `identities[]` item. `is_active` is optional: the seed's shopify_id example omits it. */
export const identitySchema = z.strictObject({
  handle: limitedText,
  identifier: limitedText,
  is_active: z.boolean().optional(),
});

const customAttribute = <T extends (typeof customAttributeTypes)[number], V extends z.ZodType>(
  type: T,
  value: V,
) => z.strictObject({ namespace: text, handle: text, type: z.literal(type), value });

/**
 * One `custom_attributes[]` item; `value` has the JSON type its `type` names.
 *
 * The seed shows `value` as a string for type `string`; that the other types carry their own JSON
 * type (a number for `integer`, …) is inferred (omneo-api.md).
 */
export const customAttributeSchema = z.discriminatedUnion('type', [
  customAttribute('string', z.string()),
  customAttribute('integer', z.int()),
  customAttribute('float', z.number()),
  customAttribute('boolean', z.boolean()),
  customAttribute('json', z.unknown()),
  customAttribute('array', z.array(z.unknown())),
]);

/** One `dates_attributes[]` item: `date` as `YYYY-MM-DD`; `handle` names it. */
export const dateAttributeSchema = z.strictObject({
  date: z.iso.date(),
  name: z.string().optional(),
  handle: text,
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
        profile_id: text,
        relationship: z.string().optional(),
        role: z.string().optional(),
      }),
    )
    .optional(),
});

/** One `addresses[]` item: line 1, city, postcode and country are required together (omneo-api.md). */
export const addressSchema = z.strictObject({
  address_line_1: text,
  city: text,
  postcode: text,
  country: text,
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

/** `comms_attributes`: marketing flags and consent times. */
export const commsAttributesSchema = z.strictObject({
  sms_promo: z.boolean().optional(),
  email_promo: z.boolean().optional(),
  email_bounced: z.boolean().optional(),
  email_benefits: z.boolean().optional(),
  email_consent_updated_at: dateTime.optional(),
  sms_consent_updated_at: dateTime.optional(),
});

/** One `regions[]` item. */
export const regionSchema = z.strictObject({
  region_id: id,
  handle: text,
  is_active: z.boolean().optional(),
  country: z.string().optional(),
  state: z.string().optional(),
});

/** One `organisations[]` item. */
export const organisationSchema = z.strictObject({
  id,
  role_definition_id: id.optional(),
  expires_at: dateTime.optional(),
  is_active: z.boolean().optional(),
});

/** `attributes`: consent times and appearance tags. */
export const attributesSchema = z.strictObject({
  comms: z
    .strictObject({
      email_consent_updated_at: dateTime.optional(),
      sms_consent_updated_at: dateTime.optional(),
    })
    .optional(),
  appearance: z.array(z.string()).optional(),
});

const tagList = z.array(limitedText);
const statusList = z.array(text);

/**
 * Email: one `@`, no spaces, internationalised addresses allowed. Deliberately no stricter than
 * `normaliseEmail` (shared/normalise/email.ts), which does the detailed check with a message a
 * user can act on; zod's default pattern would refuse addresses Omneo takes (`josé@example.com`).
 */
const email = z.email({ pattern: z.regexes.unicodeEmail }).max(maxStringLength, tooLong);

/** One `profiles[]` item. Every field is optional: Omneo needs only what the match criteria names. */
export const profileSchema = z.strictObject({
  first_name: limitedText.optional(),
  last_name: limitedText.optional(),
  email: email.optional(),
  title: limitedText.optional(),
  gender: z.enum(genderValues).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as AUD')
    .optional(),
  profile_type: z.enum(profileTypeValues).optional(),
  joined_at: dateTime.optional(),
  mobile_phone: phone.optional(),
  secondary_phone: phone.optional(),
  birth_day: z.int().min(1).max(31).optional(),
  birth_month: z.int().min(1).max(12).optional(),
  birth_year: z.int().min(1000).max(9999).optional(),
  company: limitedText.optional(),
  occupation: limitedText.optional(),
  avatar_url: z.url({ protocol: /^https?$/ }).optional(),
  joined_location_id: id.optional(),
  joined_location_external_id: limitedText.optional(),
  joined_location_external_code: limitedText.optional(),
  preferred_location_id: id.optional(),
  preferred_location_external_id: limitedText.optional(),
  preferred_location_external_code: limitedText.optional(),
  tags: tagList.optional(),
  identities: z.array(identitySchema).optional(),
  custom_attributes: z.array(customAttributeSchema).optional(),
  dates_attributes: z.array(dateAttributeSchema).optional(),
  statuses: statusList.optional(),
  addresses: z.array(addressSchema).optional(),
  comms_attributes: commsAttributesSchema.optional(),
  region_id: id.optional(),
  region: text.optional(),
  region_country: text.optional(),
  region_state: text.optional(),
  regions: z.array(regionSchema).optional(),
  organisations: z.array(organisationSchema).optional(),
  attributes: attributesSchema.optional(),
});

/** One profile as sent to Omneo. */
export type OmneoProfile = z.infer<typeof profileSchema>;

/**
 * The body of `POST /v3/profiles/batch`.
 *
 * `match_criteria` is `email` or an identity handle; `profiles` holds 1–500 items (Omneo batch
 * docs); `import_job_id` groups batches under an import job (inferred, omneo-api.md).
 */
export const batchRequestSchema = z.strictObject({
  match_criteria: text,
  profiles: z.array(profileSchema).min(1).max(maxBatchSize),
  import_job_id: text.optional(),
});

/** One batch request body. */
export type BatchRequest = z.infer<typeof batchRequestSchema>;

/**
 * zod schemas for each `<field>:json` cell: what the cell's JSON must be.
 *
 * Keyed by field name (`organisations`, not `organisations:json`); the same item schemas as
 * {@link profileSchema}, so a JSON cell that passes can be sent as is.
 */
export const jsonFieldSchemas: Readonly<Record<string, z.ZodType>> = {
  tags: tagList,
  statuses: statusList,
  identities: z.array(identitySchema),
  custom_attributes: z.array(customAttributeSchema),
  dates_attributes: z.array(dateAttributeSchema),
  addresses: z.array(addressSchema),
  comms_attributes: commsAttributesSchema,
  regions: z.array(regionSchema),
  organisations: z.array(organisationSchema),
  attributes: attributesSchema,
};
