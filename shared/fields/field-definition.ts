/**
 * What a field catalogue entry says about one mappable field; see field-catalogue.ts.
 */

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

/** Builds a {@link FieldDefinition}; synonyms default to none. */
export const def = (
  path: string,
  label: string,
  group: FieldGroup,
  kind: FieldKind,
  description: string,
  rule: string,
  synonyms: readonly string[] = [],
): FieldDefinition => ({ path, label, group, kind, description, rule, synonyms });
