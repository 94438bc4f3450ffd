// The File step: the first rows shown raw with the header row picked by clicking it, a row count
// per sheet of a workbook, the file control naming the open file, and a long read cancelled (the
// host stops reading a 1 GB file and the step is back to choosing one).
import * as XLSX from '@e965/xlsx';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './support/app-fixture';
import { openFile, useSandbox } from './support/wizard-driver';

let dir = '';
test.beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-e2e-file-'));
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the header row is picked by clicking it among the first rows, shown as they are', async ({ app }) => {
  const { page } = app;
  const file = path.join(dir, 'export.csv');
  await writeFile(
    file,
    'Customer export 3 Dec 2026\n\nemail,first_name\nann@example.com,Ann\nbo@example.com,Bo\n',
  );
  await useSandbox(page);
  await openFile(page, file);
  // The file control names the open file and offers another; never "No file chosen".
  await expect(page.getByText('Open now: export.csv')).toBeVisible();
  await expect(page.getByText('Choose another file…')).toBeVisible();
  await expect(page.getByText('No file chosen')).toHaveCount(0);

  const rows = page.getByRole('table', { name: 'First rows of the file' });
  await expect(rows.getByRole('row')).toHaveCount(5);
  await expect(rows.getByRole('row').first()).toContainText('Line 1: header');
  await expect(rows.getByRole('row').nth(2)).toContainText('email');
  await expect(page.getByRole('spinbutton', { name: 'Header row' })).toHaveCount(0);

  await rows.getByRole('button', { name: 'Use line 3 as the header row' }).click();
  await expect(page.getByLabel('Detected file')).toContainText('Line 3');
  await expect(rows.getByRole('row').nth(2)).toContainText('Line 3: header');
  // The rows above the header are still shown, so a wrong pick can be undone with one click.
  await expect(rows.getByRole('button', { name: 'Use line 1 as the header row' })).toBeVisible();

  // A click anywhere on a row picks it too.
  await rows.getByRole('row').first().getByRole('cell').first().click();
  await expect(rows.getByRole('row').first()).toContainText('Line 1: header');
});

test('each sheet of a workbook is listed with its row count', async ({ app }) => {
  const { page } = app;
  const book = XLSX.utils.book_new();
  const people = [
    ['email', 'first_name'],
    ...Array.from({ length: 1_234 }, (_, i) => [`p${i}@example.com`, `P${i}`]),
  ];
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(people), 'People');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['notes'], ['one']]), 'Notes');
  const file = path.join(dir, 'book.xlsx');
  await writeFile(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  await useSandbox(page);
  await openFile(page, file);
  const sheet = page.getByLabel('Sheet', { exact: true });
  await expect(sheet.getByRole('option')).toHaveText(['People — 1,235 rows', 'Notes — 2 rows']);
  await expect(page.getByRole('table', { name: 'First rows of the file' })).toContainText('Row 1: header');
});

test('a 1 GB file read can be cancelled: the host stops and the step asks for a file again', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const { page } = app;
  const big = path.join(dir, 'huge.csv');
  const line =
    'someone.with.a.long.address@example.com,Firstname,Lastname,+61 400 000 000,Somewhere street 1\n';
  const block = Buffer.from(line.repeat(Math.ceil((1 << 20) / line.length)));
  const handle = await open(big, 'w');
  try {
    await handle.write('email,first_name,last_name,mobile_phone,address\n');
    for (let written = 0; written < 1024 ** 3; written += block.length) await handle.write(block);
  } finally {
    await handle.close();
  }

  // Opened by path (`--open`), so what is cancelled is the host reading it, not an upload.
  await app.restart({ openFile: big });
  await useSandbox(page);
  await page.getByRole('button', { name: 'Open huge.csv' }).click();
  await expect(page.getByText(/ MB of 1\.0 GB/)).toBeVisible({ timeout: 30_000 });
  const started = Date.now();
  await page.getByRole('button', { name: 'Cancel reading' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reading stopped. Choose a file.' })).toBeVisible();
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(page.getByText('Choose a CSV, TSV or Excel file…')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next: map columns' })).toBeDisabled();

  // The same file uploaded from the page: cancelled during the upload.
  await page.getByLabel('Choose a CSV, TSV or Excel file').setInputFiles(big);
  await page.getByRole('button', { name: 'Cancel reading' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reading stopped. Choose a file.' })).toBeVisible();

  // The host is free again: a small file opens at once.
  const small = path.join(dir, 'small.csv');
  await writeFile(small, 'email\nann@example.com\n');
  await openFile(page, small);
  await expect(page.getByRole('button', { name: 'Next: map columns' })).toBeEnabled();
});
