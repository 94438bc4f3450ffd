// Managing connections: a field-level message for a plain-http URL, "Save" tests first (an
// unreachable connection is not saved nor made the target unless the user says so), success and
// failure look and announce differently, a name cannot be used twice, a saved connection can be
// edited (the URL's address only with the token again) and deleted, and the note on where tokens
// are kept stands beside the token field only.
import { createServer } from 'node:net';
import { expect, test } from './support/app-fixture';
import { testSandbox } from './support/wizard-driver';

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

test('Save tests first: an unreachable connection is not the target; success and failure differ', async ({
  app,
}) => {
  const { page } = app;
  await testSandbox(page);
  const sandbox = app.sandbox();
  const form = page.getByRole('form', { name: 'Add a connection' });
  await page.getByText('Add a connection').click();
  // The storage note is with the token field, not above the list.
  await expect(form.getByText(/tokens|keyring|encrypted|session/i).first()).toBeVisible();
  const name = form.getByLabel('Name', { exact: true });
  const url = form.getByLabel('Base URL');
  await expect(url).toHaveValue('');
  await expect(url).toHaveAttribute('placeholder', /https:\/\/api\./);

  await name.fill('Acme');
  await url.fill('http://api.acme.example.com/api/v3');
  await form.getByRole('button', { name: 'Save connection' }).click();
  await expect(form.getByRole('alert')).toContainText(
    /Use https:\/\/ — plain http is allowed only for this computer/,
  );
  await expect(page.getByText(/does not match the contract/)).toHaveCount(0);

  // Nothing listens there: not saved, shown as a failure (alert, cross), the target unchanged.
  const port = await closedPort();
  await url.fill(`http://127.0.0.1:${port}/api/v3`);
  await form.getByLabel('API token').fill('token-123');
  await form.getByRole('button', { name: 'Save connection' }).click();
  const failed = form.getByRole('alert');
  await expect(failed).toContainText('Not saved');
  await expect(failed).toContainText('✗');
  await expect(page.getByRole('radio', { name: /^Acme/ })).toHaveCount(0);
  await expect(page.getByRole('radio', { name: /Sandbox/ })).toBeChecked();

  // The user may keep it anyway, as not working: saved, but not selected.
  await form.getByRole('button', { name: 'Save anyway (not working)' }).click();
  await expect(form.getByRole('alert')).toContainText('Saved Acme as not working');
  await expect(page.getByRole('radio', { name: /^Acme/ })).not.toBeChecked();
  await expect(page.getByRole('radio', { name: /Sandbox/ })).toBeChecked();

  // A working one is saved, selected, and said as a status with a tick.
  await name.fill('Tenant');
  await url.fill(sandbox.baseUrl);
  await form.getByLabel('API token').fill(sandbox.token);
  await form.getByRole('button', { name: 'Save connection' }).click();
  const saved = form.getByRole('status').filter({ hasText: 'Saved Tenant: connected.' });
  await expect(saved).toBeVisible();
  await expect(saved).toContainText('✓');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('radio', { name: /^Tenant/ })).toBeChecked();
  await expect(name).toHaveValue('');

  await name.fill('acme');
  await url.fill(sandbox.baseUrl);
  await form.getByLabel('API token').fill(sandbox.token);
  await form.getByRole('button', { name: 'Save connection' }).click();
  await expect(form.getByRole('alert')).toContainText(/A connection named "acme" already exists/);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete Acme' }).click();
  await expect(page.getByRole('radio', { name: /^Acme/ })).toHaveCount(0);
});

test('a saved connection can be renamed, and moved to another address only with its token', async ({
  app,
}) => {
  const { page } = app;
  await testSandbox(page);
  const sandbox = app.sandbox();
  await page.getByText('Add a connection').click();
  const add = page.getByRole('form', { name: 'Add a connection' });
  await add.getByLabel('Name', { exact: true }).fill('Tenant');
  await add.getByLabel('Base URL').fill(sandbox.baseUrl);
  await add.getByLabel('API token').fill(sandbox.token);
  await add.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByRole('radio', { name: /^Tenant/ })).toBeChecked();

  // Rename, keeping the saved token (same address): tested with it and saved.
  await page.getByRole('button', { name: 'Edit Tenant' }).click();
  const edit = page.getByRole('form', { name: 'Edit Tenant' });
  await expect(edit.getByText('Leave empty to keep the saved token.')).toBeVisible();
  await edit.getByLabel('Name', { exact: true }).fill('Tenant live');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('radio', { name: /^Tenant live/ })).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'Saved Tenant live: connected.' })).toBeVisible();

  // Another address: the token must be typed again (the saved one is bound to the old origin).
  await page.getByRole('button', { name: 'Edit Tenant live' }).click();
  const again = page.getByRole('form', { name: 'Edit Tenant live' });
  const port = await closedPort();
  await again.getByLabel('Base URL').fill(`http://127.0.0.1:${port}/api/v3`);
  await expect(again.getByText(/enter the API token again/)).toBeVisible();
  await expect(again.getByLabel('API token')).toHaveAttribute('required', '');
  await again.getByLabel('API token').fill('another-token');
  await again.getByRole('button', { name: 'Save changes' }).click();
  await expect(again.getByRole('alert')).toContainText('Not saved');
  await again.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('radio', { name: /^Tenant live/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /^Tenant live/ })).not.toHaveAccessibleName(
    new RegExp(`:${port}/`),
  );
});
