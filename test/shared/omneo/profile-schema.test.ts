import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  batchRequestSchema,
  jsonFieldSchemas,
  maxBatchSize,
  profileSchema,
} from '../../../shared/omneo/profile-schema';
import { jsonFieldNames } from '../../../shared/fields/field-catalogue';
import { sharedDir } from '../../support/shared-paths';

const seedDoc = readFileSync(path.join(sharedDir, 'omneo-batch-profiles-doc.txt'), 'utf8');

/** Every top-level JSON object in the text that has a `match_criteria` key: the seed's example bodies. */
function exampleBodies(text: string): unknown[] {
  const bodies: unknown[] = [];
  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) {
        try {
          const value: unknown = JSON.parse(text.slice(start, i + 1));
          if (typeof value === 'object' && value !== null && 'match_criteria' in value) {
            bodies.push(value);
            start = i;
          }
        } catch {
          /* not JSON: keep scanning */
        }
        break;
      }
    }
  }
  return bodies;
}

const bodies = exampleBodies(seedDoc);
const [curlBody, emailExample, identityExample] = bodies as [
  { profiles: [Record<string, unknown>] },
  unknown,
  unknown,
];

/** The curl example's profile with its placeholders replaced by values Omneo's rules accept. */
const fullProfile = {
  ...curlBody.profiles[0],
  first_name: 'Ana',
  last_name: 'Example',
  title: 'Dr',
  currency: 'AUD',
  mobile_phone: '+61412345678',
  secondary_phone: '+61298765432',
  birth_day: 7,
  birth_month: 6,
  birth_year: 1985,
  avatar_url: 'https://example.com/a.png',
  custom_attributes: [
    { namespace: 'crm', handle: 'tier', type: 'string', value: 'gold' },
    { namespace: 'crm', handle: 'points', type: 'integer', value: 42 },
    { namespace: 'crm', handle: 'vip', type: 'boolean', value: true },
  ],
};

describe('profileSchema and batchRequestSchema', () => {
  it('finds the three example bodies in the seed', () => {
    expect(bodies).toHaveLength(3);
  });

  it.each([
    ['matching by email', emailExample],
    ['matching by identity handle', identityExample],
  ])("accepts the seed's example %s", (_name, body) => {
    expect(batchRequestSchema.safeParse(body).error).toBeUndefined();
  });

  it("accepts the seed's full curl example once its placeholders hold real values", () => {
    const body = { ...curlBody, match_criteria: 'email', profiles: [fullProfile] };
    expect(batchRequestSchema.safeParse(body).error).toBeUndefined();
  });

  it("has exactly the seed profile's keys", () => {
    expect(Object.keys(profileSchema.shape).sort()).toEqual(Object.keys(curlBody.profiles[0]).sort());
  });

  it.each([0, maxBatchSize + 1])('rejects %i profiles', (count) => {
    const profiles = Array.from({ length: count }, (_, i) => ({ email: `p${i}@example.com` }));
    expect(batchRequestSchema.safeParse({ match_criteria: 'email', profiles }).success).toBe(false);
  });

  it(`accepts ${maxBatchSize} profiles`, () => {
    const profiles = Array.from({ length: maxBatchSize }, (_, i) => ({ email: `p${i}@example.com` }));
    expect(batchRequestSchema.safeParse({ match_criteria: 'email', profiles }).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ['an unknown profile key', { email: 'a@example.com', nickname: 'Al' }],
    ['an unknown nested key', { identities: [{ handle: 'x', identifier: '1', extra: 1 }] }],
    ['a gender not in the enum', { gender: 'Male' }],
    ['a profile_type not in the enum', { profile_type: 'customer' }],
    ['a phone not in E.164', { mobile_phone: '0412 345 678' }],
    ['birth_day 0', { birth_day: 0 }],
    ['birth_day 32', { birth_day: 32 }],
    ['birth_month 13', { birth_month: 13 }],
    ['birth_year as text', { birth_year: '1985' }],
    ['joined_at as a bare date', { joined_at: '2023-11-07' }],
    ['a lower-case currency', { currency: 'aud' }],
    ['an invalid email', { email: 'not-an-email' }],
    ['an empty first_name', { first_name: '' }],
    [
      'an address without postcode',
      { addresses: [{ address_line_1: '1 Main St', city: 'X', country: 'AU' }] },
    ],
    [
      'a custom attribute value of the wrong type',
      { custom_attributes: [{ namespace: 'a', handle: 'b', type: 'integer', value: '4' }] },
    ],
    ['a date attribute with a d/m/y date', { dates_attributes: [{ date: '25/12/2023', handle: 'x' }] }],
    ['a non-http avatar_url', { avatar_url: 'javascript:alert(1)' }],
  ])('rejects %s', (_name, profile) => {
    expect(profileSchema.safeParse(profile).success).toBe(false);
  });

  it.each(['josé@example.com', "o'brien@example.com", 'a+tag@example.co.uk'])(
    'accepts the email %s, which the email normaliser accepts too',
    (email) => {
      expect(profileSchema.safeParse({ email }).success).toBe(true);
    },
  );

  it('rejects an unknown request key and an empty match_criteria', () => {
    const profiles = [{ email: 'a@example.com' }];
    expect(batchRequestSchema.safeParse({ match_criteria: 'email', profiles, extra: 1 }).success).toBe(false);
    expect(batchRequestSchema.safeParse({ match_criteria: '', profiles }).success).toBe(false);
  });
});

describe('jsonFieldSchemas', () => {
  it('has a schema for every :json field of the catalogue', () => {
    expect(Object.keys(jsonFieldSchemas).sort()).toEqual([...jsonFieldNames].sort());
  });

  it.each(Object.keys(jsonFieldSchemas))('accepts the seed example value of %s', (field) => {
    const value = fullProfile[field as keyof typeof fullProfile];
    expect(jsonFieldSchemas[field]?.safeParse(value).error).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['organisations', [{ id: 'x' }]],
    ['addresses', [{ city: 'Sydney' }]],
    ['comms_attributes', { sms_promo: 'yes' }],
    ['identities', { handle: 'a', identifier: 'b' }],
  ])('rejects a bad %s value', (field, value) => {
    expect(jsonFieldSchemas[field]?.safeParse(value).success).toBe(false);
  });
});
