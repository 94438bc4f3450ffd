// The field picker by keyboard: typing moves the highlight to the first match and Enter picks it;
// a mapping that no longer writes the match criteria says what will be matched on instead.
import { fixturePath } from '../support/shared-paths';
import { expect, test } from './support/app-fixture';
import { openFile, toMapping, useSandbox } from './support/wizard-driver';

test('typing in the field picker and pressing Enter picks the first match', async ({ app }) => {
  const { page } = app;
  await useSandbox(page);
  await openFile(page, fixturePath('customers-1000.csv'));
  await toMapping(page);

  const email = page.getByRole('button', { name: /Field for column J \(Email\)/ });
  await email.click();
  const search = page.getByRole('combobox', { name: 'Search fields for column J (Email)' });
  await search.fill('email');
  await expect(page.getByRole('option', { name: /^Email/ }).first()).toHaveClass(/active/);
  await search.press('Enter');
  await expect(email).toHaveAccessibleName(/: Email \(Contact\)$/);
  await expect(page.getByText('7 of 12 columns mapped')).toBeVisible();

  // Map the customer id to an identity handle, then un-map email: the page says what matching becomes.
  await page.getByRole('button', { name: /Field for column B \(Customer Id\)/ }).click();
  await page.getByRole('combobox', { name: 'Search fields for column B (Customer Id)' }).fill('new identity');
  await page.keyboard.press('Enter');
  await page.getByLabel('Identity handle').fill('customer_id');
  await page.getByLabel('Identity handle').press('Enter');
  await email.click();
  await page.getByRole('option', { name: 'Don’t import this column' }).click();
  await expect(email).toHaveAccessibleName(/not imported$/);
  await expect(page.getByRole('status').filter({ hasText: 'Match criteria' })).toContainText(
    'email is not mapped, so rows will be matched on identity customer_id',
  );
});

test('saving a template under a name in use asks before replacing it', async ({ app }) => {
  const { page } = app;
  await useSandbox(page);
  await openFile(page, fixturePath('customers-1000.csv'));
  await toMapping(page);
  const save = async (): Promise<void> => {
    await page.getByLabel('Template name').fill('Customers');
    await page.getByRole('button', { name: /Save.*template/i }).click();
  };
  await save();
  await expect(page.getByText(/Saved template “Customers”/)).toBeVisible();

  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await save();
  await expect(page.getByText('Not saved: “Customers” was kept as it was.')).toBeVisible();
  expect(asked).toEqual(['A template named “Customers” already exists. Replace it with this mapping?']);

  page.once('dialog', (dialog) => void dialog.accept());
  await save();
  await expect(page.getByText(/Saved template “Customers”/)).toBeVisible();
});
