// Scenario 1 of issue 5: customers-1000.csv into the Sandbox with the automatic mapping and a
// default phone region — every sendable row arrives with the right fields, every other row is in
// errors.csv with its reason, the counts add up to 1,000 — then the same file with "leave out
// invalid values" sends all 1,000. Every step is scanned with axe-core and photographed.
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { fixturePath } from '../support/shared-paths';
import { expect, test } from './support/app-fixture';
import {
  downloadReport,
  importAndWait,
  openFile,
  resultCounts,
  reviewCounts,
  seriousViolations,
  shot,
  toMapping,
  toOptions,
  toReview,
  useSandbox,
} from './support/wizard-driver';

type CsvRow = Record<string, string>;

function parseCsv(text: string): CsvRow[] {
  return Papa.parse<CsvRow>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
}

test('customers-1000.csv: automatic mapping and default region, then leave out invalid values', async ({
  app,
}) => {
  const { page } = app;
  const source = parseCsv(await readFile(fixturePath('customers-1000.csv'), 'utf8'));
  expect(source).toHaveLength(1000);

  // 1. Connection
  await expect(page.getByRole('heading', { name: 'Connections' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Past imports' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '1-connection');
  await useSandbox(page);

  // 2. File
  await openFile(page, fixturePath('customers-1000.csv'));
  await expect(page.getByRole('definition').filter({ hasText: 'comma' })).toBeVisible();
  // The row count shows as soon as the file is read, before any check.
  await expect(page.getByRole('definition').filter({ hasText: /^1,000$/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '2-file');
  await toMapping(page);

  // 3. Mapping: the automatic suggestions, unmapped columns marked, the picker searchable.
  await expect(page.getByText('7 of 12 columns mapped')).toBeVisible();
  await expect(page.getByRole('button', { name: /Field for column J \(Email\): Email/ })).toBeVisible();
  await expect(
    page.getByRole('button', { name: /Field for column A \(Index\): not imported/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: /Field for column L \(Website\)/ }).click();
  await page.getByRole('combobox', { name: 'Search fields for column L (Website)' }).fill('loyalty');
  await expect(page.getByRole('listbox', { name: 'Fields for column L (Website)' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '3-mapping');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await toOptions(page);

  // 4. Options: a default phone region.
  await page.getByLabel('Default phone region').selectOption('US');
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '4-options');
  await toReview(page);

  // 5. Review
  const counts = await reviewCounts(page);
  expect(counts.rows).toBe(1000);
  expect(counts.valid + counts.invalid + counts.duplicate + counts.blank + counts.skipped).toBe(1000);
  expect(counts.invalid).toBeGreaterThan(0);
  await page.getByRole('button', { name: /^Errors/ }).click();
  const grid = page.getByRole('grid', { name: 'Rows of the file' });
  // The grid draws only the rows in view; it says how many it holds.
  await expect(grid).toHaveAttribute('aria-rowcount', String(counts.invalid + 1));
  // Line 2's phone has a US number's length but area code 846 is not in use: refused, not sent.
  await grid.getByRole('gridcell', { name: '846-790-4623x4715', exact: true }).focus();
  await expect(page.getByText(/not a valid US \(\+1\) number for region US/).first()).toBeVisible();
  await page.getByRole('button', { name: /^All rows/ }).click();
  // Line 27 is the first row whose phones are both valid US numbers; scroll to it as a user would.
  const showJson = page.getByRole('button', { name: 'Show JSON for line 27', exact: true });
  await grid.hover();
  for (let i = 0; i < 30 && !(await showJson.isVisible()); i++) await page.mouse.wheel(0, 150);
  await showJson.click();
  const json = JSON.parse(
    (await page.getByLabel('JSON for line 27', { exact: true }).textContent()) ?? '{}',
  ) as Record<string, unknown>;
  expect(json).toMatchObject({
    email: 'caleb11@velazquez.com',
    first_name: 'Douglas',
    mobile_phone: '+12055282409',
  });
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '5-review');
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('JSON for line 27', { exact: true })).toHaveCount(0);

  // Confirm, send, results.
  await page.getByRole('button', { name: /^Import to / }).click();
  const dialog = page.getByRole('dialog', { name: 'Send these profiles?' });
  const batches = Math.ceil(counts.valid / 500);
  await expect(dialog).toContainText(
    `${counts.valid} profiles in ${batches} ${batches === 1 ? 'batch' : 'batches'} to Sandbox`,
  );
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '5-confirm');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // Nothing was sent without the confirmation (the Sandbox has not even started, or holds no batch).
  expect(app.host().services.context.sandbox.running()?.state().batches.length ?? 0).toBe(0);
  await importAndWait(page);

  // 7. Results: counts add up; the simulator holds exactly the sendable rows, with their fields.
  const results = await resultCounts(page);
  expect(results['Rows in the file']).toBe(1000);
  expect(results.Created).toBe(counts.valid);
  expect(results['Not sent: errors in the file']).toBe(counts.invalid);
  const summed = Object.entries(results)
    .filter(([label]) => label !== 'Rows in the file')
    .reduce((n, [, value]) => n + value, 0);
  expect(summed).toBe(1000);
  await expect(page.getByRole('heading', { name: `Rows not sent (${counts.invalid})` })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '7-results');

  const errors = parseCsv(await downloadReport(page, 'errors.csv'));
  expect(errors).toHaveLength(1000 - counts.valid);
  for (const row of errors) expect(row.error ?? '').toMatch(/^Line \d+/);
  const notSent = new Set(errors.map((row) => row.Index));
  const state = app.sandbox().state();
  const sentEmails = new Set(state.profiles.map((p) => p.email?.toLowerCase()));
  expect(state.profiles).toHaveLength(counts.valid);
  for (const row of source) {
    expect(sentEmails.has(row.Email?.toLowerCase()), `line ${Number(row.Index) + 1}`).toBe(
      !notSent.has(row.Index),
    );
  }
  const douglas = state.profiles.find((p) => p.email === 'caleb11@velazquez.com');
  expect(douglas).toMatchObject({
    first_name: 'Douglas',
    last_name: 'Galloway',
    company: 'Duffy Inc',
    mobile_phone: '+12055282409',
    secondary_phone: '+18018224814',
  });

  // The same file again, leaving out invalid values: all 1,000 are sent.
  await page.getByRole('button', { name: 'Import another file' }).click();
  await openFile(page, fixturePath('customers-1000.csv'));
  await toMapping(page);
  await toOptions(page);
  await expect(page.getByLabel('Default phone region')).toHaveValue('US');
  await page.getByRole('radio', { name: /Leave out invalid values/ }).check();
  await toReview(page);
  expect((await reviewCounts(page)).valid).toBe(1000);
  await importAndWait(page);
  const second = await resultCounts(page);
  expect(second.Created + second.Updated).toBe(1000);
  expect(second.Updated).toBe(counts.valid);
  expect(app.sandbox().state().profiles).toHaveLength(1000);
});
