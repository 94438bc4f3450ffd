// A reload in the middle of the wizard comes back to the same step with the same choices, and
// re-attaches to the file main holds: its edits and skips are still there. After the host was
// restarted, the file is gone from main and the page says so instead of showing an empty step.
import { casePath } from '../support/shared-paths';
import { expect, test } from './support/app-fixture';
import { reviewCounts, sandboxFileToOptions, toReview } from './support/wizard-driver';

test('a reload on the Review step keeps the step, the options, the edits and the skips', async ({ app }) => {
  const { page } = app;
  await sandboxFileToOptions(page, casePath('20-phone-scientific-notation.csv'));
  await page.getByLabel('Default phone region').selectOption('AU');
  await page.getByLabel('Batch size').fill('7');
  await toReview(page);
  const grid = page.getByRole('grid', { name: 'Rows of the file' });
  await grid.getByRole('checkbox', { name: 'Skip line 4' }).click();
  await expect(grid.getByRole('checkbox', { name: 'Skip line 4' })).toBeChecked();
  const before = await reviewCounts(page);
  expect(before.skipped).toBe(1);

  await page.reload();

  await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
  const steps = page.getByRole('navigation', { name: 'Steps' });
  await expect(steps.getByRole('button', { name: /Review/ })).toHaveAttribute('aria-current', 'step');
  await expect(grid.getByRole('checkbox', { name: 'Skip line 4' })).toBeChecked({ timeout: 30_000 });
  expect(await reviewCounts(page)).toEqual(before);

  // The choices made on earlier steps are still there.
  await steps.getByRole('button', { name: /Options/ }).click();
  await expect(page.getByLabel('Default phone region')).toHaveValue('AU');
  await expect(page.getByLabel('Batch size')).toHaveValue('7');
  await steps.getByRole('button', { name: /File/ }).click();
  await expect(page.getByText('Open now: 20-phone-scientific-notation.csv')).toBeVisible();
});

test('after the host restarted, a reload says the file must be chosen again', async ({ app }) => {
  const { page } = app;
  await sandboxFileToOptions(page, casePath('20-phone-scientific-notation.csv'));
  // Restart the host and reconnect this very tab with the new run's start link (same origin
  // not needed here: the kept state travels with the tab's sessionStorage of this origin).
  const kept = await page.evaluate(() => sessionStorage.getItem('omneo-wizard'));
  expect(kept).toContain('"step":"options"');
  await app.restart();
  // The new run's page settles first (it keeps its own state as it starts), then gets the old one.
  await expect(page.getByRole('radio', { name: /Sandbox/ })).toBeChecked();
  await page.evaluate((state) => state && sessionStorage.setItem('omneo-wizard', state), kept);
  await page.reload();
  await expect(
    page.getByRole('status').filter({ hasText: /is no longer open in the importer/ }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'File', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next: map columns' })).toBeDisabled();
});
