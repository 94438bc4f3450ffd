import { describe, expect, it } from 'vitest';
import { checkOptionsSchema, type CheckOptionsInput } from '../../../shared/engine/check-options';
import { compileMapping, type CheckPlan } from '../../../shared/engine/compile-mapping';
import { evaluateRow, type ColumnDateStates } from '../../../shared/engine/evaluate-row';
import type { ColumnMapping } from '../../../shared/mapping/column-mapping';
import { profileSchema } from '../../../shared/omneo/profile-schema';
import { columnLetter, type ColumnInfo } from '../../../shared/source/source-table';

/** A plan from `[header, target]` pairs, as if the user had mapped each column by hand. */
function planFor(
  columns: readonly (readonly [string, string | null])[],
  options: CheckOptionsInput = {},
): CheckPlan {
  const infos: ColumnInfo[] = columns.map(([header], index) => ({
    index,
    letter: columnLetter(index),
    header,
  }));
  const mapping: ColumnMapping[] = columns.map(([header, target], index) => ({
    column: index,
    letter: columnLetter(index),
    header,
    target,
    confidence: 1,
    source: 'user',
    reason: null,
  }));
  const compiled = compileMapping(mapping, infos, checkOptionsSchema.parse(options));
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('; '));
  return compiled.plan;
}

const noDates: ColumnDateStates = [];
const evaluate = (plan: CheckPlan, cells: string[], dates = noDates) =>
  evaluateRow({ line: 7, cells }, plan, dates);

describe('evaluateRow: each target kind builds the profile as sent', () => {
  it.each([
    ['first_name', ' Ana ', { first_name: 'Ana' }],
    ['mobile_phone', '0491 570 156', { mobile_phone: '+61491570156' }],
    ['gender', 'F', { gender: 'female' }],
    ['gender', 'prefer not to say', { gender: 'withheld' }],
    ['currency', 'aud', { currency: 'AUD' }],
    ['profile_type', 'Active', { profile_type: 'active' }],
    ['joined_at', '2023-11-07', { joined_at: '2023-11-07T00:00:00Z' }],
    ['birth_date', '1990-05-01', { birth_day: 1, birth_month: 5, birth_year: 1990 }],
    ['birth_date', '7 Jun', { birth_day: 7, birth_month: 6 }],
    ['birth_year', '1985', { birth_year: 1985 }],
    ['tags', 'vip; vip | newsletter', { tags: ['vip', 'newsletter'] }],
    ['statuses', 'gold', { statuses: ['gold'] }],
    [
      'identities.loyalty_id',
      '000042',
      { identities: [{ handle: 'loyalty_id', identifier: '000042', is_active: true }] },
    ],
    [
      'custom_attributes.crm.tier:integer',
      '3',
      { custom_attributes: [{ namespace: 'crm', handle: 'tier', type: 'integer', value: 3 }] },
    ],
    [
      'custom_attributes.crm.vip:boolean',
      'yes',
      { custom_attributes: [{ namespace: 'crm', handle: 'vip', type: 'boolean', value: true }] },
    ],
    [
      'custom_attributes.crm.notes',
      'hi',
      { custom_attributes: [{ namespace: 'crm', handle: 'notes', type: 'string', value: 'hi' }] },
    ],
    [
      'custom_attributes.crm.colours:array',
      'red, blue',
      { custom_attributes: [{ namespace: 'crm', handle: 'colours', type: 'array', value: ['red', 'blue'] }] },
    ],
    [
      'dates_attributes.anniversary',
      '2020-02-29',
      { dates_attributes: [{ date: '2020-02-29', handle: 'anniversary' }] },
    ],
    ['comms_attributes.email_promo', 'Y', { comms_attributes: { email_promo: true } }],
    [
      'comms_attributes.sms_consent_updated_at',
      '2024-01-02T03:04:05+10:00',
      { comms_attributes: { sms_consent_updated_at: '2024-01-01T17:04:05Z' } },
    ],
    ['organisations:json', '[{"id": 4}]', { organisations: [{ id: 4 }] }],
  ] as const)('%s ← %j', (target, cell, expected) => {
    const plan = planFor(
      [
        ['email', 'email'],
        ['value', target],
      ],
      { phoneRegion: 'AU', dateOrder: 'dmy' },
    );
    const result = evaluate(plan, ['a@example.com', cell]);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.status).toBe('valid');
    expect(result.profile).toEqual({ email: 'a@example.com', ...expected });
    expect(profileSchema.safeParse(result.profile).success).toBe(true);
  });

  it('groups address parts by index and fills iso from the country name', () => {
    const plan = planFor([
      ['email', 'email'],
      ['street', 'addresses.address_line_1'],
      ['town', 'addresses.city'],
      ['zip', 'addresses.postcode'],
      ['country', 'addresses.country'],
      ['street 2', 'addresses[2].address_line_1'],
      ['town 2', 'addresses[2].city'],
      ['zip 2', 'addresses[2].postcode'],
      ['country 2', 'addresses[2].country'],
    ]);
    const result = evaluate(plan, [
      'a@example.com',
      '1 Main St',
      'Sydney',
      '2000',
      'Australia',
      '2 High St',
      'Leeds',
      'LS1',
      'GB',
    ]);
    expect(result.profile?.addresses).toEqual([
      { address_line_1: '1 Main St', city: 'Sydney', postcode: '2000', country: 'Australia', iso: 'AU' },
      { address_line_1: '2 High St', city: 'Leeds', postcode: 'LS1', country: 'GB', iso: 'GB' },
    ]);
  });

  it('an address missing a required part is a row error, or left out with a warning under drop', () => {
    const columns = [
      ['email', 'email'],
      ['street', 'addresses.address_line_1'],
      ['town', 'addresses.city'],
      ['zip', 'addresses.postcode'],
      ['country', 'addresses.country'],
    ] as const;
    const cells = ['a@example.com', '1 Main St', 'Sydney', '', 'AU'];
    const rejected = evaluate(planFor(columns), cells);
    expect(rejected.status).toBe('invalid');
    expect(rejected.issues[0]).toMatchObject({
      code: 'address-incomplete',
      message: expect.stringContaining('postcode'),
    });
    const dropped = evaluate(planFor(columns, { onInvalidValue: 'drop' }), cells);
    expect(dropped.status).toBe('valid');
    expect(dropped.profile).toEqual({ email: 'a@example.com' });
  });
});

describe('evaluateRow: problems', () => {
  const plan = planFor(
    [
      ['Email', 'email'],
      ['Mobile', 'mobile_phone'],
      ['Sex', 'gender'],
    ],
    { phoneRegion: 'AU' },
  );

  it('names line, column, target and the reason for a bad value', () => {
    const result = evaluate(plan, ['a@example.com', '12', 'F']);
    expect(result.status).toBe('invalid');
    expect(result.profile).toBeNull();
    expect(result.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 7,
        column: 'Mobile',
        letter: 'B',
        target: 'mobile_phone',
      }),
    ]);
    expect(result.issues[0]?.message).toMatch(/^Line 7, column B 'Mobile' \(mobile_phone\): /);
  });

  it('with drop, leaves a bad optional value out with a warning, never the match key', () => {
    const drop = planFor(
      [
        ['Email', 'email'],
        ['Mobile', 'mobile_phone'],
      ],
      { phoneRegion: 'AU', onInvalidValue: 'drop' },
    );
    const dropped = evaluate(drop, ['a@example.com', '12']);
    expect(dropped.status).toBe('valid');
    expect(dropped.profile).toEqual({ email: 'a@example.com' });
    expect(dropped.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'value-dropped' })]);
    const badKey = evaluate(drop, ['not-an-email', '0491570156']);
    expect(badKey.status).toBe('invalid');
    expect(badKey.issues.map((i) => i.code)).toEqual(['email-invalid']);
  });

  it.each([
    [['', '0491570156', 'F'], 'match-key-missing'],
    [['a@example.com', '0491570156', 'F', 'extra'], 'ragged-row'],
  ])('%j → %s', (cells, code) => {
    const result = evaluate(plan, cells);
    expect(result.status).toBe('invalid');
    expect(result.issues.map((i) => i.code)).toEqual([code]);
  });

  it.each([[['', '', '']], [['  ', '\u00a0', '']], [['']], [['', '', '', '', '']]])(
    '%j is blank',
    (cells) => {
      expect(evaluate(plan, cells)).toEqual({
        line: 7,
        status: 'blank',
        profile: null,
        matchKey: null,
        issues: [],
      });
    },
  );

  it('an identity match key comes from identities:json too', () => {
    const json = planFor([['ids', 'identities:json']], { match: 'loyalty_id' });
    const result = evaluate(json, ['[{"handle":"loyalty_id","identifier":"77"}]']);
    expect(result).toMatchObject({ status: 'valid', matchKey: '77' });
    const missing = evaluate(json, ['[{"handle":"other","identifier":"77"}]']);
    expect(missing.issues.map((i) => i.code)).toEqual(['match-key-missing']);
  });

  it('a JSON cell that does not fit its field is a row error naming where', () => {
    const json = planFor([
      ['email', 'email'],
      ['orgs', 'organisations:json'],
    ]);
    const result = evaluate(json, ['a@example.com', '[{"id": "x"}]']);
    expect(result.issues[0]).toMatchObject({
      code: 'json-schema',
      message: expect.stringContaining('organisations at 0.id'),
    });
  });

  it('an order-dependent date in an ambiguous column is held back; an ISO one in it is sent', () => {
    const dates = planFor([
      ['email', 'email'],
      ['dob', 'birth_date'],
    ]);
    const states: ColumnDateStates = [undefined, { order: null, unresolved: 'ambiguous' }];
    expect(evaluate(dates, ['a@example.com', '03/04/1991'], states).issues.map((i) => i.code)).toEqual([
      'date-order-ambiguous',
    ]);
    expect(evaluate(dates, ['a@example.com', '1991-04-03'], states).profile).toMatchObject({
      birth_month: 4,
    });
  });
});

describe('evaluateRow: matching on an identity without an email', () => {
  const plan = planFor(
    [
      ['email', 'email'],
      ['first_name', 'first_name'],
      ['loyalty_id', 'identities.loyalty_id'],
    ],
    { match: 'loyalty_id' },
  );

  it('warns email-missing-create (Omneo needs an email to create) and still sends the row', () => {
    const result = evaluate(plan, ['', 'B', '1002']);
    expect(result.status).toBe('valid');
    expect(result.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'email-missing-create',
        message:
          'Line 7: no email: Omneo can update an existing profile matched by loyalty_id, but cannot create one without an email',
      }),
    ]);
  });

  it('says nothing when the row has an email, or when matching on email', () => {
    expect(evaluate(plan, ['a@example.com', 'A', '1001']).issues).toEqual([]);
    const byEmail = planFor([
      ['email', 'email'],
      ['first_name', 'first_name'],
    ]);
    expect(evaluate(byEmail, ['', 'A']).issues.map((i) => i.code)).toEqual(['match-key-missing']);
  });
});

describe('evaluateRow: identifiers in scientific notation', () => {
  it.each([
    ['identities.loyalty_id', '1.23457E+24', 'invalid', 'identifier-scientific-notation'],
    ['identities.loyalty_id', '1E+24', 'invalid', 'identifier-scientific-notation'],
    ['joined_location_external_id', '4.47701E+11', 'invalid', 'identifier-scientific-notation'],
    ['custom_attributes.crm.member_no', '1.23457E+24', 'valid', 'scientific-notation'],
  ])('%s %j → %s (%s)', (target, cell, status, code) => {
    const plan = planFor([
      ['email', 'email'],
      ['id', target],
    ]);
    const result = evaluate(plan, ['a@example.com', cell]);
    expect(result.status).toBe(status);
    expect(result.issues).toEqual([
      expect.objectContaining({
        severity: status === 'valid' ? 'warning' : 'error',
        code,
        message: expect.stringMatching(/scientific notation.*re-export the column as text/),
      }),
    ]);
  });

  it.each(['1234567890123456789012345', '0000000000000000000000001', '12E5', 'AB1E+5'])(
    'keeps %j as the identifier',
    (cell) => {
      const plan = planFor([
        ['email', 'email'],
        ['id', 'identities.loyalty_id'],
      ]);
      expect(evaluate(plan, ['a@example.com', cell]).profile).toMatchObject({
        identities: [{ handle: 'loyalty_id', identifier: cell }],
      });
    },
  );
});

describe('evaluateRow: a date column that mixes day-first and month-first dates', () => {
  const plan = planFor([
    ['email', 'email'],
    ['birthday', 'birth_date'],
  ]);
  const conflict: ColumnDateStates = [undefined, { order: null, unresolved: 'conflict' }];
  const ambiguous: ColumnDateStates = [undefined, { order: null, unresolved: 'ambiguous' }];

  it.each([
    [
      '31/12/1999',
      'date-day-first-in-mixed-column',
      /'31\/12\/1999' can only be day-first, but the column also has dates that can only be month-first/,
    ],
    ['12/31/1999', 'date-month-first-in-mixed-column', /'12\/31\/1999' can only be month-first/],
    ['01/02/2000', 'date-order-conflict', /could be day\/month or month\/day, and the column mixes/],
  ])('%s → %s, explaining the conflict and how to resolve it', (cell, code, message) => {
    const result = evaluate(plan, ['a@example.com', cell], conflict);
    expect(result.status).toBe('invalid');
    expect(result.issues).toEqual([
      expect.objectContaining({ code, message: expect.stringMatching(message) }),
    ]);
    expect(result.issues[0]?.message).toMatch(/--date-order dmy or mdy/);
  });

  it('an ISO date in the mixed column is fine; an ambiguous-only column keeps its own code', () => {
    expect(evaluate(plan, ['a@example.com', '1999-12-31'], conflict).status).toBe('valid');
    expect(evaluate(plan, ['a@example.com', '01/02/2000'], ambiguous).issues[0]?.code).toBe(
      'date-order-ambiguous',
    );
  });

  it('once an order is chosen, dates that fit it are sent and the others are errors', () => {
    const dmy: ColumnDateStates = [undefined, { order: 'dmy', unresolved: null }];
    expect(evaluate(plan, ['a@example.com', '31/12/1999'], dmy).profile).toMatchObject({
      birth_day: 31,
      birth_month: 12,
    });
    expect(evaluate(plan, ['a@example.com', '12/31/1999'], dmy).status).toBe('invalid');
  });
});

describe('evaluateRow: limits on a cell', () => {
  it('a :json cell nested thousands of levels deep is a row error, and the row is never serialised', () => {
    const plan = planFor([
      ['email', 'email'],
      ['blob', 'custom_attributes.x.blob:json'],
    ]);
    const deep = '['.repeat(5_000) + ']'.repeat(5_000);
    const result = evaluate(plan, ['a@example.com', deep]);
    expect(result.status).toBe('invalid');
    expect(result.issues.map((i) => i.code)).toEqual(['json-too-deep']);
    expect(result.issues[0]?.message).toMatch(/^Line 7, column B 'blob'/);
    expect(() => JSON.stringify(result)).not.toThrow();
  });

  it('a mapped cell longer than a cell may hold is a row error naming the limit', () => {
    const plan = planFor([
      ['email', 'email'],
      ['notes', 'custom_attributes.crm.notes'],
      ['other', null],
    ]);
    const long = 'x'.repeat(40_000);
    const result = evaluate(plan, ['a@example.com', long, long]);
    expect(result.status).toBe('invalid');
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: 'cell-too-long', letter: 'B' });
    expect(result.issues[0]?.message).toContain('32,767');
  });

  it("a reader's note on a mapped cell is reported while the cell keeps the text it was read with", () => {
    const plan = planFor([
      ['email', 'email'],
      ['loyalty', 'identities.loyalty_id'],
    ]);
    const note = {
      column: 1,
      text: '123456789012345000',
      severity: 'error',
      code: 'excel-digits-lost',
      message: 'digits lost',
    } as const;
    const noted = evaluateRow({ line: 3, cells: ['a@example.com', note.text], notes: [note] }, plan, noDates);
    expect(noted.status).toBe('invalid');
    expect(noted.issues.map((i) => i.code)).toEqual(['excel-digits-lost']);
    const edited = evaluateRow(
      { line: 3, cells: ['a@example.com', '123456789012345678'], notes: [note] },
      plan,
      noDates,
    );
    expect(edited.status).toBe('valid');
  });
});
