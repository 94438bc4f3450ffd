/**
 * The field catalogue: every field of an Omneo profile that a column can be mapped to.
 *
 * One entry per field path the user can choose, with the words people put in spreadsheet headers
 * for it (used by automatic mapping), a one-line description and the rule Omneo applies. The
 * fields are those of one `profiles[]` item of `POST /v3/profiles/batch` (Omneo batch docs, captured
 * in ../shared/omneo-batch-profiles-doc.txt and summarised in ../shared/omneo-api.md).
 */
import { addressParts, commsFlags, type AddressPart, type CommsFlag } from './field-target';

/** How a top-level profile field's cell text is normalised. */
export type ValueKind =
  | 'text'
  | 'email'
  | 'phone'
  | 'gender'
  | 'profile_type'
  | 'currency'
  | 'datetime'
  | 'integer'
  | 'url'
  | 'day'
  | 'month'
  | 'year';

/**
 * How any catalogue entry's cell is read.
 *
 * A {@link ValueKind} for top-level fields, plus the structured targets: a birth date split in
 * three, a list cell, an identity identifier, a custom attribute value, a dated attribute's date,
 * an address part, a comms flag (boolean) or consent time (datetime), and a whole field as JSON.
 */
export type FieldKind =
  | ValueKind
  | 'birth_date'
  | 'list'
  | 'identity'
  | 'custom_attribute'
  | 'date_attribute'
  | 'address'
  | 'boolean'
  | 'json';

/** Groups the mapping UI shows fields under. */
export type FieldGroup =
  | 'core'
  | 'contact'
  | 'birth_date'
  | 'address'
  | 'identities'
  | 'custom_attributes'
  | 'dates_attributes'
  | 'comms'
  | 'tags_statuses'
  | 'locations'
  | 'regions'
  | 'advanced';

/**
 * One mappable field.
 *
 * `path` is a field path as `parseFieldPath` reads it, except for the three template entries whose
 * path holds a placeholder (`identities.<handle>`, `custom_attributes.<namespace>.<handle>`,
 * `dates_attributes.<handle>`): the user supplies the handle. `synonyms` are header spellings,
 * compared after lower-casing and dropping everything but letters and digits.
 */
export interface FieldDefinition {
  readonly path: string;
  readonly label: string;
  readonly group: FieldGroup;
  readonly kind: FieldKind;
  readonly description: string;
  readonly synonyms: readonly string[];
  readonly rule: string;
}

const def = (
  path: string,
  label: string,
  group: FieldGroup,
  kind: FieldKind,
  description: string,
  rule: string,
  synonyms: readonly string[] = [],
): FieldDefinition => ({ path, label, group, kind, description, rule, synonyms });

const text = 'Text.';
const locationId = 'Integer: the Omneo location id.';

/** Top-level scalar fields of the profile object, in the seed document's order. */
const topLevelFields: readonly FieldDefinition[] = [
  def('first_name', 'First name', 'core', 'text', 'Given name.', text, [
    'first name',
    'firstname',
    'given name',
    'forename',
    'fname',
    'name first',
  ]),
  def('last_name', 'Last name', 'core', 'text', 'Family name.', text, [
    'last name',
    'lastname',
    'surname',
    'family name',
    'lname',
    'name last',
  ]),
  def(
    'email',
    'Email',
    'contact',
    'email',
    'Email address; the usual match key.',
    'Valid email, unique per tenant; needed to create a profile.',
    ['email', 'e-mail', 'email address', 'e-mail address', 'mail', 'email addr', 'emailaddress'],
  ),
  def('title', 'Title (honorific)', 'core', 'text', 'Honorific such as Mr, Ms, Dr — not a job title.', text, [
    'salutation',
    'honorific',
    'name prefix',
  ]),
  def('gender', 'Gender', 'core', 'gender', 'Gender.', 'One of male, female, other, withheld (lower case).', [
    'gender',
    'sex',
  ]),
  def(
    'currency',
    'Currency',
    'core',
    'currency',
    "The profile's currency.",
    'ISO 4217 code configured in the tenant, e.g. AUD.',
    ['currency', 'currency code'],
  ),
  def(
    'profile_type',
    'Profile type',
    'advanced',
    'profile_type',
    'Lifecycle state of the profile.',
    'One of temporary, system, dependant, incomplete, pending, active, deleted.',
    ['profile type'],
  ),
  def(
    'joined_at',
    'Joined at',
    'core',
    'datetime',
    'When the customer joined.',
    'ISO 8601 date-time, e.g. 2023-11-07T05:31:56Z.',
    ['joined at', 'join date', 'date joined', 'joined', 'member since', 'signup date', 'sign up date'],
  ),
  def(
    'mobile_phone',
    'Mobile phone',
    'contact',
    'phone',
    'Mobile number.',
    'E.164, e.g. +61412345678; unique per tenant.',
    [
      'mobile',
      'mobile phone',
      'mobile number',
      'cell',
      'cell phone',
      'cellphone',
      'phone',
      'phone 1',
      'phone number',
      'telephone',
    ],
  ),
  def(
    'secondary_phone',
    'Secondary phone',
    'contact',
    'phone',
    'Another phone number.',
    'E.164, e.g. +61412345678.',
    ['secondary phone', 'phone 2', 'other phone', 'alternate phone', 'alt phone', 'landline'],
  ),
  def('birth_day', 'Day of birth', 'birth_date', 'day', 'Day of the month of birth.', 'Integer 1–31.', [
    'birth day of month',
  ]),
  def('birth_month', 'Month of birth', 'birth_date', 'month', 'Month of birth.', 'Integer 1–12.', [
    'birth month',
  ]),
  def('birth_year', 'Year of birth', 'birth_date', 'year', 'Year of birth.', 'Integer, four digits.', [
    'birth year',
  ]),
  def('company', 'Company', 'core', 'text', "The customer's company or organisation name.", text, [
    'company',
    'company name',
    'organisation',
    'organization',
    'business name',
  ]),
  def('occupation', 'Occupation', 'core', 'text', 'Job or occupation.', text, [
    'occupation',
    'job title',
    'job',
    'position',
    'profession',
    'role',
  ]),
  def('avatar_url', 'Avatar URL', 'advanced', 'url', 'Picture of the customer.', 'URL.', [
    'avatar',
    'avatar url',
    'photo url',
  ]),
  def('joined_location_id', 'Joined location id', 'locations', 'integer', 'Where they joined.', locationId),
  def(
    'joined_location_external_id',
    'Joined location external id',
    'locations',
    'text',
    'Where they joined, by your id.',
    text,
  ),
  def(
    'joined_location_external_code',
    'Joined location external code',
    'locations',
    'text',
    'Where they joined, by your code.',
    text,
  ),
  def('preferred_location_id', 'Preferred location id', 'locations', 'integer', 'Their store.', locationId),
  def(
    'preferred_location_external_id',
    'Preferred location external id',
    'locations',
    'text',
    'Their store, by your id.',
    text,
  ),
  def(
    'preferred_location_external_code',
    'Preferred location external code',
    'locations',
    'text',
    'Their store, by your code.',
    text,
  ),
  def('region_id', 'Region id', 'regions', 'integer', 'Omneo region id.', 'Integer.'),
  def('region', 'Region', 'regions', 'text', 'Region name.', text),
  def('region_country', 'Region country', 'regions', 'text', "The region's country.", text),
  def('region_state', 'Region state', 'regions', 'text', "The region's state.", text),
];

const addressLabels: Readonly<Record<AddressPart, readonly [string, readonly string[]]>> = {
  address_line_1: [
    'Address line 1',
    ['address', 'address 1', 'address line 1', 'street', 'street address', 'address1', 'addr1'],
  ],
  address_line_2: ['Address line 2', ['address 2', 'address line 2', 'address2']],
  address_line_3: ['Address line 3', ['address 3', 'address line 3', 'address3']],
  city: ['City', ['city', 'town', 'town city', 'locality']],
  postcode: ['Postcode', ['postcode', 'post code', 'postal code', 'zip', 'zip code', 'zipcode']],
  country: ['Country', ['country', 'country code']],
  state: ['State', ['state', 'province', 'county']],
  company: ['Address company', ['address company']],
  notes: ['Address notes', ['address notes', 'delivery notes']],
  is_default: ['Default address', []],
  external_id: ['Address external id', []],
  iso: ['Country ISO code', ['country iso', 'iso country']],
  iso_state: ['State ISO code', []],
};

const requiredAddressParts: readonly AddressPart[] = ['address_line_1', 'city', 'postcode', 'country'];

const addressFields: readonly FieldDefinition[] = addressParts.map((part) => {
  const [label, synonyms] = addressLabels[part];
  const required = requiredAddressParts.includes(part);
  return def(
    `addresses.${part}`,
    label,
    'address',
    'address',
    `${label} of the first address (addresses[2].${part} for the second).`,
    required
      ? 'Required with address line 1, city, postcode and country together.'
      : part === 'is_default'
        ? 'Boolean.'
        : text,
    synonyms,
  );
});

const commsSynonyms: Readonly<Record<CommsFlag, readonly string[]>> = {
  sms_promo: ['sms opt in', 'sms marketing', 'sms promo'],
  email_promo: ['email opt in', 'email marketing', 'newsletter', 'email promo', 'accepts marketing'],
  email_bounced: ['email bounced'],
  email_benefits: ['email benefits'],
  email_consent_updated_at: ['email consent date', 'email consent updated at'],
  sms_consent_updated_at: ['sms consent date', 'sms consent updated at'],
};

const commsFields: readonly FieldDefinition[] = commsFlags.map((flag) => {
  const isTime = flag.endsWith('_at');
  return def(
    `comms_attributes.${flag}`,
    flag.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase()),
    'comms',
    isTime ? 'datetime' : 'boolean',
    isTime ? 'When consent last changed.' : 'Communication preference flag.',
    isTime ? 'ISO 8601 date-time.' : 'Boolean (yes/no, true/false, 1/0).',
    commsSynonyms[flag],
  );
});

const jsonField = (field: string, group: FieldGroup, shape: string): FieldDefinition =>
  def(
    `${field}:json`,
    `${field} (JSON)`,
    group,
    'json',
    `The whole ${field} field written as JSON in the cell.`,
    `JSON ${shape}.`,
  );

/** Every field a column can be mapped to; see {@link FieldDefinition} for template paths. */
export const fieldCatalogue: readonly FieldDefinition[] = [
  ...topLevelFields,
  def(
    'birth_date',
    'Birth date',
    'birth_date',
    'birth_date',
    'One date column split into birth_day, birth_month and birth_year.',
    'A date; a year-less birthday gives day and month only.',
    ['birth date', 'date of birth', 'dob', 'birthday', 'birthdate', 'birth dt'],
  ),
  def(
    'tags',
    'Tags',
    'tags_statuses',
    'list',
    'Tags, split on , ; or |.',
    'Replaces the profile’s tags; Omneo turns spaces into hyphens.',
    ['tags', 'tag', 'labels'],
  ),
  def(
    'statuses',
    'Statuses',
    'tags_statuses',
    'list',
    'Status handles, split on , ; or |.',
    'Replaces the profile’s statuses.',
    ['statuses'],
  ),
  def(
    'identities.<handle>',
    'Identity',
    'identities',
    'identity',
    'An identifier in another system (loyalty number, Shopify id) under an identity handle.',
    'Each handle + identifier pair is unique per tenant.',
  ),
  def(
    'custom_attributes.<namespace>.<handle>',
    'Custom attribute',
    'custom_attributes',
    'custom_attribute',
    'A custom attribute; add :integer, :float, :boolean, :json or :array for a type (string default).',
    'Namespace and handle as configured in Omneo.',
  ),
  def(
    'dates_attributes.<handle>',
    'Dated attribute',
    'dates_attributes',
    'date_attribute',
    'A dated attribute such as an anniversary.',
    'Date as YYYY-MM-DD.',
  ),
  ...addressFields,
  ...commsFields,
  jsonField('tags', 'advanced', 'array of strings'),
  jsonField('statuses', 'advanced', 'array of status handles'),
  jsonField('identities', 'identities', 'array of {handle, identifier, is_active?}'),
  jsonField('custom_attributes', 'custom_attributes', 'array of {namespace, handle, type, value}'),
  jsonField('dates_attributes', 'dates_attributes', 'array of {date, handle, name?, …}'),
  jsonField('addresses', 'address', 'array of {address_line_1, city, postcode, country, …}'),
  jsonField('comms_attributes', 'comms', 'object of comms flags and consent times'),
  jsonField('regions', 'regions', 'array of {region_id, handle, is_active?, country?, state?}'),
  jsonField('organisations', 'advanced', 'array of {id, role_definition_id?, expires_at?, is_active?}'),
  jsonField('attributes', 'advanced', 'object {comms?, appearance?}'),
];

/** Names of the profile's top-level scalar fields (`email`, `birth_year`, `region_id`, …). */
export const topLevelFieldNames: readonly string[] = topLevelFields.map((f) => f.path);

/** Array/object fields that may be given whole as `<field>:json`. */
export const jsonFieldNames: readonly string[] = fieldCatalogue
  .filter((f) => f.kind === 'json')
  .map((f) => f.path.slice(0, -':json'.length));

/** Address parts Omneo requires together for an address (omneo-api.md, "first four required"). */
export const requiredAddressPartNames: readonly AddressPart[] = requiredAddressParts;

const valueKinds = new Map<string, ValueKind>(
  topLevelFields.map((f) => [f.path, f.kind as ValueKind] as const),
);

/**
 * How a top-level profile field's cell is normalised, or undefined when `field` is not one.
 *
 * `topLevelFieldKind('mobile_phone')` is `'phone'`; `topLevelFieldKind('tags')` is undefined.
 */
export function topLevelFieldKind(field: string): ValueKind | undefined {
  return valueKinds.get(field);
}

/** True for the three catalogue entries whose path holds a `<placeholder>`. */
export function isTemplatePath(path: string): boolean {
  return path.includes('<');
}
