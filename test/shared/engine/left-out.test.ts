import { describe, expect, it } from 'vitest';
import { CheckAccumulator } from '../../../shared/engine/check-accumulator';
import type { RowEvaluation } from '../../../shared/engine/check-result';
import type { Issue } from '../../../shared/engine/issue';
import {
  describeLeftOut,
  describeLeftOutValue,
  isKnownRefusal,
  leftOutOf,
  SentRowTally,
} from '../../../shared/engine/left-out';
import { checkedRowOf } from '../../../shared/report/report-rows';

const issue = (code: string, severity: Issue['severity'], target: string | null): Issue => ({
  severity,
  line: 2,
  column: target === null ? null : 'Col',
  letter: target === null ? null : 'B',
  target,
  code,
  message: code,
});

describe('leftOutOf', () => {
  it.each<[string, Issue[], 'keep' | 'leave-out', string[]]>([
    [
      'an invalid value left out',
      [issue('value-dropped', 'warning', 'birth_date')],
      'keep',
      ['birth_date (invalid)'],
    ],
    [
      'an incomplete address left out',
      [issue('address-incomplete', 'warning', 'addresses[2]')],
      'keep',
      ['addresses[2] (incomplete)'],
    ],
    [
      'an incomplete address as an error is not left out: the row is not sent',
      [issue('address-incomplete', 'error', null)],
      'keep',
      [],
    ],
    [
      'a repeated phone kept is not left out',
      [issue('mobile-phone-repeated', 'warning', 'mobile_phone')],
      'keep',
      [],
    ],
    [
      'a repeated phone left out',
      [issue('mobile-phone-repeated', 'warning', 'mobile_phone')],
      'leave-out',
      ['mobile_phone (repeated from an earlier row)'],
    ],
    ['other warnings leave nothing out', [issue('whitespace-trimmed', 'warning', 'email')], 'leave-out', []],
  ])('%s', (_name, issues, policy, expected) => {
    expect(leftOutOf(issues, policy).map(describeLeftOutValue)).toEqual(expected);
  });

  it('a repeated phone kept is a known refusal; left out, it is not', () => {
    const repeated = [issue('mobile-phone-repeated', 'warning', 'mobile_phone')];
    expect(isKnownRefusal(repeated, 'keep')).toBe(true);
    expect(isKnownRefusal(repeated, 'leave-out')).toBe(false);
    expect(isKnownRefusal([issue('value-dropped', 'warning', 'gender')], 'keep')).toBe(false);
  });
});

describe('SentRowTally', () => {
  it('counts values and rows in and back out', () => {
    const tally = new SentRowTally('leave-out');
    const row = [
      issue('value-dropped', 'warning', 'gender'),
      issue('mobile-phone-repeated', 'warning', 'mobile_phone'),
    ];
    tally.count(row);
    tally.count([issue('value-dropped', 'warning', 'birth_date')]);
    expect(tally.leftOut).toEqual({
      values: 3,
      rows: 2,
      byReason: { invalid: 2, 'incomplete-address': 0, 'repeated-mobile-phone': 1 },
    });
    tally.count(row, -1);
    expect(tally.leftOut.values).toBe(1);
    expect(tally.leftOut.rows).toBe(1);
    expect(tally.refused).toBe(0);
  });

  it('describes the counts in one sentence, or says nothing when nothing was left out', () => {
    expect(describeLeftOut({ values: 0, rows: 0 })).toBeNull();
    expect(
      describeLeftOut({
        values: 12,
        rows: 10,
        byReason: { invalid: 9, 'incomplete-address': 0, 'repeated-mobile-phone': 3 },
      }),
    ).toBe('12 values left out of 10 rows: 9 invalid values, 3 repeated mobile phones');
    expect(describeLeftOut({ values: 1, rows: 1 })).toBe('1 value left out of 1 row');
  });
});

describe('the accumulator counts what valid rows go without', () => {
  const row = (line: number, email: string, phone: string, issues: Issue[] = []): RowEvaluation => ({
    line,
    status: 'valid',
    profile: { email, mobile_phone: phone },
    matchKey: email,
    issues,
  });

  it('repeated phones left out are counted as left out and named on the row for results.csv', () => {
    const acc = new CheckAccumulator({ batchSize: 500, match: 'email', repeatedPhones: 'leave-out' });
    acc.add(row(2, 'a@example.com', '+61491570156'));
    const second = acc.add(
      row(3, 'b@example.com', '+61491570156', [issue('value-dropped', 'warning', 'gender')]),
    );
    expect(second.profile?.mobile_phone).toBeUndefined();
    expect(checkedRowOf(second).leftOut).toEqual([
      'gender (invalid)',
      'mobile_phone (repeated from an earlier row)',
    ]);
    expect(acc.summary).toMatchObject({ valid: 2, leftOut: 2, leftOutRows: 1, refused: 0 });
  });

  it('repeated phones kept are counted as rows Omneo will refuse, and a duplicate counts for nothing', () => {
    const acc = new CheckAccumulator({ batchSize: 500, match: 'email' });
    acc.add(row(2, 'a@example.com', '+61491570156'));
    acc.add(row(3, 'b@example.com', '+61491570156'));
    acc.add(row(4, 'b@example.com', '+61491570157', [issue('value-dropped', 'warning', 'gender')]));
    expect(acc.summary).toMatchObject({ valid: 2, duplicate: 1, leftOut: 0, leftOutRows: 0, refused: 1 });
  });
});
