// Scenario 4 of issue 5: an import interrupted by restarting the host is resumed from the history
// of past imports, and finishes with every row accounted for and no profile sent twice.
//
// The file is uploaded from the page, as a user does: the host keeps uploads under the data folder
// while a job refers to them, so the job can read it again after the restart.
import { fixturePath } from '../support/shared-paths';
import { expect, test } from './support/app-fixture';
import {
  resultCounts,
  reviewCounts,
  sandboxFileToOptions,
  testSandbox,
  toReview,
} from './support/wizard-driver';

test('an import interrupted by a restart is resumed from the history', async ({ app }) => {
  const { page } = app;
  const file = fixturePath('people-1000.csv');
  await testSandbox(page);
  // Slow enough that the restart below lands mid-import (the poll that sees progress can lag 1 s).
  app.sandbox().configure({ latencyMs: 400 });

  await sandboxFileToOptions(page, file);
  await page.getByLabel('Batch size').fill('25');
  await toReview(page);
  const counts = await reviewCounts(page);
  expect(counts.rows).toBe(1000);

  await page.getByRole('button', { name: /^Import to / }).click();
  await page
    .getByRole('dialog', { name: 'Send these profiles?' })
    .getByRole('button', { name: /^Send / })
    .click();
  const progress = page.getByRole('progressbar', { name: 'Profiles sent' });
  await expect
    .poll(async () => Number(await progress.getAttribute('value')), { timeout: 60_000 })
    .toBeGreaterThan(0);

  // Restart the host mid-import; the same browser tab opens the new run's start link.
  await app.restart();

  await expect(page.getByRole('heading', { name: 'Past imports' })).toBeVisible();
  const resume = page.getByRole('button', { name: /^Resume import of people-1000\.csv/ });
  await expect(resume).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'people-1000.csv' })).toContainText(
    /Interrupted|Paused/,
  );
  await resume.click();
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 120_000 });

  const results = await resultCounts(page);
  expect(results['Rows in the file']).toBe(1000);
  expect(results['Not sent yet']).toBe(0);
  expect(results['Failed (refused by Omneo)']).toBe(0);
  expect(results.Created + results.Updated).toBe(counts.valid);

  const profiles = app.sandbox().state().profiles;
  expect(profiles).toHaveLength(counts.valid);
  expect(new Set(profiles.map((p) => p.email)).size).toBe(counts.valid);
  await expect(page.getByRole('row').filter({ hasText: 'people-1000.csv' }).first()).toContainText(
    'Completed',
  );
});
