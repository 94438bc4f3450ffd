// Repeated mobile phones: the confirmation says how many rows Omneo will refuse, and the option to
// leave the repeated phone out makes them sendable.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './support/app-fixture';
import { sandboxFileToOptions, toReview } from './support/wizard-driver';

test('the confirmation lists refusals a repeated phone will cause; leaving it out sends every row', async ({
  app,
}) => {
  const { page } = app;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-e2e-phones-'));
  const file = path.join(dir, 'phones.csv');
  const rows = Array.from({ length: 30 }, (_, i) => `p${i}@example.com,P${i},07700 90012${i % 3}`);
  await writeFile(file, ['email,first_name,mobile_phone', ...rows].join('\n') + '\n');
  try {
    await sandboxFileToOptions(page, file);
    await page.getByLabel('Default phone region').selectOption('GB');
    await toReview(page);
    await page.getByRole('button', { name: /^Import to / }).click();
    const dialog = page.getByRole('dialog', { name: 'Send these profiles?' });
    await expect(dialog).toContainText('27 rows repeat a mobile phone of an earlier row — Omneo');
    await expect(dialog).toContainText('3 profiles ready to send and 27 Omneo will refuse');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: '4 Options' }).click();
    await page.getByLabel('Leave out repeated mobile phones').check();
    await toReview(page);
    await page.getByRole('button', { name: /^Import to / }).click();
    await expect(dialog).toBeVisible();
    await expect(dialog).not.toContainText('repeat a mobile phone');
    await expect(dialog).toContainText('27 values left out of 27 rows: 27 repeated mobile phones');
    await dialog.getByRole('button', { name: /^Send 30 profiles/ }).click();
    await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 60_000 });
    const profiles = app.sandbox().state().profiles;
    expect(profiles).toHaveLength(30);
    expect(profiles.filter((p) => p.mobile_phone).length).toBe(3);
    await expect(page.getByText(/27 values were left out of 27 sent rows/)).toBeVisible();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
