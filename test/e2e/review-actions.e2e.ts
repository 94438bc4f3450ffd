// The review's actions on many rows (issue 13): fix a problem kind by rule (phone region), skip
// or leave out every value of a kind, find and replace in a column, skip many selected rows — each
// one undo step — and search, sort, go-to-line and "Duplicate of line N" as a link.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/app-fixture';
import { reviewCounts, sandboxFileToOptions, seriousViolations, toReview } from './support/wizard-driver';

/**
 * 40 rows on lines 2–41: national Australian mobiles (no region yet), bad emails on lines 12
 * and 22, a birthday that is not a date on line 17, and line 30 repeating line 5's email.
 */
function peopleCsv(): string {
  const rows = Array.from({ length: 40 }, (_, i) => {
    const email =
      i === 10 || i === 20 ? `not-an-email-${i}` : i === 28 ? 'p3@example.com' : `p${i}@example.com`;
    const birthday = i === 15 ? 'someday' : `1990-01-${String(10 + (i % 18)).padStart(2, '0')}`;
    return `${email},Name${i},0412 345 ${100 + i},${birthday}`;
  });
  return ['Email,First Name,Mobile,Birthday', ...rows].join('\n') + '\n';
}

const focusedText = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('tr')?.querySelector('td')?.textContent ?? null);

test('review actions: fix by rule, bulk skip and leave out, replace, select, search, sort, go to line', async ({
  app,
}) => {
  const { page } = app;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-e2e-actions-'));
  try {
    const file = path.join(dir, 'people.csv');
    await writeFile(file, peopleCsv());
    await page.setViewportSize({ width: 1440, height: 900 });
    await sandboxFileToOptions(page, file);
    await toReview(page);
    const grid = page.getByRole('grid', { name: 'Rows of the file' });
    const status = page.locator('output[aria-live="polite"]');

    // Fix by rule: the phones are Australian, not of the computer's region (en-US: US); set the
    // region from the problem itself.
    await page.getByRole('button', { name: '4 Options' }).click();
    await expect(page.getByLabel('Default phone region')).toHaveValue('US');
    await expect(page.getByText('Set from your computer’s region.', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: '5 Review' }).click();
    const phones = page.getByRole('listitem').filter({ has: page.getByLabel('Phone region') });
    await phones.getByLabel('Phone region').selectOption('AU');
    await phones.getByRole('button', { name: 'Set region and check again' }).click();
    await expect(phones).toHaveCount(0);
    // The value as it will be sent beside the file's.
    await expect(grid.getByRole('gridcell', { name: /^0412 345 100/ })).toContainText('+61412345100');
    expect(await reviewCounts(page)).toMatchObject({ rows: 40, invalid: 3, duplicate: 1 });

    // Skip every row with a problem: one action, one undo step.
    const emails = page.getByRole('listitem').filter({ hasText: /emails are not valid/ });
    await emails.getByRole('button', { name: 'Skip these rows' }).click();
    await expect(status).toHaveText('Skipped 2 rows. Undo takes it back.');
    expect(await reviewCounts(page)).toMatchObject({ skipped: 2, invalid: 1 });
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await reviewCounts(page)).skipped).toBe(0);

    // Leave out every value with a problem: line 17's birthday, so the row can be sent.
    const dates = page.getByRole('listitem').filter({ hasText: /not valid dates?/ });
    await dates.getByRole('button', { name: 'Leave these values out' }).click();
    await expect(status).toHaveText('Left out 1 value. Undo takes it back.');
    expect(await reviewCounts(page)).toMatchObject({ invalid: 2 });

    // Search any cell; sort by a column; back to file order.
    await page.getByLabel('Search rows').fill('Name7');
    await expect(page.getByText('1 row shown.', { exact: false })).toBeVisible();
    await expect(grid.getByRole('row').nth(1).getByRole('gridcell').first()).toHaveText('9');
    await page.getByLabel('Search rows').fill('');
    await page.getByLabel('Sort by').selectOption({ label: 'B First Name (Z to A)' });
    await expect(grid.getByRole('row').nth(1).getByRole('gridcell').first()).toHaveText('41');
    await page.getByLabel('Sort by').selectOption({ label: 'Line (file order)' });
    await expect(grid.getByRole('row').nth(1).getByRole('gridcell').first()).toHaveText('2');

    // Go to line: the row is brought into view and its first cell focused.
    await page.getByLabel('Go to line').fill('35');
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await expect.poll(() => focusedText(page)).toBe('35');
    // "Duplicate of line 5" on line 30 is a link to line 5.
    await page.getByLabel('Go to line').fill('30');
    await page.getByLabel('Go to line').press('Enter');
    await expect.poll(() => focusedText(page)).toBe('30');
    await grid.getByRole('button', { name: 'Duplicate of line 5' }).click();
    await expect.poll(() => focusedText(page)).toBe('5');

    // Find and replace within one column, undone in one step.
    await page.getByRole('button', { name: 'Find and replace…' }).click();
    const replace = page.getByRole('form', { name: 'Find and replace in a column' });
    await replace.getByLabel('In column').selectOption({ label: 'A Email' });
    await replace.getByLabel('Find').fill('example.com');
    await replace.getByLabel('Replace with').fill('example.org');
    await replace.getByRole('button', { name: 'Replace all' }).click();
    await expect(status).toHaveText('Replaced in 38 cells of column A (Email). Undo takes it back.');
    await expect(grid.getByRole('gridcell', { name: 'p0@example.org' })).toBeVisible();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(grid.getByRole('gridcell', { name: 'p0@example.com' })).toBeVisible();
    await replace.getByRole('button', { name: 'Close' }).click();

    // Select many rows (a click, then Shift+click) and skip them at once.
    await page.getByLabel('Go to line').fill('2');
    await page.getByLabel('Go to line').press('Enter');
    await grid.getByRole('checkbox', { name: 'Select line 2', exact: true }).click();
    await grid.getByRole('checkbox', { name: 'Select line 6', exact: true }).click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Skip 5 selected rows' }).click();
    await expect(status).toHaveText('Skipped 5 rows. Undo takes it back.');
    expect(await reviewCounts(page)).toMatchObject({ skipped: 5 });
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await reviewCounts(page)).skipped).toBe(0);

    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
