/**
 * Value maps, each row's phone region from its country column, and implausible birth dates, as
 * the one engine applies them (the CLI and the app both check rows with it).
 */
import { describe, expect, it } from 'vitest';
import { checkOptionsSchema, type CheckOptionsInput } from '../../../shared/engine/check-options';
import { compileMapping, type CheckPlan } from '../../../shared/engine/compile-mapping';
import { evaluateRow } from '../../../shared/engine/evaluate-row';
import { sentNotes, sentValues } from '../../../shared/engine/sent-values';
import type { ColumnMapping } from '../../../shared/mapping/column-mapping';
import { applySavedMapping, readSavedMapping, toSavedMapping } from '../../../shared/mapping/mapping-file';
import { allowedValuesOf, compileValueMap, valueKey, type ValueMap } from '../../../shared/mapping/value-map';
import { parseFieldPath } from '../../../shared/fields/field-path';
import { columnLetter, type ColumnInfo } from '../../../shared/source/source-table';
import { checkBirthDate } from '../../../shared/normalise/birth-date';

type Spec = readonly [header: string, target: string | null, values?: ValueMap];

function mappingOf(columns: readonly Spec[]): { infos: ColumnInfo[]; mapping: ColumnMapping[] } {
  const infos = columns.map(([header], index) => ({ index, letter: columnLetter(index), header }));
  const mapping = columns.map(([header, target, values], index): ColumnMapping => ({
    column: index,
    letter: columnLetter(index),
    header,
    target,
    confidence: 1,
    source: 'user',
    reason: null,
    ...(values && { values }),
  }));
  return { infos, mapping };
}

function planFor(columns: readonly Spec[], options: CheckOptionsInput = {}): CheckPlan {
  const { infos, mapping } = mappingOf(columns);
  const compiled = compileMapping(mapping, infos, checkOptionsSchema.parse(options));
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('; '));
  return compiled.plan;
}

const evaluate = (plan: CheckPlan, cells: string[]) => evaluateRow({ line: 4, cells }, plan, []);
const target = (path: string) => {
  const parsed = parseFieldPath(path);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.target;
};

describe('value maps', () => {
  const plan = planFor([
    ['Email', 'email'],
    ['Sex', 'gender', { M: 'male', Man: 'male', 'Unknown ': null }],
    ['Tier', 'statuses', { 'Gold Member': 'gold', Lapsed: null }],
    ['Opt in', 'comms_attributes.email_promo', { Subscribed: 'true', Unsubscribed: 'false' }],
  ]);

  it.each([
    [['a@x.io', 'man', 'GOLD member', 'Subscribed'], { gender: 'male', statuses: ['gold'] }, true],
    [
      ['a@x.io', 'F', 'Gold-Member; vip | Lapsed', 'unsubscribed'],
      { gender: 'female', statuses: ['gold', 'vip'] },
      false,
    ],
  ] as const)('%j is sent as mapped; unmapped values go through the normaliser', (cells, fields, promo) => {
    const row = evaluate(plan, [...cells]);
    expect(row.status).toBe('valid');
    expect(row.profile).toMatchObject({ ...fields, comms_attributes: { email_promo: promo } });
  });

  it('a value mapped to nothing is left out like an empty cell; a list left empty is left out', () => {
    const row = evaluate(plan, ['a@x.io', 'unknown', 'Lapsed', '']);
    expect(row.status).toBe('valid');
    expect(row.profile).toEqual({ email: 'a@x.io' });
    expect(row.issues).toEqual([]);
  });

  it('a value the map does not name is still refused by the field, naming line and column', () => {
    const row = evaluate(plan, ['a@x.io', 'Dunno', '', '']);
    expect(row.status).toBe('invalid');
    expect(row.issues[0]?.message).toMatch(/^Line 4, column B 'Sex' \(gender\): 'Dunno' is not a gender/);
  });

  it('the review shows the mapped value as sent', () => {
    expect(sentValues(['a@x.io', 'M', 'Gold Member', 'Subscribed'], plan, [])).toEqual([
      'a@x.io',
      'male',
      '["gold"]',
      'true',
    ]);
  });

  it.each([
    [['Name', 'first_name', { Bob: 'Robert' }], 'value-map-not-allowed', /first_name has no list of values/],
    [
      ['Sex', 'gender', { M: 'mail' }],
      'value-not-allowed',
      /'M' is mapped to 'mail', which gender does not take: 'mail' is not a gender/,
    ],
    [['Tier', 'statuses', { Gold: 'gold, vip' }], 'value-not-allowed', /holds , ; or \|/],
    [['Opt', 'comms_attributes.sms_promo', { Yes: 'maybe' }], 'value-not-allowed', /not yes or no/],
  ] as const)('a mapping whose value map cannot be sent is refused up front: %j', (column, code, message) => {
    const { infos, mapping } = mappingOf([['Email', 'email'], column]);
    const compiled = compileMapping(mapping, infos, checkOptionsSchema.parse({}));
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.problems).toEqual([
      expect.objectContaining({ code, message: expect.stringMatching(message) }),
    ]);
  });

  it('looks values up whatever their case, spacing, _ or - and final full stop', () => {
    expect(valueKey(' Gold_Member. ')).toBe(valueKey('gold-member'));
    const map = compileValueMap({ 'Y.': 'true' }, target('comms_attributes.sms_promo'));
    expect(map?.('y')).toBe('true');
    expect(map?.('n')).toBe('n');
  });

  it('says which fields take a value map and what values they take', () => {
    expect(allowedValuesOf(target('gender'))).toMatchObject({
      open: false,
      values: ['male', 'female', 'other', 'withheld'],
    });
    expect(allowedValuesOf(target('profile_type'))?.values).toContain('active');
    expect(allowedValuesOf(target('statuses'))).toMatchObject({ open: true, noun: 'a status handle' });
    expect(allowedValuesOf(target('custom_attributes.crm.vip:boolean'))?.values).toEqual(['true', 'false']);
    expect(allowedValuesOf(target('first_name'))).toBeNull();
    expect(allowedValuesOf(target('birth_date'))).toBeNull();
  });
});

describe('value maps in the saved-mapping file (the CLI --mapping)', () => {
  it('round-trips with the column, by header or by letter for a repeated header', () => {
    const { infos, mapping } = mappingOf([
      ['Email', 'email'],
      ['Tier', 'statuses', { 'Gold Member': 'gold', Lapsed: null }],
      ['Tier', null],
    ]);
    const saved = toSavedMapping(mapping, infos, { match: 'email' });
    expect(saved.values).toEqual({ 'col:B': { 'Gold Member': 'gold', Lapsed: null } });
    const read = readSavedMapping(JSON.stringify(saved));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const applied = applySavedMapping(read.saved, infos);
    expect(applied.problems).toEqual([]);
    expect(applied.mapping[1]?.values).toEqual({ 'Gold Member': 'gold', Lapsed: null });
  });

  it('names values for a column the file does not map, and refuses a malformed values key', () => {
    const infos: ColumnInfo[] = [{ index: 0, letter: 'A', header: 'Email' }];
    const applied = applySavedMapping(
      { version: 1, columns: { Email: 'email' }, values: { Sex: { M: 'male' } } },
      infos,
    );
    expect(applied.problems).toEqual([expect.objectContaining({ code: 'value-map-unmapped' })]);
    const bad = readSavedMapping('{"version":1,"columns":{"Sex":"gender"},"values":{"Sex":{"M":5}}}');
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining('values.Sex.M') });
  });
});

describe('phone region per row from a country column', () => {
  const plan = planFor(
    [
      ['Email', 'email'],
      ['Mobile', 'mobile_phone'],
      ['Street', 'addresses.address_line_1'],
      ['City', 'addresses.city'],
      ['Postcode', 'addresses.postcode'],
      ['Country', 'addresses.country'],
    ],
    { phoneRegion: 'US' },
  );
  const row = (phone: string, country: string) => ['a@x.io', phone, '1 Main St', 'Town', '2000', country];

  it.each([
    ['0491 570 156', 'Australia', '+61491570156'],
    ['07700 900153', 'United Kingdom', '+447700900153'],
    ['07700 900153', 'GB', '+447700900153'],
    ['(415) 555-2671', 'USA', '+14155552671'],
  ])('%s with country %s → %s', (phone, country, expected) => {
    const result = evaluate(plan, row(phone, country));
    expect(result.issues).toEqual([]);
    expect(result.profile?.mobile_phone).toBe(expected);
  });

  it('falls back to the default region when the country is empty or not a country', () => {
    const atlantis = evaluate(plan, row('(415) 555-2671', 'Atlantis'));
    expect(atlantis.profile?.mobile_phone).toBe('+14155552671');
    const regionPlan = planFor(
      [
        ['Email', 'email'],
        ['Mobile', 'mobile_phone'],
        ['Country', 'region_country'],
      ],
      { phoneRegion: 'US' },
    );
    expect(evaluate(regionPlan, ['a@x.io', '(415) 555-2671', '']).profile?.mobile_phone).toBe('+14155552671');
    expect(evaluate(regionPlan, ['a@x.io', '0491 570 156', 'AU']).profile?.mobile_phone).toBe('+61491570156');
  });

  it("a phone the row's region refuses says which region read it, from which column", () => {
    const result = evaluate(plan, row('(415) 555-2671', 'Australia'));
    expect(result.status).toBe('invalid');
    expect(result.issues[0]?.message).toMatch(
      /^Line 4, column B 'Mobile' \(mobile_phone\): .*region AU.* \(read as AU from column F 'Country'\)$/,
    );
  });

  it('the review says which region decided each phone', () => {
    expect(sentNotes(row('0491 570 156', 'Australia'), plan)).toEqual([
      null,
      "read as AU from column F 'Country'",
      null,
      null,
      null,
      null,
    ]);
    expect(sentValues(row('0491 570 156', 'Australia'), plan, [])[1]).toBe('+61491570156');
    expect(sentNotes(row('0491 570 156', 'Atlantis'), plan)).toBeUndefined();
  });
});

describe('implausible birth dates are errors (birth-date.ts)', () => {
  const plan = planFor([
    ['Email', 'email'],
    ['DOB', 'birth_date'],
  ]);
  it.each([
    ['1850-03-04', /birth date 1850-03-04 is before 1900/],
    ['01/01/1800', /before 1900/],
    ['2999-01-01', /birth date 2999-01-01 is in the future/],
  ])('%s is an error naming line and column', (text, message) => {
    const row = evaluate(plan, ['a@x.io', text]);
    expect(row.status).toBe('invalid');
    expect(row.issues).toEqual([
      expect.objectContaining({ code: 'birth-date-implausible', message: expect.stringMatching(message) }),
    ]);
    expect(row.issues[0]?.message).toMatch(/^Line 4, column B 'DOB' \(birth_date\): /);
  });

  it('is left out with a warning under "leave out invalid values"', () => {
    const drop = planFor(
      [
        ['Email', 'email'],
        ['DOB', 'birth_date'],
      ],
      { onInvalidValue: 'drop' },
    );
    const row = evaluate(drop, ['a@x.io', '2999-01-01']);
    expect(row.status).toBe('valid');
    expect(row.profile).toEqual({ email: 'a@x.io' });
    expect(row.issues[0]).toMatchObject({ severity: 'warning', code: 'value-dropped' });
  });

  it('holds birth_year to the same rule; a year-less birthday and 1900-01-01 pass', () => {
    const years = planFor([
      ['Email', 'email'],
      ['Year', 'birth_year'],
    ]);
    expect(evaluate(years, ['a@x.io', '1899']).issues[0]?.code).toBe('birth-date-implausible');
    expect(evaluate(years, ['a@x.io', '1990']).status).toBe('valid');
    expect(evaluate(plan, ['a@x.io', '7 Jun']).status).toBe('valid');
    expect(evaluate(plan, ['a@x.io', '1900-01-01']).status).toBe('valid');
  });

  it.each([
    [{ year: 2026, month: 12, day: 3 }, true],
    [{ year: 2026, month: 12, day: 4 }, false],
    [{ year: 2027, month: 1, day: 1 }, false],
    [{ year: 1900, month: 1, day: 1 }, true],
    [{ year: 1899, month: 12, day: 31 }, false],
  ])('against 2026-12-03, %j plausible: %s', (parts, ok) => {
    expect(checkBirthDate(parts, { year: 2026, month: 12, day: 3 }).ok).toBe(ok);
  });
});
