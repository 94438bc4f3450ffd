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

test('Enter picks a field named by the search, never one whose description merely holds the word', async ({
  app,
}) => {
  const { page } = app;
  await useSandbox(page);
  await openFile(page, fixturePath('customers-1000.csv'));
  await toMapping(page);

  const index = page.getByRole('button', { name: /Field for column A \(Index\)/ });
  await index.click();
  const search = page.getByRole('combobox', { name: 'Search fields for column A (Index)' });
  // "customer" is only in descriptions ("When the customer joined"): Enter picks nothing.
  await search.fill('customer');
  await expect(page.getByText('No field is named “customer”: press ↓ to choose one of these.')).toBeVisible();
  await search.press('Enter');
  await expect(search).toBeVisible();
  await expect(index).toHaveAccessibleName(/not imported$/);

  // "company" names the Company field exactly, ahead of "Address company".
  await search.fill('company');
  await search.press('Enter');
  await expect(index).toHaveAccessibleName(/: Company \(Core\)$/);

  // Column E 'Company' already had it: both rows say so at once, before Next.
  const rowA = page.getByRole('row', { name: /^A Index/ });
  const rowE = page.getByRole('row', { name: /^E Company/ });
  await expect(rowA.getByRole('note')).toHaveText(
    'company is also mapped from column E: a field takes one column',
  );
  await expect(rowE.getByRole('note')).toHaveText(
    'company is also mapped from column A: a field takes one column',
  );

  await index.click();
  await page.getByRole('option', { name: 'Don’t import this column' }).click();
  await expect(page.getByRole('note')).toHaveCount(0);
});
