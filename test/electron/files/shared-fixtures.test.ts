/**
 * Every public sample file in ../shared/fixtures reads without a file error and with the row
 * count its README gives.
 */
import { expect, test } from 'vitest';
import { fixturePath } from '../../support/shared-paths';
import { hasNoBadCharacters, readAll } from './read-all';

const fixtures = [
  { file: 'customers-100.csv', rows: 100, format: 'delimited', delimiter: ',' },
  { file: 'customers-1000.csv', rows: 1000, format: 'delimited', delimiter: ',' },
  { file: 'people-1000.csv', rows: 1000, format: 'delimited', delimiter: ',' },
  { file: 'people-10000.csv', rows: 10000, format: 'delimited', delimiter: ',' },
  { file: 'customers-100.xlsx', rows: 100, format: 'xlsx', delimiter: null },
  { file: 'contacts.csv', rows: 500, format: 'delimited', delimiter: ',' },
  { file: 'shopware-customers.csv', rows: 5, format: 'delimited', delimiter: ';' },
  { file: 'clientes.csv', rows: 91, format: 'delimited', delimiter: ',' },
] as const;

test.each(fixtures)('$file reads $rows rows', async ({ file, rows: count, format, delimiter }) => {
  const { info, rows } = await readAll(fixturePath(file));
  expect(info).toMatchObject({ format, delimiter, headerRow: 1 });
  expect(rows).toHaveLength(count);
  expect(rows.every((r) => r.cells.length === info.columns.length)).toBe(true);
  expect(rows[0]?.line).toBe(2);
  expect(
    hasNoBadCharacters(
      rows,
      info.columns.map((c) => c.header),
    ),
  ).toBe(true);
});

test('clientes.csv is detected as Windows-1252', async () => {
  const { info, rows } = await readAll(fixturePath('clientes.csv'));
  expect(info).toMatchObject({ encoding: 'windows-1252', encodingSource: 'detected' });
  expect(rows[0]?.cells[3]).toBe('Berlín');
});

test('customers-100.xlsx gives cached formula values, full-digit numbers and ISO dates', async () => {
  const { info, rows } = await readAll(fixturePath('customers-100.xlsx'));
  const phone = info.columns.findIndex((c) => c.header === 'Phone 1');
  const subscribed = info.columns.findIndex((c) => c.header === 'Subscription Date');
  expect(rows[0]?.cells[subscribed]).toBe('2020-08-24');
  expect(rows[1]?.cells[phone]).toBe('5153435776');
  expect(rows[2]?.cells[phone]).toBe('-1199');
  expect(rows.at(-1)?.line).toBe(101);
});
