import { describe, expect, it } from 'vitest';
import { compareRow, fieldChanges } from '../../../shared/compare/compare-row';
import { unknownReferences, type ReferenceSets } from '../../../shared/compare/reference-rules';
import type { OmneoProfile } from '../../../shared/omneo/profile-schema';
import type { TenantProfile } from '../../../shared/omneo/profile-schemas';

const sets: ReferenceSets = {
  tags: new Set(['vip']),
  statuses: new Set(['gold']),
  locationIds: new Set(['1']),
  locationExternalIds: new Set(['SYD01']),
  locationExternalCodes: new Set(['SYD']),
  regionIds: new Set(['1']),
  regionHandles: new Set(['au']),
  currencies: new Set(['AUD']),
  countries: new Set(['AU', 'AUS']),
  identityHandles: new Set(['loyalty_id']),
};

const existing: TenantProfile = {
  id: '7',
  email: 'ann@example.com',
  mobile_phone: '+61412000001',
  updated_at: '2026-01-01T00:00:00.000Z',
  first_name: 'Ann',
  tags: ['old'],
  identities: [{ handle: 'loyalty_id', identifier: 'L-1' }],
  custom_attributes: [{ namespace: 'crm', handle: 'tier', type: 'string', value: 'bronze' }],
};

describe('fieldChanges', () => {
  it.each<[string, OmneoProfile, { field: string; old: unknown; new: unknown; replacesList: boolean }[]]>([
    ['no change, email in another case', { email: 'ANN@example.com', first_name: 'Ann' }, []],
    [
      'a scalar',
      { first_name: 'Annie' },
      [{ field: 'first_name', old: 'Ann', new: 'Annie', replacesList: false }],
    ],
    [
      'a field the profile lacks',
      { company: 'Acme' },
      [{ field: 'company', old: null, new: 'Acme', replacesList: false }],
    ],
    [
      'tags replaced (spaces become hyphens)',
      { tags: ['big spender'] },
      [{ field: 'tags', old: ['old'], new: ['big-spender'], replacesList: true }],
    ],
    ['the same tags in another order', { tags: ['old'] }, []],
    [
      'statuses replaced',
      { statuses: ['gold'] },
      [{ field: 'statuses', old: [], new: ['gold'], replacesList: true }],
    ],
    [
      'identities merge by handle',
      {
        identities: [
          { handle: 'loyalty_id', identifier: 'L-1' },
          { handle: 'shopify_id', identifier: 'S-9' },
        ],
      },
      [{ field: 'identities.shopify_id', old: null, new: 'S-9', replacesList: false }],
    ],
    [
      'custom attributes merge by namespace and handle',
      { custom_attributes: [{ namespace: 'crm', handle: 'tier', type: 'string', value: 'gold' }] },
      [{ field: 'custom_attributes.crm.tier', old: 'bronze', new: 'gold', replacesList: false }],
    ],
  ])('%s', (_label, profile, expected) => {
    expect(fieldChanges(profile, existing)).toEqual(expected);
  });
});

describe('compareRow', () => {
  const row = (profile: OmneoProfile) => ({ line: 2, matchKey: String(profile.email ?? 'L-1'), profile });

  it('updates, recording the values it will replace for undo', () => {
    const answer = compareRow(
      row({ email: 'ann@example.com', first_name: 'Annie', company: 'Acme' }),
      { existing, emailHolder: '7' },
      sets,
    );
    expect(answer.action).toBe('update');
    expect(answer.before).toEqual({
      updatedAt: '2026-01-01T00:00:00.000Z',
      fields: { email: 'ann@example.com', first_name: 'Ann', company: null },
    });
  });

  it.each<[string, OmneoProfile, Parameters<typeof compareRow>[1], string[]]>([
    ['no email to create with', { first_name: 'X' }, { existing: null }, ['email']],
    [
      'email held by another profile',
      { email: 'b@example.com' },
      { existing: null, emailHolder: '9' },
      ['email'],
    ],
    [
      'phone held by another profile',
      { email: 'ann@example.com', mobile_phone: '+61412000009' },
      { existing, phoneHolder: '9' },
      ['mobile_phone'],
    ],
    [
      'identity held by another profile',
      { email: 'ann@example.com', identities: [{ handle: 'loyalty_id', identifier: 'L-2' }] },
      { existing, identityHolders: { 'loyalty_id:L-2': '9' } },
      ['identities.loyalty_id'],
    ],
    [
      'a status the tenant lacks',
      { email: 'n@example.com', statuses: ['platinum'] },
      { existing: null },
      ['statuses'],
    ],
  ])('conflict: %s', (_label, profile, facts, fields) => {
    const answer = compareRow(row(profile), facts, sets);
    expect(answer.action).toBe('conflict');
    expect(answer.conflicts.map((c) => c.field)).toEqual(fields);
    expect(answer.before).toBeNull();
  });

  it('a value held by the matched profile itself is no conflict', () => {
    const answer = compareRow(
      row({ email: 'ann@example.com', mobile_phone: '+61412000001' }),
      { existing, phoneHolder: '7' },
      sets,
    );
    expect(answer.action).toBe('update');
  });
});

describe('unknownReferences', () => {
  it('flags each kind with its severity from the one table', () => {
    const found = unknownReferences(
      {
        email: 'x@example.com',
        tags: ['vip', 'new one'],
        statuses: ['gold', 'platinum'],
        currency: 'EUR',
        joined_location_external_id: 'PER01',
        preferred_location_external_code: 'SYD',
        region: 'nz',
        addresses: [{ address_line_1: '1 A St', city: 'Perth', postcode: '6000', country: 'NZ' }],
        identities: [{ handle: 'member_no', identifier: '1' }],
      },
      sets,
    );
    expect(found.map((f) => [f.field, f.value, f.severity])).toEqual([
      ['tags', 'new-one', 'warning'],
      ['statuses', 'platinum', 'error'],
      ['joined_location_external_id', 'PER01', 'error'],
      ['region', 'nz', 'error'],
      ['currency', 'EUR', 'error'],
      ['addresses.0.country', 'NZ', 'warning'],
      ['identities', 'member_no', 'warning'],
    ]);
  });
});
