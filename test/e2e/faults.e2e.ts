// Scenario 3 of issue 5: the Sandbox rate-limits and fails 10% of requests; the import still
// completes with every row accounted for, and waiting is shown as waiting, not as failure.
import { fixturePath } from '../support/shared-paths';
import { expect, test } from './support/app-fixture';
import {
  resultCounts,
  reviewCounts,
  sandboxFileToOptions,
  seriousViolations,
  shot,
  testSandbox,
  toReview,
} from './support/wizard-driver';

test('rate limiting and 10% failed requests: the import completes with every row accounted for', async ({
  app,
}) => {
  const { page } = app;
  // Testing the Sandbox starts it, so its faults can be set before anything is sent.
  await testSandbox(page);
  app.sandbox().configure({ rateLimitPerMinute: 240, faultRate: 0.1 });

  await sandboxFileToOptions(page, fixturePath('customers-1000.csv'));
  await page.getByLabel('Default phone region').selectOption('US');
  await page.getByRole('radio', { name: /Leave out invalid values/ }).check();
  await page.getByLabel('Batch size').fill('50');
  await toReview(page);
  expect(await reviewCounts(page)).toMatchObject({ rows: 1000, valid: 1000 });

  await page.getByRole('button', { name: /^Import to / }).click();
  const dialog = page.getByRole('dialog', { name: 'Send these profiles?' });
  await expect(dialog).toContainText('1,000 profiles in 20 batches');
  await dialog.getByRole('button', { name: /^Send / }).click();

  // 6. Import: progress, batches, pause and resume.
  await expect(page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Batches' }).getByRole('row').nth(1)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '6-import');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByText('Paused.')).toBeVisible();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 150_000 });

  const results = await resultCounts(page);
  expect(results).toMatchObject({
    Created: 1000,
    Updated: 0,
    'Failed (refused by Omneo)': 0,
    'Not sent yet': 0,
    'Rows in the file': 1000,
  });

  const state = app.sandbox().state();
  expect(state.profiles).toHaveLength(1000);
  expect(new Set(state.profiles.map((p) => p.email)).size).toBe(1000);
  const statuses = state.requests.map((r) => r.status);
  expect(statuses).toContain(429);
  expect(statuses.some((s) => s !== null && s >= 500)).toBe(true);
});
