import { describe, expect, it } from 'vitest';
import { countImport, formatReconciliation, reconcile } from '../../../shared/runner/reconcile';
import type { RowOutcome } from '../../../shared/runner/run-events';
import { neutraliseCsvCell } from '../../../shared/report/csv-safety';

const outcomes = (spec: Partial<Record<RowOutcome, number>>) =>
  Object.entries(spec).flatMap(([outcome, n]) =>
    Array.from({ length: n }, () => ({ outcome: outcome as RowOutcome })),
  );

describe('reconciliation', () => {
  it('counts runner outcomes on top of check counts, and balances', () => {
    const counts = countImport(
      { rows: 20, blank: 2, invalid: 1, duplicate: 3 },
      outcomes({ created: 8, updated: 2, failed: 1, invalid: 2, 'not-sent': 1 }),
    );
    expect(counts).toMatchObject({ invalid: 3, created: 8, updated: 2, failed: 1, notSent: 1 });
    expect(reconcile(counts)).toEqual({ total: 20, difference: 0 });
    expect(formatReconciliation(counts)).toBe(
      '20 rows = 2 blank + 3 invalid + 3 duplicate + 8 created + 2 updated + 1 failed + 1 not sent ✓',
    );
  });

  it('says when rows are unaccounted for', () => {
    const counts = countImport({ rows: 5, blank: 0, invalid: 0, duplicate: 0 }, outcomes({ created: 4 }));
    expect(reconcile(counts).difference).toBe(1);
    expect(formatReconciliation(counts)).toContain('✗ (1 unaccounted)');
  });
});

describe('neutraliseCsvCell', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+61412345678', "'+61412345678"],
    ['-1199', "'-1199"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['ana@example.com', 'ana@example.com'],
    ['', ''],
    ["'quoted", "'quoted"],
    // spreadsheets skip leading whitespace before a formula (OWASP CSV injection)
    [' =1+1', "' =1+1"],
    ['   @SUM(1)', "'   @SUM(1)"],
    ['\u00a0+1', "'\u00a0+1"],
    ['\n=1+1', "'\n=1+1"],
    [' plain text', ' plain text'],
    ['a =1', 'a =1'],
  ])('%j → %j', (cell, safe) => {
    expect(neutraliseCsvCell(cell)).toBe(safe);
  });
});
