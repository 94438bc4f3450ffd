import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../../shared/mapping/column-mapping';
import { setColumnTarget } from '../../../shared/mapping/column-mapping';
import { validateMapping } from '../../../shared/mapping/validate-mapping';
import { columnLetter } from '../../../shared/source/source-table';

/** A mapping of one column per target (null = unmapped), headers H0, H1, … */
const mappingOf = (targets: readonly (string | null)[]): ColumnMapping[] =>
  targets.map((target, column) => ({
    column,
    letter: columnLetter(column),
    header: `H${column}`,
    target,
    confidence: target === null ? 0 : 1,
    source: target === null ? 'none' : 'user',
    reason: null,
  }));

const address = ['addresses.address_line_1', 'addresses.city', 'addresses.postcode', 'addresses.country'];

describe('validateMapping', () => {
  it.each<[string, (string | null)[], string]>([
    ['email only', ['email'], 'email'],
    ['email with names and unmapped columns', ['email', 'first_name', null, 'last_name'], 'email'],
    ['an identity handle', ['identities.loyalty_id', 'email'], 'loyalty_id'],
    ['an identity handle given in identities:json', ['identities:json'], 'shopify_id'],
    ['a full first address', ['email', ...address, 'addresses.state'], 'email'],
    [
      'two full addresses',
      ['email', ...address, ...address.map((p) => p.replace('addresses', 'addresses[2]'))],
      'email',
    ],
    [
      'custom attributes of different handles',
      ['email', 'custom_attributes.crm.a', 'custom_attributes.crm.b:integer'],
      'email',
    ],
    ['birth_date alone', ['email', 'birth_date'], 'email'],
  ])('accepts %s', (_name, targets, match) => {
    expect(validateMapping(mappingOf(targets), match)).toEqual([]);
  });

  it.each<[string, (string | null)[], string, string[], string]>([
    [
      'an unknown field path',
      ['email', 'emial'],
      'email',
      ['unknown-target'],
      "column B 'H1': unknown field 'emial' — did you mean 'email'?",
    ],
    [
      'a target mapped twice',
      ['email', 'mobile_phone', 'mobile_phone'],
      'email',
      ['target-mapped-twice'],
      "column C 'H2' and column B 'H1' both map to mobile_phone",
    ],
    [
      'the first address twice by two spellings',
      ['email', ...address, 'addresses[1].city'],
      'email',
      ['target-mapped-twice'],
      'both map to addresses[1].city',
    ],
    [
      'one custom attribute with two types',
      ['email', 'custom_attributes.crm.tier', 'custom_attributes.crm.tier:integer'],
      'email',
      ['target-mapped-twice'],
      'a field takes one column',
    ],
    [
      'email match without email',
      ['first_name'],
      'email',
      ['match-key-unmapped'],
      'matching by email needs a column mapped to email',
    ],
    [
      'an identity match without the identity',
      ['email', 'identities.other'],
      'loyalty_id',
      ['match-key-unmapped'],
      'needs a column mapped to identities.loyalty_id',
    ],
    ['an empty match criteria', ['email'], ' ', ['match-criteria-missing'], 'match criteria is empty'],
    [
      'a match criteria that is not a handle',
      ['email'],
      'Loyalty ID',
      ['bad-match-criteria'],
      "'Loyalty ID' is neither email nor an identity handle",
    ],
    [
      'city and country without line 1 and postcode',
      ['email', 'addresses.city', 'addresses.country'],
      'email',
      ['address-incomplete'],
      'addresses needs addresses.address_line_1, addresses.postcode mapped too',
    ],
    [
      'an incomplete second address',
      ['email', ...address, 'addresses[2].city'],
      'email',
      ['address-incomplete'],
      'addresses[2] needs addresses[2].address_line_1',
    ],
    [
      'birth_date with birth_year',
      ['email', 'birth_date', 'birth_year'],
      'email',
      ['birth-date-overlap'],
      "column C 'H2' maps birth_year, which column B 'H1' (birth_date) already fills",
    ],
    [
      'tags:json with tags',
      ['email', 'tags:json', 'tags'],
      'email',
      ['json-overlap'],
      'gives all of tags as JSON',
    ],
    [
      'identities:json with an identity',
      ['email', 'identities.x', 'identities:json'],
      'email',
      ['json-overlap'],
      'identities',
    ],
    [
      'several faults at once',
      ['emial', 'addresses.city'],
      'email',
      ['unknown-target', 'match-key-unmapped', 'address-incomplete'],
      'did you mean',
    ],
  ])('refuses %s', (_name, targets, match, codes, message) => {
    const problems = validateMapping(mappingOf(targets), match);
    expect(problems.map((p) => p.code)).toEqual(codes);
    expect(problems.map((p) => p.message).join('\n')).toContain(message);
  });

  it('names the column of a column problem and nothing for a whole-mapping problem', () => {
    const [twice, match] = validateMapping(mappingOf(['mobile_phone', 'mobile_phone']), 'email');
    expect(twice).toMatchObject({ column: 1, letter: 'B', header: 'H1', target: 'mobile_phone' });
    expect(match).toMatchObject({ column: null, letter: null, header: null, target: 'email' });
  });

  it('setColumnTarget maps and unmaps by hand', () => {
    const mapping = setColumnTarget(setColumnTarget(mappingOf([null, 'email']), 0, 'first_name'), 1, null);
    expect(mapping.map((m) => [m.target, m.source])).toEqual([
      ['first_name', 'user'],
      [null, 'none'],
    ]);
  });
});
