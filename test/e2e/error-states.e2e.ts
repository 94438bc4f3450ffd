// Error and blocking states, each scanned with axe-core: a file error names its line and column;
// a column of ambiguous dates blocks the import until a date order is chosen; preview only sends
// nothing. Driven by keyboard where a user would.
import { casePath } from '../support/shared-paths';
import { expect, test } from './support/app-fixture';
import {
  openFile,
  reviewCounts,
  sandboxFileToOptions,
  seriousViolations,
  toMapping,
  toOptions,
  toReview,
  useSandbox,
} from './support/wizard-driver';

test('a file error names line and column, and nothing can be sent', async ({ app }) => {
  const { page } = app;
  await useSandbox(page);
  // Main reads every row on open, so the unclosed quote is shown on the File step at once, and no
  // later step can be reached (the step bar included) until a readable file is open.
  await openFile(page, casePath('31-unclosed-quote.csv'));
  await expect(page.getByRole('alert')).toContainText(/line 3, column notes/);
  await expect(page.getByRole('alert')).toBeFocused();
  await expect(page.getByRole('button', { name: 'Next: map columns' })).toBeDisabled();
  for (const step of ['3 Mapping', '4 Options', '5 Review'])
    await expect(page.getByRole('button', { name: step })).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the step bar keeps the gating of Next: a batch of 501 cannot reach the review', async ({ app }) => {
  const { page } = app;
  await useSandbox(page);
  await openFile(page, casePath('01-utf8-bom-header.csv'));
  // Once read, focus is on Next rather than lost with the disabled file input.
  await expect(page.getByRole('button', { name: 'Next: map columns' })).toBeFocused();
  await toMapping(page);
  await toOptions(page);
  await page.getByLabel('Batch size').fill('501');
  const next = page.getByRole('button', { name: 'Next: check and review' });
  await expect(next).toBeDisabled();
  await expect(next).toHaveAccessibleDescription(/Batch size must be a whole number from 1 to 500/);
  await expect(page.getByRole('button', { name: '5 Review' })).toBeDisabled();
  await expect(page.getByText(/does not match the contract/)).toHaveCount(0);
  await page.getByLabel('Batch size').fill('500');
  await expect(page.getByRole('button', { name: '5 Review' })).toBeEnabled();
});

test('ambiguous dates block the import until a date order is chosen', async ({ app }) => {
  const { page } = app;
  await sandboxFileToOptions(page, casePath('17-dates-all-ambiguous.csv'));
  await toReview(page);
  await expect(page.getByRole('alert')).toContainText(/fit both day-first and month-first/);
  await expect(page.getByRole('button', { name: /^Import to / })).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('alert').getByRole('button', { name: 'Day first' }).press('Enter');
  // The button goes away with the alert; focus lands on the step's heading, not the page.
  await expect(page.getByRole('heading', { name: 'Review', exact: true })).toBeFocused();
  await expect(page.getByRole('button', { name: /^Import to / })).toBeEnabled();
  expect(await reviewCounts(page)).toMatchObject({ rows: 3, valid: 3 });
  await page.getByRole('button', { name: 'Show JSON for line 2', exact: true }).click();
  const json = JSON.parse(
    (await page.getByLabel('JSON for line 2', { exact: true }).textContent()) ?? '{}',
  ) as Record<string, unknown>;
  expect(json).toMatchObject({ birth_day: 1, birth_month: 2, birth_year: 1990 });
  // The JSON opens in a dialog with focus on it; Escape closes it and focus returns to its button.
  await expect(page.getByRole('dialog', { name: 'Line 2 as sent' })).toBeVisible();
  await expect(page.getByLabel('JSON for line 2', { exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Line 2 as sent' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Show JSON for line 2', exact: true })).toBeFocused();
  // The options step now shows the choice that was forced.
  await page.getByRole('button', { name: '4 Options' }).click();
  await expect(page.getByLabel('Date order')).toHaveValue('dmy');
});

test('preview only checks a file and cannot send it', async ({ app }) => {
  const { page } = app;
  await page.getByRole('radio', { name: /Preview only/ }).check();
  await page.getByRole('button', { name: 'Next: choose a file' }).click();
  await openFile(page, casePath('01-utf8-bom-header.csv'));
  // Nothing is sent: no Import or Results step, no batch size, no "ready to send".
  const steps = page.getByRole('navigation', { name: 'Steps' });
  await expect(steps.getByRole('button')).toHaveText([
    '1 Connection',
    '2 File',
    '3 Mapping',
    '4 Options',
    '5 Review',
  ]);
  await toMapping(page);
  await toOptions(page);
  await expect(page.getByLabel('Batch size')).toHaveCount(0);
  await toReview(page);
  await expect(page.getByText(/Preview only: nothing is sent/)).toBeVisible();
  await expect(page.getByText(/ready to send|batch/i)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Import to / })).toHaveCount(0);
  // The report is the whole preview: its counts, then every row with its status and problems.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report (CSV)' }).click();
  const report = (await (await download).createReadStream()).toArray();
  const [summary = '', table = ''] = Buffer.concat((await report) as Buffer[])
    .toString('utf8')
    .trim()
    .split(/\r\n\r\n/);
  const counts = await reviewCounts(page);
  const summaryLines = summary.split(/\r\n/);
  expect(summaryLines[0]).toMatch(/^\ufeff?preview of .* \(nothing sent\),rows$/);
  expect(summaryLines).toContain(`rows in the file,${counts.rows}`);
  expect(summaryLines).toContain(`valid (would be sent),${counts.valid}`);
  expect(summaryLines).toContain(`with errors,${counts.invalid}`);
  const lines = table.split(/\r\n/);
  expect(lines[0]).toMatch(/,line,status,problems$/);
  expect(lines).toHaveLength(1 + counts.rows);
  expect(app.host().services.context.sandbox.running()).toBeNull();
});
