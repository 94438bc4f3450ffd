import { describe, expect, it } from 'vitest';
import type { IssueGroup } from '../../../shared/engine/check-result';
import type { Issue } from '../../../shared/engine/issue';
import { checkBlocker, issueHint, type HintContext } from '../../../electron/workspace/issue-hints';

function group(code: string, count: number, message = 'x'): IssueGroup {
  const example: Issue = {
    severity: 'error',
    line: 2,
    column: 'phone',
    letter: 'C',
    target: 'mobile_phone',
    code,
    message,
  };
  return { code, severity: 'error', count, example };
}

describe('issueHint', () => {
  const cases: [string, number, HintContext, string][] = [
    ['phone-invalid', 1, {}, '1 phone is not a valid number — fix or clear it'],
    ['phone-invalid', 1214, {}, '1,214 phones are not valid numbers — fix or clear them'],
    [
      'phone-invalid',
      3,
      { phoneRegion: 'GB' },
      '3 phones are not valid numbers (read with default region GB) — fix or clear them',
    ],
    ['phone-no-region', 2, {}, '2 phones have no country — set a default phone region in Options'],
    [
      'phone-excel-error',
      2,
      {},
      '2 phones are an Excel error such as #NAME? (the number is lost) — export the phone column as text from the source',
    ],
    [
      'phone-excel-formula',
      1,
      {},
      '1 phone was turned into a formula by Excel — export the phone column as text and import again',
    ],
    [
      'birth-date-implausible',
      3,
      {},
      '3 birth dates are in the future or before 1900 — correct or clear them, or leave invalid values out in Options',
    ],
    [
      'phone-no-region',
      1,
      { phoneRegion: 'AU' },
      '1 phone is not a valid AU number and has no country code — fix it or add + and the country code',
    ],
    [
      'mobile-phone-repeated',
      199_000,
      {},
      '199,000 rows repeat an earlier row\'s mobile phone — Omneo keeps mobile_phone unique and will refuse them (or choose "Leave out repeated mobile phones" in Options)',
    ],
    [
      'mobile-phone-repeated',
      1,
      { repeatedPhones: 'leave-out' },
      "1 row repeats an earlier row's mobile phone — sent without it",
    ],
    ['header-repeated', 1, {}, '1 column shares a header — map it by column letter'],
  ];
  it.each(cases)('%s × %d %j', (code, count, context, expected) => {
    expect(issueHint(group(code, count), context)).toBe(expected);
  });

  it('falls back to the example message with one full stop', () => {
    expect(issueHint(group('unknown-code', 1_500, 'Custom attribute crm.tier does not exist..'))).toBe(
      '1,500 × Custom attribute crm.tier does not exist.',
    );
  });
});

describe('checkBlocker', () => {
  const summary = {
    rows: 0,
    valid: 0,
    invalid: 0,
    blank: 0,
    duplicate: 0,
    skipped: 0,
    unchecked: 0,
    warnings: 0,
    warningRows: 0,
    batches: 0,
    leftOut: 0,
    leftOutRows: 0,
    refused: 0,
  };
  it('says a header-only file has no data rows instead of pointing at problems that are not there', () => {
    expect(checkBlocker(summary, [])).toBe(
      'The file has no data rows (only a header): there is nothing to send.',
    );
  });
  it('points at the problems when rows are invalid', () => {
    expect(checkBlocker({ ...summary, rows: 3, invalid: 3 }, [])).toMatch(/fix the problems listed/);
  });
});
