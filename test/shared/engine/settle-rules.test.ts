import { describe, expect, it } from 'vitest';
import type { DuplicatePolicy } from '../../../shared/engine/check-options';
import type { RowEvaluation } from '../../../shared/engine/check-result';
import { sendBlocker } from '../../../shared/engine/send-blocker';
import { duplicateOfLine, settleRow, type SettleContext } from '../../../shared/engine/settle-rules';

describe('duplicateOfLine', () => {
  // A group on lines 2, 5, 9.
  const group = { first: 2, last: 9, count: 3 };
  it.each<[DuplicatePolicy, number, number | null]>([
    ['keep-first', 2, null],
    ['keep-first', 5, 2],
    ['keep-first', 9, 2],
    ['keep-last', 2, 9],
    ['keep-last', 5, 9],
    ['keep-last', 9, null],
    ['none', 2, 9],
    ['none', 5, 2],
    ['none', 9, 2],
  ])('%s: line %i defers to %s', (policy, line, expected) => {
    expect(duplicateOfLine(policy, group, line)).toBe(expected);
  });

  it.each<DuplicatePolicy>(['keep-first', 'keep-last', 'none'])('%s: a group of one is sent', (policy) => {
    expect(duplicateOfLine(policy, { first: 4, last: 4, count: 1 }, 4)).toBeNull();
  });
});

describe('settleRow', () => {
  const evaluation: RowEvaluation = {
    line: 7,
    status: 'valid',
    profile: { email: 'a@example.com', mobile_phone: '+61491570156', first_name: 'Ana' },
    matchKey: 'a@example.com',
    issues: [],
  };
  const context = (repeatedPhones: SettleContext['repeatedPhones']): SettleContext => ({
    match: 'email',
    matchColumn: { header: 'Email', letter: 'A' },
    mobilePhoneColumn: { header: 'Mobile', letter: 'C' },
    duplicates: 'keep-first',
    repeatedPhones,
  });

  it('a duplicate keeps its profile for the preview and gets one error naming the kept line', () => {
    const settled = settleRow(evaluation, { duplicateOf: 3, phoneFirstLine: null }, context('keep'));
    expect(settled).toMatchObject({ status: 'duplicate', duplicateOf: 3, profile: evaluation.profile });
    expect(settled.issues.map((i) => [i.code, i.letter, i.message])).toEqual([
      [
        'duplicate-match-key',
        'A',
        'Duplicate of line 3: same email "a@example.com"; only the first is sent.',
      ],
    ]);
  });

  it('a repeated phone is a warning, and left out of the profile when asked', () => {
    const kept = settleRow(evaluation, { duplicateOf: null, phoneFirstLine: 2 }, context('keep'));
    expect(kept.profile?.mobile_phone).toBe('+61491570156');
    expect(kept.issues.map((i) => [i.code, i.severity, i.letter])).toEqual([
      ['mobile-phone-repeated', 'warning', 'C'],
    ]);
    const left = settleRow(evaluation, { duplicateOf: null, phoneFirstLine: 2 }, context('leave-out'));
    expect(left.status).toBe('valid');
    expect(left.profile).toEqual({ email: 'a@example.com', first_name: 'Ana' });
    expect(left.issues[0]?.message).toMatch(/also on line 2; left out of this row/);
  });

  it('an invalid or blank evaluation stays as it is', () => {
    const invalid = { ...evaluation, status: 'invalid' as const, profile: null };
    expect(settleRow(invalid, { duplicateOf: 3, phoneFirstLine: 2 }, context('keep')).status).toBe('invalid');
    const blank = { ...evaluation, status: 'blank' as const, profile: null, matchKey: null };
    expect(settleRow(blank, { duplicateOf: null, phoneFirstLine: null }, context('keep')).status).toBe(
      'blank',
    );
  });
});

describe('sendBlocker: the one "nothing can be sent" rule', () => {
  const facts = {
    fileError: null,
    mappingProblems: [],
    ambiguousDateColumns: [],
    summary: { rows: 5, blank: 1, valid: 2, skipped: 0 },
  };
  const column = { index: 2, letter: 'C', header: 'born', target: 'birth_date', rows: 3, examples: [] };
  it.each([
    ['valid rows can go', facts, null],
    ['header only', { ...facts, summary: { rows: 0, blank: 0, valid: 0 } }, 'no-data-rows'],
    ['only blank rows', { ...facts, summary: { rows: 3, blank: 3, valid: 0 } }, 'no-data-rows'],
    ['ambiguous dates', { ...facts, ambiguousDateColumns: [column] }, 'ambiguous-dates'],
    [
      'every data row skipped',
      { ...facts, summary: { rows: 5, blank: 1, valid: 0, skipped: 4 } },
      'all-skipped',
    ],
    ['no valid row', { ...facts, summary: { rows: 5, blank: 1, valid: 0 } }, 'no-valid-rows'],
    [
      'a mapping problem first',
      {
        ...facts,
        mappingProblems: [
          { column: null, letter: null, header: null, target: null, code: 'x', message: 'm' },
        ],
      },
      'mapping',
    ],
  ] as const)('%s', (_name, given, kind) => {
    expect(sendBlocker(given)?.kind ?? null).toBe(kind);
  });
});
