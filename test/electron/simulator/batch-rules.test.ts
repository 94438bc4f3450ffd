import { describe, expect, it } from 'vitest';
import { checkBatchRequest } from '../../../electron/simulator/batch-rules';

/** The 422 errors for a batch of one record, or null when it passes. */
function errorsFor(record: Record<string, unknown>): Record<string, string[]> | null {
  const check = checkBatchRequest({ match_criteria: 'email', profiles: [record] });
  return check.ok ? null : check.errors;
}

describe('checkBatchRequest', () => {
  it.each<[string, Record<string, unknown>]>([
    [
      'the documented example',
      { email: 'demoemail1@gmail.com', first_name: 'John', last_name: 'Smith', gender: 'male' },
    ],
    ['E.164 phones', { mobile_phone: '+61412345678', secondary_phone: '+447700900101' }],
    ['birthday parts at their bounds', { birth_day: 31, birth_month: 1, birth_year: 1906 }],
    [
      'date-times with Z, an offset, or none',
      {
        joined_at: '2023-11-07T05:31:56Z',
        comms_attributes: { email_consent_updated_at: '2023-11-07T05:31:56+10:00', sms_promo: true },
      },
    ],
    [
      'identities',
      { identities: [{ handle: 'shopify_id', identifier: '01F3P90M3PCTE22QYJ5NZWVZQ3', is_active: true }] },
    ],
    [
      'a full address',
      {
        addresses: [
          { address_line_1: '1 Main St', city: 'Sydney', postcode: '2000', country: 'AU', is_default: true },
        ],
      },
    ],
    [
      'custom and dates attributes',
      {
        custom_attributes: [{ namespace: 'shop', handle: 'tier', type: 'string', value: 'gold' }],
        dates_attributes: [{ date: '2023-12-25', name: 'Xmas', handle: 'xmas' }],
      },
    ],
    [
      'tags, statuses and a currency',
      { tags: ['vip', 'summer sale'], statuses: ['gold'], currency: 'AUD', profile_type: 'active' },
    ],
  ])('accepts %s', (_label, record) => {
    expect(errorsFor(record)).toBeNull();
  });

  it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
    [
      'a bad email',
      { email: 'a@b' },
      { 'profiles.0.email': ['The profiles.0.email must be a valid email address.'] },
    ],
    [
      'an upper-case gender',
      { gender: 'Male' },
      { 'profiles.0.gender': ['The selected profiles.0.gender is invalid.'] },
    ],
    [
      'a local phone',
      { mobile_phone: '0412345678' },
      {
        'profiles.0.mobile_phone': [
          'The profiles.0.mobile_phone must be a valid phone number in E.164 format (e.g. +61412345678).',
        ],
      },
    ],
    [
      'birth_day 0',
      { birth_day: 0 },
      { 'profiles.0.birth_day': ['The profiles.0.birth_day must be at least 1.'] },
    ],
    [
      'birth_month as text',
      { birth_month: '4' },
      { 'profiles.0.birth_month': ['The profiles.0.birth_month must be an integer.'] },
    ],
    [
      'a date-only joined_at',
      { joined_at: '2023-11-07' },
      { 'profiles.0.joined_at': ['The profiles.0.joined_at is not a valid ISO 8601 date-time.'] },
    ],
    [
      'an unknown profile_type',
      { profile_type: 'vip' },
      { 'profiles.0.profile_type': ['The selected profiles.0.profile_type is invalid.'] },
    ],
    [
      'an identity without identifier',
      { identities: [{ handle: 'pos' }] },
      { 'profiles.0.identities.0.identifier': ['The profiles.0.identities.0.identifier field is required.'] },
    ],
    [
      'an address without city',
      { addresses: [{ address_line_1: '1 Main St', postcode: '2000', country: 'AU' }] },
      { 'profiles.0.addresses.0.city': ['The profiles.0.addresses.0.city field is required.'] },
    ],
    [
      'a custom attribute of unknown type',
      { custom_attributes: [{ namespace: 'n', handle: 'h', type: 'date', value: 'x' }] },
      {
        'profiles.0.custom_attributes.0.type': [
          'The selected profiles.0.custom_attributes.0.type is invalid.',
        ],
      },
    ],
    ['tags as a string', { tags: 'vip' }, { 'profiles.0.tags': ['The profiles.0.tags must be an array.'] }],
    [
      'a null first_name',
      { first_name: null },
      { 'profiles.0.first_name': ['The profiles.0.first_name must be a string.'] },
    ],
    [
      'an unmapped key',
      { phone: '+61412345678' },
      { 'profiles.0.phone': ['The profiles.0.phone field is not allowed.'] },
    ],
    [
      'a dates attribute in D/M/Y',
      { dates_attributes: [{ date: '25/12/2023', name: 'X', handle: 'x' }] },
      {
        'profiles.0.dates_attributes.0.date': [
          'The profiles.0.dates_attributes.0.date does not match the format Y-m-d.',
        ],
      },
    ],
  ])('refuses %s', (_label, record, errors) => {
    expect(errorsFor(record)).toEqual(errors);
  });

  it('refuses unknown top-level keys and a body that is not an object', () => {
    const extra = checkBatchRequest({ match_criteria: 'email', profiles: [{}], dry_run: true });
    expect(extra).toEqual({ ok: false, errors: { dry_run: ['The dry_run field is not allowed.'] } });
    expect(checkBatchRequest([])).toEqual({ ok: false, errors: { body: ['The body must be an object.'] } });
  });
});
