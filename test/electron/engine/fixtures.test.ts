/**
 * The real sample spreadsheets of ../shared/fixtures through the whole engine: each reads without a
 * file error, every data row is accounted for, and the datablist files map automatically.
 */
import { describe, expect, it } from 'vitest';
import type { RowOutcome } from '../../../shared/engine/check-result';
import type { MappingOverride } from '../../../shared/engine/resolve-mapping';
import { checkFile } from '../../../electron/engine/check-file';
import { fixturePath } from '../../support/shared-paths';

async function checkFixture(
  name: string,
  overrides: MappingOverride[] = [],
  match?: string,
  onInvalidValue: 'reject' | 'drop' = 'reject',
) {
  const rows: RowOutcome[] = [];
  const report = await checkFile(
    fixturePath(name),
    {},
    { from: 'auto', overrides },
    { phoneRegion: 'US', onInvalidValue, ...(match !== undefined && { match }) },
    { onRow: (o) => rows.push(o) },
  );
  return { report, rows };
}

describe('every fixture reads with the right row count', () => {
  it.each([
    ['customers-100.csv', 100, [], undefined],
    ['customers-1000.csv', 1000, [], undefined],
    ['customers-100.xlsx', 100, [], undefined],
    ['people-1000.csv', 1000, [], undefined],
    ['people-10000.csv', 10000, [], undefined],
    ['contacts.csv', 500, [], undefined],
    ['shopware-customers.csv', 5, [], undefined],
    ['clientes.csv', 91, [{ column: 'CodigoCliente', target: 'identities.customer_code' }], 'customer_code'],
  ] as const)('%s: %i rows, each with one outcome', async (name, count, overrides, match) => {
    const { report, rows } = await checkFixture(name, [...overrides], match);
    expect(report.fileError).toBeNull();
    expect(report.mappingProblems).toEqual([]);
    expect(report.summary.rows).toBe(count);
    expect(rows).toHaveLength(count);
    const s = report.summary;
    expect(s.valid + s.invalid + s.blank + s.duplicate).toBe(count);
    expect(s.valid).toBeGreaterThan(0);
  });
});

describe('datablist files map automatically', () => {
  it.each(['customers-100.csv', 'customers-1000.csv', 'customers-100.xlsx'])('%s', async (name) => {
    const { report } = await checkFixture(name);
    const target = (header: string) => report.mapping.find((m) => m.header === header)?.target;
    expect([target('Email'), target('First Name'), target('Last Name'), target('Company')]).toEqual([
      'email',
      'first_name',
      'last_name',
      'company',
    ]);
    expect([target('Phone 1'), target('Phone 2')]).toEqual(['mobile_phone', 'secondary_phone']);
  });

  it.each([
    ['people-1000.csv', { email: 'pwarner@example.org', gender: 'male', occupation: 'Probation officer' }],
    [
      'people-10000.csv',
      { email: 'tsharp@example.net', gender: 'female', occupation: 'Editor, commissioning' },
    ],
  ])('%s', async (name, firstProfile) => {
    // Most datablist phones are random digits no one can dial (first row: 857.139.8239, exchange
    // 1xx), so the invalid phone is left out and the rest of the profile checked.
    const { report, rows } = await checkFixture(name, [], undefined, 'drop');
    const target = (header: string) => report.mapping.find((m) => m.header === header)?.target;
    expect(
      ['Email', 'First Name', 'Last Name', 'Sex', 'Phone', 'Date of birth', 'Job Title'].map(target),
    ).toEqual(['email', 'first_name', 'last_name', 'gender', 'mobile_phone', 'birth_date', 'occupation']);
    const first = rows[0]?.profile;
    expect(first).toMatchObject(firstProfile);
    expect(rows[0]?.issues.map((i) => i.column)).toContain('Phone');
    expect(first).toHaveProperty('birth_year');
  });

  it('people-10000.csv: the 64 repeated emails are duplicates of their first line', async () => {
    // Invalid phones dropped rather than refusing their rows, so every first occurrence is sent.
    const { report, rows } = await checkFixture('people-10000.csv', [], undefined, 'drop');
    expect(report.summary.duplicate).toBe(64);
    const duplicate = rows.find((r) => r.status === 'duplicate');
    const issue = duplicate?.issues.find((i) => i.code === 'duplicate-match-key');
    const firstLine = Number(/line (\d+)/.exec(issue?.message ?? '')?.[1]);
    expect(rows.find((r) => r.line === firstLine)?.matchKey).toBe(duplicate?.matchKey);
  });
});
