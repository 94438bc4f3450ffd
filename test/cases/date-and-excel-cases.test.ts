/**
 * The Excel, date and large-file cases of ../shared/cases, end to end, with the time-zone
 * invariant checked under UTC and Pacific/Auckland.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, planBatches } from '../../electron/engine/check-file';
import { casePath } from '../support/shared-paths';
import { checkCase, inTimeZone, type CaseResult } from './check-case';

const zones = ['UTC', 'Pacific/Auckland'];
const birthdays = (result: CaseResult) =>
  result.rows.map((r) =>
    r.profile === null
      ? r.status
      : `${r.profile.birth_day}/${r.profile.birth_month}/${r.profile.birth_year ?? ''}`,
  );

describe('14-xlsx-date-serials.xlsx', () => {
  it.each(zones)(
    'splits date serials into birth_day/month/year and rejects the phantom 29 Feb 1900 (TZ=%s)',
    async (zone) => {
      const result = await inTimeZone(zone, () => checkCase('14-xlsx-date-serials.xlsx'));
      expect(result.report.mapping.find((m) => m.header === 'birthday')?.target).toBe('birth_date');
      expect(birthdays(result)).toEqual(['7/6/1985', '1/1/1900', 'invalid', '2/2/1919', '29/2/2000']);
      expect(result.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
      const error = result.report.issues.find((i) => i.severity === 'error');
      expect(error).toMatchObject({ line: 4, column: 'birthday', target: 'birth_date' });
      expect(error?.message).toContain('1900-02-29 does not exist');
    },
  );
});

describe('16-dates-dmy-with-proof.csv', () => {
  it.each(zones)('reads the whole column day-first because 15/04/1991 proves it (TZ=%s)', async (zone) => {
    const result = await inTimeZone(zone, () => checkCase('16-dates-dmy-with-proof.csv'));
    expect(birthdays(result)).toEqual(['3/4/1991', '15/4/1991', '12/1/1988']);
    expect(result.report.dateOrders).toEqual([
      expect.objectContaining({ header: 'birthday', order: 'dmy', source: 'detected' }),
    ]);
  });
});

describe('17-dates-all-ambiguous.csv', () => {
  it.each(zones)('flags the column and sends nothing until an order is chosen (TZ=%s)', async (zone) => {
    const result = await inTimeZone(zone, () => checkCase('17-dates-all-ambiguous.csv'));
    expect(result.report.ambiguousDateColumns).toEqual([
      expect.objectContaining({ letter: 'C', header: 'birthday', target: 'birth_date', rows: 3 }),
    ]);
    expect(result.report.summary).toMatchObject({ valid: 0, invalid: 3, batches: 0 });
    expect(result.report.issues.map((i) => [i.line, i.code])).toEqual([
      [2, 'date-order-ambiguous'],
      [3, 'date-order-ambiguous'],
      [4, 'date-order-ambiguous'],
    ]);
  });

  it.each([
    ['dmy', ['1/2/1990', '3/4/1985', '12/11/1979']],
    ['mdy', ['2/1/1990', '4/3/1985', '11/12/1979']],
  ] as const)('with --date-order %s reads every row that way', async (dateOrder, expected) => {
    for (const zone of zones) {
      const result = await inTimeZone(zone, () => checkCase('17-dates-all-ambiguous.csv', { dateOrder }));
      expect(birthdays(result)).toEqual(expected);
      expect(result.report.ambiguousDateColumns).toEqual([]);
    }
  });
});

describe('29-xlsx-hidden-and-multi-sheet.xlsx', () => {
  it('lists the sheets with Lists hidden and reads the active sheet Customers', async () => {
    const { report, sent } = await checkCase('29-xlsx-hidden-and-multi-sheet.xlsx');
    expect(report.file?.sheets).toContainEqual({ name: 'Lists', hidden: true, rows: 3 });
    expect(report.file?.sheet).toBe('Customers');
    expect(sent).toHaveLength(2);
    expect(sent.map((p) => p.email)).toEqual(['ana.example@example.com', 'bruno.sample@example.com']);
  });
});

describe('36-million-rows-seed.csv', () => {
  it('the seed gives one profile per row in one batch', async () => {
    const { report, sent } = await checkCase('36-million-rows-seed.csv', { phoneRegion: 'GB' });
    expect(report.summary).toMatchObject({ rows: 3, valid: 3, batches: 1 });
    expect(sent[0]).toEqual({
      email: 'user0000001@example.com',
      first_name: 'User',
      last_name: 'R0000001',
      mobile_phone: '+447700900001',
      birth_day: 1,
      birth_month: 1,
      birth_year: 1990,
    });
  });

  it('a generated 12,345-row file plans exact batches of 500, first and last in file order', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omneo-gen-'));
    const file = path.join(dir, 'rows.csv');
    writeFileSync(
      file,
      execFileSync('python3', [casePath('gen-million-rows.py'), '12345'], { maxBuffer: 1 << 26 }),
    );
    const report = await checkFile(file, {}, 'auto', { phoneRegion: 'GB' });
    expect(report.summary).toMatchObject({ rows: 12345, valid: 12345, batches: 25 });
    const batches = [];
    for await (const batch of planBatches(file, {}, 'auto', { phoneRegion: 'GB' })) batches.push(batch);
    expect(batches.map((b) => b.index)).toEqual([...Array(25).keys()]);
    expect(batches.map((b) => b.rows.length)).toEqual([...Array<number>(24).fill(500), 345]);
    expect(batches[0]?.rows[0]).toMatchObject({ line: 2, matchKey: 'user0000001@example.com' });
    expect(batches.at(-1)?.rows.at(-1)).toMatchObject({ line: 12346, matchKey: 'user0012345@example.com' });
  });
});
