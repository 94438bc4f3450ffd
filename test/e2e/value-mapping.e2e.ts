// Issue 11 on the Mapping and Options steps: mapping a column's own values to the field's (a
// value picker per distinct value, counted by main), each phone read with its row's country and
// the review saying so, the default region starting from the file's country column, and saved
// mappings listed, used by hand, renamed and deleted.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './support/app-fixture';
import {
  openFile,
  seriousViolations,
  toMapping,
  toOptions,
  toReview,
  useSandbox,
} from './support/wizard-driver';

async function membersFile(name: string, header: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'value-map-e2e-'));
  const file = path.join(dir, name);
  const rows = [
    'ann@example.com,Bloke,Gold Member,0491 570 156,1 George St,Sydney,2000,Australia',
    'bea@example.com,F,Gold Member,0491 570 157,2 Pitt St,Sydney,2000,Australia',
    'col@example.com,Bloke,Silver,07700 900153,3 High St,London,SW1A 1AA,United Kingdom',
  ];
  await writeFile(file, `${[header, ...rows].join('\n')}\n`);
  return file;
}

const header = 'email,gender,statuses,mobile_phone,address_line_1,city,postcode,country';

test('maps values per column, reads each phone with its row’s country and says so', async ({ app }) => {
  const { page } = app;
  await useSandbox(page);
  await openFile(page, await membersFile('members.csv', header));
  await toMapping(page);

  await page.getByRole('button', { name: 'Map values of column B (gender)' }).click();
  const genders = page.getByRole('region', { name: 'Values of column B (gender)' });
  await expect(genders.getByText('2 different values in 3 filled cells; 0 mapped.')).toBeVisible();
  await expect(genders.getByRole('row', { name: /Bloke 2/ })).toBeVisible();
  await expect(genders.getByLabel('Send ‘F’ as')).toHaveValue('__as_read__');
  await expect(genders.getByRole('option', { name: 'As read (female)' })).toBeAttached();
  await genders.getByLabel('Send ‘Bloke’ as').selectOption('male');
  await expect(
    page.getByRole('button', { name: /Map values of column B \(gender\) \(1 mapped\)/ }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Map values of column C (statuses)' }).click();
  const tiers = page.getByRole('region', { name: 'Values of column C (statuses)' });
  await tiers.getByLabel('Send ‘Gold Member’ as').fill('gold');
  await tiers.getByRole('checkbox', { name: 'Leave out ‘Silver’' }).check();
  expect(await seriousViolations(page)).toEqual([]);

  await toOptions(page);
  await expect(
    page.getByText('Each row’s phones are read with the country in column H (country)'),
  ).toBeVisible();
  await expect(page.getByLabel('Default phone region')).toHaveValue('AU');
  await expect(page.getByText('Set from column H (country), where most rows name AU.')).toBeVisible();

  await toReview(page);
  const grid = page.getByRole('grid', { name: 'Rows of the file' });
  const ann = grid.getByRole('row').filter({ hasText: 'ann@example.com' });
  await expect(ann).toContainText(/Bloke → +sent as male/);
  await expect(ann).toContainText(/Gold Member → +sent as \["gold"\]/);
  await expect(ann).toContainText("+61491570156 (read as AU from column H 'country')");
  const col = grid.getByRole('row').filter({ hasText: 'col@example.com' });
  await expect(col).toContainText("+447700900153 (read as GB from column H 'country')");
});

test('saved mappings can be listed, used by hand, renamed and deleted', async ({ app }) => {
  const { page } = app;
  await useSandbox(page);
  await openFile(page, await membersFile('members.csv', header));
  await toMapping(page);
  await page.getByRole('button', { name: 'Map values of column B (gender)' }).click();
  await page.getByLabel('Send ‘Bloke’ as').selectOption('male');
  await page.getByLabel('Template name').fill('Members');
  await page.getByRole('button', { name: 'Save as template' }).click();
  await expect(page.getByText('Saved template “Members”.', { exact: false })).toBeVisible();
  const list = page.getByRole('table', { name: 'Saved mappings' });
  await expect(list.getByRole('rowheader', { name: 'Members' })).toBeVisible();

  // Chosen by hand: after the gender column is un-mapped, using the template maps it again,
  // with its value map.
  const gender = page.getByRole('button', { name: /Field for column B \(gender\)/ });
  await gender.click();
  await page.getByRole('option', { name: 'Don’t import this column' }).click();
  await expect(gender).toHaveAccessibleName(/not imported$/);
  await list.getByRole('button', { name: 'Use Members' }).click();
  await expect(page.getByText('Used “Members” for this file.')).toBeVisible();
  await expect(gender).toHaveAccessibleName(/: Gender/);
  await expect(
    page.getByRole('button', { name: /Map values of column B \(gender\) \(1 mapped\)/ }),
  ).toBeVisible();

  await list.getByRole('button', { name: 'Rename Members' }).click();
  await list.getByLabel('New name for Members').fill('Members 2024');
  await list.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Renamed to “Members 2024”.')).toBeVisible();
  await expect(list.getByRole('rowheader', { name: 'Members 2024' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // A close match: one header differs. The template applies and the page says what differs.
  await page.getByRole('button', { name: /File/ }).first().click();
  await openFile(page, await membersFile('members-june.csv', header.replace('statuses', 'tier')));
  await toMapping(page);
  await expect(page.getByText(/nearly match/)).toBeVisible();
  await expect(page.getByRole('list', { name: 'What differs from the saved mapping' })).toContainText(
    "'statuses' (statuses) is not in this file",
  );

  page.once('dialog', (dialog) => void dialog.accept());
  await list.getByRole('button', { name: 'Delete Members 2024' }).click();
  await expect(page.getByText('Deleted “Members 2024”.')).toBeVisible();
  await expect(list.getByRole('rowheader', { name: 'Members 2024' })).toHaveCount(0);
});
