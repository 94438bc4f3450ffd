import { expect, test } from './support/app-fixture';

test('the first step lists the Sandbox and tests it', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'Connections' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Sandbox/ })).toBeChecked();
  await page.getByRole('button', { name: 'Test Sandbox (built-in simulator)' }).click();
  await expect(page.getByText('Connected as Sandbox Importer (sandbox@example.com).')).toBeVisible();
});
