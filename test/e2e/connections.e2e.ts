// Managing connections: a field-level message for a plain-http URL, the form clears after saving,
// a name cannot be used twice, and a saved connection can be deleted.
import { expect, test } from './support/app-fixture';

test('add, refuse a duplicate, and delete a connection', async ({ app }) => {
  const { page } = app;
  await page.getByText('Add a connection').click();
  const name = page.getByLabel('Name', { exact: true });
  const url = page.getByLabel('Base URL');
  await expect(url).toHaveValue('');
  await expect(url).toHaveAttribute('placeholder', /https:\/\/api\./);

  await name.fill('Acme');
  await url.fill('http://api.acme.example.com/api/v3');
  await page.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByText(/Use https:\/\/ — plain http is allowed only for this computer/)).toBeVisible();
  await expect(page.getByText(/does not match the contract/)).toHaveCount(0);

  await url.fill('https://api.acme.example.com/api/v3');
  await page.getByLabel('API token').fill('token-123');
  await page.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByText('Saved Acme.')).toBeVisible();
  await expect(name).toHaveValue('');
  await expect(url).toHaveValue('');
  await expect(page.getByRole('radio', { name: /^Acme/ })).toBeChecked();

  await name.fill('acme');
  await url.fill('https://api.other.example.com/api/v3');
  await page.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByText(/A connection named "acme" already exists/)).toBeVisible();

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete Acme' }).click();
  await expect(page.getByRole('radio', { name: /^Acme/ })).toHaveCount(0);
});
