/**
 * What a mapped column writes into an Omneo profile, parsed from a field path.
 *
 * Field paths are the one notation used in the UI, saved mapping files and on the command line:
 * `email`, `birth_date`, `tags`, `identities.loyalty_id`, `custom_attributes.crm.tier:integer`,
 * `dates_attributes.anniversary`, `addresses.city`, `addresses[2].postcode`,
 * `comms_attributes.email_promo`, `organisations:json`. `parseFieldPath` / `formatFieldTarget`
 * (in `field-path.ts`) convert between the two.
 */

/** Custom attribute value types — Omneo profile `custom_attributes[].type`. */
export const customAttributeTypes = ['string', 'integer', 'float', 'boolean', 'json', 'array'] as const;
export type CustomAttributeType = (typeof customAttributeTypes)[number];

/** Parts of one `addresses[]` item — Omneo profile object. */
export const addressParts = [
  'address_line_1',
  'address_line_2',
  'address_line_3',
  'city',
  'postcode',
  'country',
  'state',
  'company',
  'notes',
  'is_default',
  'external_id',
  'iso',
  'iso_state',
] as const;
export type AddressPart = (typeof addressParts)[number];

/** `comms_attributes` keys — Omneo profile object. */
export const commsFlags = [
  'sms_promo',
  'email_promo',
  'email_bounced',
  'email_benefits',
  'email_consent_updated_at',
  'sms_consent_updated_at',
] as const;
export type CommsFlag = (typeof commsFlags)[number];

export type FieldTarget =
  /** A top-level scalar field of the profile (`email`, `first_name`, `mobile_phone`, `birth_year`, …). */
  | { readonly kind: 'field'; readonly field: string }
  /** One date column split into `birth_day`, `birth_month`, `birth_year`. */
  | { readonly kind: 'birth_date' }
  /** A list cell split on `,` `;` `|` into `tags` or `statuses`. */
  | { readonly kind: 'list'; readonly field: 'tags' | 'statuses' }
  /** `identities[]` item `{handle, identifier, is_active: true}`. */
  | { readonly kind: 'identity'; readonly handle: string }
  | {
      readonly kind: 'custom_attribute';
      readonly namespace: string;
      readonly handle: string;
      readonly type: CustomAttributeType;
    }
  /** `dates_attributes[]` item with `date` as `YYYY-MM-DD`. */
  | { readonly kind: 'date_attribute'; readonly handle: string }
  /** Part of the address at 0-based `index` (`addresses.city` is index 0, `addresses[2].city` index 1). */
  | { readonly kind: 'address'; readonly index: number; readonly part: AddressPart }
  | { readonly kind: 'comms'; readonly flag: CommsFlag }
  /** A whole array/object field given as JSON in the cell (`organisations:json`). */
  | { readonly kind: 'json'; readonly field: string };
