// A page whose host stops says so within seconds, instead of freezing on its last progress, and
// its controls that need the host are disabled under the banner.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBrowserHost } from '../../electron/host/browser-host';
import { expect, test } from './support/app-fixture';
import { sandboxFileToOptions, startImport, testSandbox, toReview } from './support/wizard-driver';

test('the page says the importer stopped when its host goes away', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'Connection' })).toBeVisible();
  const banner = page.getByRole('alert').filter({ hasText: 'The importer has stopped' });
  await expect(banner).toHaveCount(0);

  await app.host().close();

  await expect(banner).toBeVisible({ timeout: 6_000 });
  await expect(banner).toContainText('npm start');
  await expect(banner).toContainText('Past imports');
  // The browser logs the refused reconnects; they are what this test provokes.
  app.problems.splice(
    0,
    app.problems.length,
    ...app.problems.filter((p) => !/ERR_CONNECTION_REFUSED|api\/events/.test(p)),
  );
});

test('while the host is gone, Pause and Cancel are disabled under the banner', async ({ app }) => {
  const { page } = app;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-e2e-lost-'));
  try {
    const file = path.join(dir, 'people.csv');
    const rows = Array.from({ length: 200 }, (_, i) => `p${i}@example.com,First${i}`);
    await writeFile(file, ['email,first_name', ...rows].join('\n') + '\n');
    await testSandbox(page);
    app.sandbox().configure({ latencyMs: 1000 });
    await sandboxFileToOptions(page, file);
    await page.getByLabel('Batch size').fill('10');
    await toReview(page);
    await startImport(page);
    const pause = page.getByRole('button', { name: 'Pause' });
    const cancel = page.getByRole('button', { name: 'Cancel import' });
    await expect(pause).toBeEnabled();
    await expect(cancel).toBeEnabled();

    await app.host().close();

    await expect(page.getByRole('alert').filter({ hasText: 'The importer has stopped' })).toBeVisible({
      timeout: 6_000,
    });
    await expect(pause).toBeDisabled();
    await expect(cancel).toBeDisabled();
    app.problems.splice(
      0,
      app.problems.length,
      ...app.problems.filter((p) => !/ERR_CONNECTION_REFUSED|api\/events|Failed to fetch/.test(p)),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('after a restart on the same port, the old tab pairs again with the new start link and keeps its step', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Next: choose a file' }).click();
  await expect(page.getByRole('heading', { name: 'File', exact: true })).toBeVisible();
  const port = app.host().port;
  await app.host().close();
  await expect(page.getByRole('alert').filter({ hasText: 'The importer has stopped' })).toBeVisible({
    timeout: 6_000,
  });

  const rendererDir = process.env.OMNEO_E2E_RENDERER ?? '';
  const again = await startBrowserHost({ dataDir: app.dataDir, rendererDir, port });
  try {
    // The new run answers on the same address but does not know this tab's session.
    const banner = page.getByRole('alert').filter({ hasText: 'The importer is running again' });
    await expect(banner).toBeVisible({ timeout: 10_000 });
    await banner.getByLabel('Start link').fill(again.startLink());
    await banner.getByRole('button', { name: 'Reconnect' }).click();
    await expect(page.getByRole('heading', { name: 'File', exact: true })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: /importer/ })).toHaveCount(0);
    // Paired for real: a call that needs the session works.
    await expect(page.getByText('Choose a CSV, TSV or Excel file…')).toBeVisible();
    await page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('button', { name: /Connection/ })
      .click();
    await expect(page.getByRole('radio', { name: /Sandbox/ })).toBeChecked();
  } finally {
    await again.close();
  }
  app.problems.splice(
    0,
    app.problems.length,
    ...app.problems.filter((p) => !/ERR_CONNECTION_REFUSED|api\/events|Failed to fetch|403/.test(p)),
  );
});
