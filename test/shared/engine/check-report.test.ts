import { describe, expect, it } from 'vitest';
import { describeMixedDates, mixedDateEvidence, type CheckReport } from '../../../shared/engine/check-report';
import type { Issue } from '../../../shared/engine/issue';

const issue = (line: number, letter: string, code: string): Issue => ({
  severity: 'error',
  line,
  column: 'birthday',
  letter,
  target: 'birth_date',
  code,
  message: '…',
});

const reportWith = (issues: Issue[]) => ({ issues }) as unknown as CheckReport;

describe('mixedDateEvidence', () => {
  it('names up to three lines of each order for the column', () => {
    const report = reportWith([
      issue(2, 'B', 'date-day-first-in-mixed-column'),
      issue(3, 'B', 'date-month-first-in-mixed-column'),
      issue(4, 'B', 'date-order-conflict'),
      issue(5, 'C', 'date-month-first-in-mixed-column'),
      ...[6, 7, 8, 9].map((line) => issue(line, 'B', 'date-day-first-in-mixed-column')),
    ]);
    const evidence = mixedDateEvidence(report, 'B');
    expect(evidence).toEqual({ dayFirst: [2, 6, 7], monthFirst: [3] });
    expect(describeMixedDates(evidence!)).toBe('day-first only on lines 2, 6, 7; month-first only on line 3');
  });

  it('is null for a column without evidence of both orders', () => {
    expect(mixedDateEvidence(reportWith([issue(2, 'B', 'date-day-first-in-mixed-column')]), 'B')).toBeNull();
    expect(mixedDateEvidence(reportWith([issue(2, 'B', 'date-order-ambiguous')]), 'B')).toBeNull();
  });
});
