import { describe, expect, it } from 'vitest';
import { CheckAccumulator } from '../../../shared/engine/check-accumulator';
import type { RowEvaluation } from '../../../shared/engine/check-result';
import type { Issue } from '../../../shared/engine/issue';

function valid(line: number, email: string, extra: Record<string, unknown> = {}): RowEvaluation {
  return { line, status: 'valid', profile: { email, ...extra }, matchKey: email, issues: [] };
}

const badEmail: Issue = {
  severity: 'error',
  line: 3,
  column: 'email',
  letter: 'A',
  target: 'email',
  code: 'email-invalid',
  message: 'not an email',
};

describe('CheckAccumulator', () => {
  it('keeps the first of a repeated match key and marks later ones duplicate, naming the first line', () => {
    const acc = new CheckAccumulator({
      batchSize: 500,
      match: 'email',
      matchColumn: { header: 'Email', letter: 'B' },
    });
    const outcomes = [valid(2, 'a@x.io'), valid(3, 'b@x.io'), valid(4, 'a@x.io')].map((e) => acc.add(e));
    expect(outcomes.map((o) => o.status)).toEqual(['valid', 'valid', 'duplicate']);
    expect(outcomes[2]?.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 4,
        column: 'Email',
        letter: 'B',
        code: 'duplicate-match-key',
        message: expect.stringContaining('line 2'),
      }),
    ]);
    expect(acc.summary).toEqual({
      rows: 3,
      valid: 2,
      invalid: 0,
      blank: 0,
      duplicate: 1,
      unchecked: 0,
      warnings: 0,
      batches: 1,
      leftOut: 0,
      leftOutRows: 0,
      refused: 0,
    });
  });

  it('warns on a mobile_phone already used by an earlier valid row, and still sends the row', () => {
    const acc = new CheckAccumulator({ batchSize: 500, match: 'email' });
    acc.add(valid(2, 'a@x.io', { mobile_phone: '+61491570156' }));
    const second = acc.add(valid(3, 'b@x.io', { mobile_phone: '+61491570156' }));
    expect(second.status).toBe('valid');
    expect(second.issues[0]).toMatchObject({ severity: 'warning', code: 'mobile-phone-repeated', line: 3 });
    expect(second.issues[0]?.message).toContain('line 2');
    expect(acc.summary.warnings).toBe(1);
  });

  it.each([
    { batchSize: 1, rows: 3, batches: [0, 1, 2], count: 3 },
    { batchSize: 2, rows: 5, batches: [0, 0, 1, 1, 2], count: 3 },
    { batchSize: 500, rows: 501, batches: [...Array<number>(500).fill(0), 1], count: 2 },
  ])('assigns valid rows to batches of $batchSize in file order', ({ batchSize, rows, batches, count }) => {
    const acc = new CheckAccumulator({ batchSize, match: 'email' });
    const assigned = Array.from({ length: rows }, (_, i) => acc.add(valid(i + 2, `u${i}@x.io`)).batch);
    expect(assigned).toEqual(batches);
    expect(acc.summary.batches).toBe(count);
  });

  it('gives invalid, blank and duplicate rows no batch and counts each status once', () => {
    const acc = new CheckAccumulator({ batchSize: 2, match: 'email' });
    const outcomes = [
      valid(2, 'a@x.io'),
      { line: 3, status: 'invalid', profile: null, matchKey: null, issues: [badEmail] } as const,
      { line: 4, status: 'blank', profile: null, matchKey: null, issues: [] } as const,
      valid(5, 'a@x.io'),
      valid(6, 'c@x.io'),
      valid(7, 'd@x.io'),
    ].map((e) => acc.add(e));
    expect(outcomes.map((o) => [o.status, o.batch])).toEqual([
      ['valid', 0],
      ['invalid', null],
      ['blank', null],
      ['duplicate', null],
      ['valid', 0],
      ['valid', 1],
    ]);
    const s = acc.summary;
    expect(s).toMatchObject({ rows: 6, valid: 3, invalid: 1, blank: 1, duplicate: 1, batches: 2 });
    expect(s.rows).toBe(s.valid + s.invalid + s.blank + s.duplicate);
  });

  it('groups issues by code, most frequent first, and caps the issues kept', () => {
    const acc = new CheckAccumulator({ batchSize: 500, match: 'email', maxIssues: 2 });
    for (let line = 2; line < 6; line += 1) {
      acc.add({ line, status: 'invalid', profile: null, matchKey: null, issues: [{ ...badEmail, line }] });
    }
    acc.add(valid(6, 'a@x.io'));
    acc.add(valid(7, 'a@x.io'));
    expect(acc.issues).toHaveLength(2);
    expect(acc.issuesTruncated).toBe(true);
    expect(acc.issueGroups().map((g) => [g.code, g.count])).toEqual([
      ['email-invalid', 4],
      ['duplicate-match-key', 1],
    ]);
    expect(acc.issueGroups()[0]?.example.line).toBe(2);
  });
});
