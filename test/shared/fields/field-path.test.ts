import { describe, expect, it } from 'vitest';
import { fieldCatalogue, isTemplatePath, topLevelFieldKind } from '../../../shared/fields/field-catalogue';
import { formatFieldTarget, parseFieldPath, targetKey } from '../../../shared/fields/field-path';
import type { FieldTarget } from '../../../shared/fields/field-target';

const concretePaths = fieldCatalogue.map((f) => f.path).filter((p) => !isTemplatePath(p));

describe('parseFieldPath / formatFieldTarget', () => {
  it.each(concretePaths)('catalogue path %s parses and formats back unchanged', (path) => {
    const parsed = parseFieldPath(path);
    expect(parsed).toMatchObject({ ok: true });
    if (!parsed.ok) return;
    expect(formatFieldTarget(parsed.target)).toBe(path);
  });

  it.each<[string, FieldTarget, string]>([
    ['email', { kind: 'field', field: 'email' }, 'email'],
    ['  mobile_phone ', { kind: 'field', field: 'mobile_phone' }, 'mobile_phone'],
    ['birth_date', { kind: 'birth_date' }, 'birth_date'],
    ['tags', { kind: 'list', field: 'tags' }, 'tags'],
    ['statuses', { kind: 'list', field: 'statuses' }, 'statuses'],
    ['identities.loyalty_id', { kind: 'identity', handle: 'loyalty_id' }, 'identities.loyalty_id'],
    ['identities.shopify-id', { kind: 'identity', handle: 'shopify-id' }, 'identities.shopify-id'],
    [
      'custom_attributes.crm.tier',
      { kind: 'custom_attribute', namespace: 'crm', handle: 'tier', type: 'string' },
      'custom_attributes.crm.tier',
    ],
    [
      'custom_attributes.crm.tier:string',
      { kind: 'custom_attribute', namespace: 'crm', handle: 'tier', type: 'string' },
      'custom_attributes.crm.tier',
    ],
    [
      'custom_attributes.crm.points:integer',
      { kind: 'custom_attribute', namespace: 'crm', handle: 'points', type: 'integer' },
      'custom_attributes.crm.points:integer',
    ],
    [
      'dates_attributes.anniversary',
      { kind: 'date_attribute', handle: 'anniversary' },
      'dates_attributes.anniversary',
    ],
    ['addresses.city', { kind: 'address', index: 0, part: 'city' }, 'addresses.city'],
    ['addresses[1].city', { kind: 'address', index: 0, part: 'city' }, 'addresses.city'],
    ['addresses[2].postcode', { kind: 'address', index: 1, part: 'postcode' }, 'addresses[2].postcode'],
    ['comms_attributes.email_promo', { kind: 'comms', flag: 'email_promo' }, 'comms_attributes.email_promo'],
    ['organisations:json', { kind: 'json', field: 'organisations' }, 'organisations:json'],
    ['custom_attributes:json', { kind: 'json', field: 'custom_attributes' }, 'custom_attributes:json'],
  ])('%s → target, canonical %s', (path, target, canonical) => {
    expect(parseFieldPath(path)).toEqual({ ok: true, target });
    expect(formatFieldTarget(target)).toBe(canonical);
    expect(parseFieldPath(canonical)).toEqual({ ok: true, target });
  });

  it.each<[string, string]>([
    ['', 'empty field path'],
    ['emial', "unknown field 'emial' — did you mean 'email'?"],
    ['frist_name', "did you mean 'first_name'?"],
    ['notes', "unknown field 'notes'"],
    ['Email', "did you mean 'email'?"],
    ['identities.', "'identities.' has no identity handle"],
    ['identities.Loyalty ID', 'may use only lower-case letters, digits, _ and -'],
    ['custom_attributes.crm', 'custom_attributes.<namespace>.<handle>'],
    ['custom_attributes.crm.tier:decimal', "unknown custom attribute type 'decimal'"],
    ['addresses[0].city', 'starts at 1'],
    ['addresses.town', "unknown address part 'town'"],
    ['addresses.cty', "did you mean 'city'?"],
    ['comms_attributes.sms', "unknown comms flag 'sms'"],
    ['email:integer', 'only custom attributes take a type'],
    ['email:json', "'email' cannot be given as JSON"],
    ['organisations', "map it as 'organisations:json'"],
  ])('%j is refused: %s', (path, message) => {
    const parsed = parseFieldPath(path);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain(message);
  });
});

describe('targetKey', () => {
  it.each<[string, string, boolean]>([
    ['addresses.city', 'addresses[1].city', true],
    ['addresses.city', 'addresses[2].city', false],
    ['custom_attributes.crm.tier', 'custom_attributes.crm.tier:integer', true],
    ['identities.a', 'identities.b', false],
    ['email', 'email', true],
    ['tags', 'tags:json', false],
  ])('%s and %s: same target %s', (a, b, same) => {
    const pa = parseFieldPath(a);
    const pb = parseFieldPath(b);
    if (!pa.ok || !pb.ok) throw new Error('test paths must parse');
    expect(targetKey(pa.target) === targetKey(pb.target)).toBe(same);
  });
});

describe('fieldCatalogue', () => {
  it('covers every key of the seed profile object', () => {
    const covered = new Set(
      concretePaths.map((p) => p.replace(/:json$/, '').replace(/[.[].*$/, '')).concat(['birth_day']),
    );
    const seedKeys = [
      'first_name',
      'last_name',
      'email',
      'title',
      'gender',
      'currency',
      'profile_type',
      'joined_at',
      'mobile_phone',
      'secondary_phone',
      'birth_day',
      'birth_month',
      'birth_year',
      'company',
      'occupation',
      'avatar_url',
      'joined_location_id',
      'joined_location_external_id',
      'joined_location_external_code',
      'preferred_location_id',
      'preferred_location_external_id',
      'preferred_location_external_code',
      'tags',
      'identities',
      'custom_attributes',
      'dates_attributes',
      'statuses',
      'addresses',
      'comms_attributes',
      'region_id',
      'region',
      'region_country',
      'region_state',
      'regions',
      'organisations',
      'attributes',
    ];
    expect(seedKeys.filter((k) => !covered.has(k))).toEqual([]);
  });

  it('has unique paths, and a description and rule for each', () => {
    expect(new Set(fieldCatalogue.map((f) => f.path)).size).toBe(fieldCatalogue.length);
    for (const f of fieldCatalogue) {
      expect(f.description, f.path).not.toBe('');
      expect(f.rule, f.path).not.toBe('');
    }
  });

  it.each([
    ['email', 'email'],
    ['mobile_phone', 'phone'],
    ['secondary_phone', 'phone'],
    ['gender', 'gender'],
    ['profile_type', 'profile_type'],
    ['currency', 'currency'],
    ['joined_at', 'datetime'],
    ['joined_location_id', 'integer'],
    ['avatar_url', 'url'],
    ['birth_day', 'day'],
    ['birth_month', 'month'],
    ['birth_year', 'year'],
    ['first_name', 'text'],
    ['tags', undefined],
    ['birth_date', undefined],
    ['addresses.city', undefined],
  ])('topLevelFieldKind(%s) is %s', (field, kind) => {
    expect(topLevelFieldKind(field)).toBe(kind);
  });
});
