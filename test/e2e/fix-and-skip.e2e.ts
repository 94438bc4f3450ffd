// Scenario 2 of issue 5: a case file with problems (20-phone-scientific-notation.csv: two phones
// mangled by Excel). The review shows both errors; one is fixed in place and re-validated, one
// good row is skipped; only the fixed row is sent, errors.csv and the Results page hold the row
// still in error and the skipped row, and results.csv accounts for every row.
import Papa from 'papaparse';
import { casePath } from '../support/shared-paths';
import { expect, test } from './support/app-fixture';
import {
  downloadReport,
  importAndWait,
  resultCounts,
  reviewCounts,
  sandboxFileToOptions,
  toReview,
} from './support/wizard-driver';

test('a file with problems: fix one in place, skip one row, import, the reports list what was not sent', async ({
  app,
}) => {
  const { page } = app;
  await sandboxFileToOptions(page, casePath('20-phone-scientific-notation.csv'));
  await page.getByLabel('Default phone region').selectOption('AU');
  await toReview(page);

  expect(await reviewCounts(page)).toMatchObject({ rows: 3, valid: 1, invalid: 2 });
  await expect(page.getByRole('button', { name: /2 .*scientific notation/ })).toBeVisible();

  const grid = page.getByRole('grid', { name: 'Rows of the file' });
  const bad = grid.getByRole('gridcell', { name: '6.14916E+10', exact: true });
  await expect(bad).toHaveAttribute('aria-invalid', 'true');
  await bad.focus();
  await expect(page.getByText(/scientific notation\): its last digits are lost/).first()).toBeVisible();

  // Fix line 2's phone in place with the keyboard; the row is re-validated as ready.
  await bad.press('Enter');
  const editor = page.getByRole('textbox', { name: 'Edit phone on line 2' });
  await editor.fill('0491 570 156');
  await editor.press('Enter');
  const fixed = grid.getByRole('gridcell', { name: '0491 570 156' });
  await expect(fixed).not.toHaveAttribute('aria-invalid', 'true');
  await expect(grid.getByRole('row').nth(1).getByRole('gridcell').nth(1)).toHaveAccessibleName('Ready');
  expect(await reviewCounts(page)).toMatchObject({ valid: 2, invalid: 1 });

  // Undo and redo go through main and come back re-validated.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(grid.getByRole('gridcell', { name: '6.14916E+10', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(fixed).toBeVisible();

  // Skip line 4 (a good row).
  // The checkbox follows main's answer (the row re-checked), so click and wait for it.
  await grid.getByRole('checkbox', { name: 'Skip line 4' }).click();
  await expect(grid.getByRole('checkbox', { name: 'Skip line 4' })).toBeChecked();
  await expect(grid.getByRole('checkbox', { name: 'Skip line 4' })).toBeFocused();
  await expect(grid.getByRole('row').nth(3).getByRole('gridcell').nth(1)).toHaveAccessibleName('Skipped');
  expect(await reviewCounts(page)).toMatchObject({ rows: 3, valid: 1, invalid: 1, skipped: 1 });

  const summary = await importAndWait(page);
  expect(summary).toMatch(/^1 profiles? in 1 batch/);
  const results = await resultCounts(page);
  expect(results).toMatchObject({
    Created: 1,
    'Not sent: errors in the file': 1,
    'Not sent: skipped (by you, or by the import mode)': 1,
    'Rows in the file': 3,
  });

  const state = app.sandbox().state();
  expect(state.profiles.map((p) => [p.email, p.mobile_phone])).toEqual([
    ['ana.example@example.com', '+61491570156'],
  ]);

  const parse = (text: string) =>
    Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true })
      .data;
  // The rows not sent, with main's reasons, on the page.
  const notSent = page.getByRole('table', { name: 'Rows not sent and why' });
  await expect(notSent.getByRole('row')).toHaveCount(3);
  await expect(notSent.getByRole('row').nth(1)).toContainText(
    /3\s*bruno\.sample@example\.com\s*Error in the file.*scientific notation/i,
  );
  await expect(notSent.getByRole('row').nth(2)).toContainText(
    /4\s*\S+@\S+?\s*Skipped\s*skipped: skipped by you/,
  );

  // errors.csv holds exactly the rows not sent: the one still in error and the one skipped.
  const errors = parse(await downloadReport(page, 'errors.csv'));
  expect(errors.map((row) => row.email)).toEqual(['bruno.sample@example.com', 'chloe.test@example.com']);
  expect(errors[0]?.error).toMatch(/Line 3.*scientific notation/i);
  expect(errors[1]?.error).toBe('line 4: skipped: skipped by you');
  const outcomes = parse(await downloadReport(page, 'results.csv')).map((row) => [
    row.line,
    row.status,
    row.outcome,
  ]);
  expect(outcomes).toEqual([
    ['2', 'valid', 'created'],
    ['3', 'invalid', 'invalid'],
    ['4', 'skipped', 'skipped'],
  ]);
});
