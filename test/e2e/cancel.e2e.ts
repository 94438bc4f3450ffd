// Cancelling an import: the page asks first; once stopped, the results say what Omneo already
// created (batches it accepted are followed to their outcome) and every count adds up.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './support/app-fixture';
import {
  resultCounts,
  sandboxFileToOptions,
  startImport,
  testSandbox,
  toReview,
} from './support/wizard-driver';

test('cancel asks first, then reports what was created before it', async ({ app }) => {
  const { page } = app;
  // 400 plain rows, all valid, so the cancel always comes with rows left to send.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-e2e-cancel-'));
  const file = path.join(dir, 'people.csv');
  const rows = Array.from({ length: 400 }, (_, i) => `p${i}@example.com,First${i},Last${i}`);
  await writeFile(file, ['email,first_name,last_name', ...rows].join('\n') + '\n');
  await testSandbox(page);
  app.sandbox().configure({ latencyMs: 1000 });
  await sandboxFileToOptions(page, file);
  await page.getByLabel('Batch size').fill('10');
  await toReview(page);
  await startImport(page);
  const progress = page.getByRole('progressbar', { name: 'Profiles sent' });
  await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0);

  // While it runs, a second import cannot be started from the review.
  await page.getByRole('button', { name: '5 Review' }).click();
  await expect(page.getByRole('button', { name: /^Import to / })).toBeDisabled();
  await expect(page.getByText(/An import is running/)).toBeVisible();
  await page.getByRole('button', { name: '6 Import' }).click();

  // A reload mid-import comes back to the Import step, and the batch table catches up at once.
  await expect(page.getByRole('region', { name: 'Batches' }).getByText('Done').first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();
  const batchRows = page.getByRole('region', { name: 'Batches' }).getByRole('row');
  // Batch 1 settled before the reload, so no event will bring it again: only the catch-up shows it.
  await expect(batchRows.nth(1).getByRole('cell').first()).toHaveText('1');
  await expect(batchRows.nth(1)).toContainText('Done');

  await page.getByRole('button', { name: 'Cancel import' }).click();
  const question = page.getByRole('group', { name: /Cancel import\? \d+ batches not sent yet/ });
  await expect(question).toBeVisible();
  // While it asks, no new batch starts: once the batches in flight are answered, nothing moves.
  const simRequests = () =>
    app
      .sandbox()
      .state()
      .requests.filter((r) => r.method === 'POST' && r.path.endsWith('/profiles/batch')).length;
  await expect(page.getByText(/Paused/).first()).toBeVisible();
  await page.waitForTimeout(2_500);
  const whileAsking = simRequests();
  await page.waitForTimeout(2_500);
  expect(simRequests()).toBe(whileAsking);
  await question.getByRole('button', { name: 'Keep sending' }).click();
  await expect(question).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();
  // Saying no: sending continues.
  await expect.poll(simRequests, { timeout: 20_000 }).toBeGreaterThan(whileAsking);

  await page.getByRole('button', { name: 'Cancel import' }).click();
  await expect(question).toBeVisible();
  await page.waitForTimeout(2_500);
  const beforeStop = simRequests();
  await question.getByRole('button', { name: 'Stop the import' }).click();
  await expect(page.getByRole('heading', { name: 'Results', exact: true })).toBeVisible({ timeout: 60_000 });
  const counts = await resultCounts(page);
  const profiles = app.sandbox().state().profiles.length;
  expect(counts.Created + counts.Updated).toBe(profiles);
  expect(profiles).toBeGreaterThan(0);
  const sum = Object.entries(counts)
    .filter(([label]) => label !== 'Rows in the file')
    .reduce((total, [, value]) => total + value, 0);
  expect(sum).toBe(counts['Rows in the file']);
  await expect(page.getByText(/rows? (?:was|were) not sent/).first()).toBeVisible();
  // Batches not sent when the user confirmed were never sent (following accepted ones only reads).
  const batchPosts = app
    .sandbox()
    .state()
    .requests.filter((r) => r.method === 'POST' && r.path.endsWith('/profiles/batch')).length;
  expect(batchPosts).toBeLessThanOrEqual(beforeStop);
  // The rows not sent name their customer.
  await expect(page.getByRole('table', { name: 'Rows not sent and why' })).toContainText('@example.com');

  // Past imports offers both Resume and the results (with downloads) of the cancelled job.
  await page.getByRole('button', { name: '1 Connection' }).click();
  await expect(page.getByRole('button', { name: /^Resume import of people\.csv/ })).toBeVisible();
  await page.getByRole('button', { name: /^Show results of people\.csv/ }).click();
  await expect(page.getByRole('heading', { name: 'Results', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download results.csv' })).toBeVisible();
  await rm(dir, { recursive: true, force: true });
});
