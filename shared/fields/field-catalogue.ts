/**
 * The field catalogue: every field of an Omneo profile that a column can be mapped to.
 *
 * One entry per field path the user can choose, with the words people put in spreadsheet headers
 * for it (used by automatic mapping), a one-line description and the rule Omneo applies. The
 * fields are those of one `profiles[]` item of `POST /v3/profiles/batch` (Omneo batch docs, captured
 * in ../shared/omneo-batch-profiles-doc.txt and summarised in ../shared/omneo-api.md).
 */
import { addressParts, commsFlags, type AddressPart, type CommsFlag } from './field-target';
import { def, type FieldDefinition, type FieldGroup, type ValueKind } from './field-definition';
import { topLevelFields } from './top-level-fields';

export type { FieldDefinition, FieldGroup, FieldKind, ValueKind } from './field-definition';

const text = 'Text.';

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
