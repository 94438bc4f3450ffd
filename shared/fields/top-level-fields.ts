/**
 * The profile's top-level scalar fields, in the seed document's order (Omneo batch docs, captured
 * in ../shared/omneo-batch-profiles-doc.txt); rules from ../shared/omneo-api.md.
 */
import { def, type FieldDefinition } from './field-definition';

const text = 'Text.';
const locationId = 'Integer: the Omneo location id.';

/** Top-level scalar fields of the profile object, in the seed document's order. */
export const topLevelFields: readonly FieldDefinition[] = [
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
