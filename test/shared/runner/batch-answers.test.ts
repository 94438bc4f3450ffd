import { describe, expect, it } from 'vitest';
import { outcomesOfItems, rowsRejectedBy, type SentRow } from '../../../shared/runner/batch-answers';

const sent: SentRow[] = [10, 11, 12, 13, 14].map((line) => ({ line, matchKey: `u${line}@example.com` }));

describe('rowsRejectedBy (422 paths → input lines)', () => {
  it.each([
    [
      { 'profiles.3.email': ['The email must be a valid email address.'] },
      [[13, 'email: The email must be a valid email address.']],
      [],
    ],
    [
      {
        'profiles.0.email': ['bad'],
        'profiles.0.mobile_phone': ['The phone number exists'],
        'profiles.4': ['broken'],
      },
      [
        [10, 'email: bad; mobile_phone: The phone number exists'],
        [14, 'broken'],
      ],
      [],
    ],
    [
      { match_criteria: ['The match criteria field is required.'] },
      [],
      ['match_criteria: The match criteria field is required.'],
    ],
    [{ 'profiles.9.email': ['bad'] }, [], ['profiles.9.email: bad']],
  ])('%j', (errors, rows, batchErrors) => {
    const rejected = rowsRejectedBy(errors, sent);
    expect([...rejected.rows.entries()]).toEqual(rows);
    expect(rejected.batchErrors).toEqual(batchErrors);
  });
});

describe('outcomesOfItems', () => {
  it('pairs items with rows in request order', () => {
    const items = [
      { status: 'created', entity_id: 101 },
      { status: 'updated', entity_id: 'p-7' },
      { status: 'failed', error: 'The phone number exists' },
      { status: 'FAILED', error: ['a', 'b'] },
      { status: 'skipped' },
    ];
    expect(outcomesOfItems(items, sent)).toEqual([
      { line: 10, outcome: 'created', error: null, profileId: '101' },
      { line: 11, outcome: 'updated', error: null, profileId: 'p-7' },
      { line: 12, outcome: 'failed', error: 'The phone number exists' },
      { line: 13, outcome: 'failed', error: 'a; b' },
      { line: 14, outcome: 'failed', error: 'Omneo reported the item as skipped.' },
    ]);
  });

  it('matches by external_id when counts differ, and names rows with no item', () => {
    const items = [
      { status: 'updated', external_id: 'U12@example.com' },
      { status: 'created', external_id: 'u10@example.com' },
    ];
    const outcomes = outcomesOfItems(items, sent);
    expect(outcomes.map((o) => o.outcome)).toEqual(['created', 'failed', 'updated', 'failed', 'failed']);
    expect(outcomes[1]?.error).toBe('Omneo reported no outcome for this row.');
  });
});
