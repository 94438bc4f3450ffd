import { describe, expect, it } from 'vitest';
import { bestOption, fieldLabel, fieldOptionGroups } from '../../renderer/mapping/field-options';
import { canVisit, initialWizardState, mappedIdentityHandles } from '../../renderer/app/wizard-state';
import { defaultCheckOptions } from '../../shared/engine/check-options';

describe('fieldOptionGroups', () => {
  it('groups the whole catalogue in Omneo order with templates offered as "New …"', () => {
    const groups = fieldOptionGroups('');
    expect(groups.slice(0, 5).map((g) => g.label)).toEqual([
      'Core',
      'Contact',
      'Birth date',
      'Address',
      'Identities',
    ]);
    const identities = groups.find((g) => g.group === 'identities');
    expect(identities?.options.find((o) => o.creates === 'identity')?.label).toBe('New identity…');
    expect(groups.flatMap((g) => g.options).some((o) => o.path === 'email')).toBe(true);
  });

  it.each([
    { search: 'mobile', path: 'mobile_phone' },
    { search: 'BIRTH date', path: 'birth_date' },
    { search: 'postcode', path: 'addresses.postcode' },
  ])('finds $path when searching "$search"', ({ search, path }) => {
    const found = fieldOptionGroups(search).flatMap((g) => g.options.map((o) => o.path));
    expect(found).toContain(path);
  });

  it('answers no group for a search nothing matches', () => {
    expect(fieldOptionGroups('zzzz-no-such-field')).toEqual([]);
  });

  it('lists created identity handles and custom attributes in their groups, once each', () => {
    const groups = fieldOptionGroups('', [
      'identities.loyalty_id',
      'identities.loyalty_id',
      'custom_attributes.crm.tier:integer',
    ]);
    const identities = groups
      .find((g) => g.group === 'identities')
      ?.options.filter((o) => o.path === 'identities.loyalty_id');
    expect(identities).toHaveLength(1);
    expect(identities?.[0]?.label).toBe('loyalty_id');
    expect(groups.find((g) => g.group === 'custom_attributes')?.options.map((o) => o.path)).toContain(
      'custom_attributes.crm.tier:integer',
    );
  });

  it('labels catalogue paths with their group and other paths as they are', () => {
    expect(fieldLabel('email')).toBe('Email (Contact)');
    expect(fieldLabel('identities.shopify_id')).toBe('identities.shopify_id');
  });
});

describe('wizard state', () => {
  it('lets the user go only as far as what has been chosen', () => {
    const start = initialWizardState(defaultCheckOptions);
    expect(canVisit(start, 'connection')).toBe(true);
    expect(canVisit(start, 'file')).toBe(false);
    const chosen = { ...start, connection: { kind: 'preview-only' as const } };
    expect(canVisit(chosen, 'file')).toBe(true);
    expect(canVisit(chosen, 'mapping')).toBe(false);
    expect(canVisit(chosen, 'import')).toBe(false);
  });

  it('offers each mapped identity handle once as match criteria', () => {
    expect(
      mappedIdentityHandles([
        { column: 0, target: 'email' },
        { column: 1, target: 'identities.loyalty_id' },
        { column: 2, target: 'identities.loyalty_id' },
        { column: 3, target: 'identities.shopify-id' },
      ]),
    ).toEqual(['loyalty_id', 'shopify-id']);
    expect(mappedIdentityHandles(null)).toEqual([]);
  });
});

describe('bestOption (what Enter picks)', () => {
  it.each<[string, string | null]>([
    ['customer', null],
    ['email', 'email'],
    ['company', 'company'],
    ['phone', 'mobile_phone'],
    ['surname', 'last_name'],
    ['city', 'addresses.city'],
    ['post', 'addresses.postcode'],
    ['joined', 'joined_at'],
    ['new identity', 'identities.<handle>'],
  ])('%j → %s', (search, path) => {
    expect(bestOption(fieldOptionGroups(search), search)?.path ?? null).toBe(path);
  });
});
