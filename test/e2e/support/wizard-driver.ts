/**
 * Steps through the wizard as a user would, finding controls by role and label. Each helper
 * leaves the page on the next step; `shot` saves a screenshot of the current step to
 * docs/screenshots (for the README).
 */
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** Saves a full-page screenshot as docs/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(repoRoot, 'docs', 'screenshots', `${name}.png`), fullPage: true });
}

/** Serious or critical axe-core violations on the page, as readable lines (empty when clean). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Step 1: "Test" the Sandbox connection and wait until it says who the token belongs to. */
export async function testSandbox(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Test Sandbox (built-in simulator)' }).click();
  await expect(page.getByText(/Connected as Sandbox Importer/)).toBeVisible();
}

/** Steps 1 → 4 with the Sandbox and the automatic mapping: ends on the Options step. */
export async function sandboxFileToOptions(page: Page, file: string): Promise<void> {
  await useSandbox(page);
  await openFile(page, file);
  await toMapping(page);
  await toOptions(page);
}

/** Step 1 → 2 with the Sandbox (the default). */
export async function useSandbox(page: Page): Promise<void> {
  await expect(page.getByRole('radio', { name: /Sandbox/ })).toBeChecked();
  await page.getByRole('button', { name: 'Next: choose a file' }).click();
  await expect(page.getByRole('heading', { name: 'File', exact: true })).toBeVisible();
}

/** Step 2 → 3: uploads a file and waits for what was detected. */
export async function openFile(page: Page, file: string): Promise<void> {
  await page.getByLabel('Choose a CSV, TSV or Excel file').setInputFiles(file);
  await expect(page.getByRole('definition').filter({ hasText: path.basename(file) })).toBeVisible();
}

/** Step 2 → 3. */
export async function toMapping(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Next: map columns' }).click();
  await expect(page.getByText(/columns mapped/)).toBeVisible();
}

/** Step 3 → 4. */
export async function toOptions(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Next: options' }).click();
  await expect(page.getByRole('heading', { name: 'Options' })).toBeVisible();
}

/** Step 4 → 5: waits until the check is done and the first rows are in the table. */
export async function toReview(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Next: check and review' }).click();
  // "valid" in preview only, which sends nothing.
  await expect(page.getByText(/ (ready to send|valid), /)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('grid', { name: 'Rows of the file' }).getByRole('row').nth(1)).toBeVisible();
}

/** The review's counts line, parsed. */
export interface ReviewCounts {
  readonly rows: number;
  readonly valid: number;
  readonly invalid: number;
  readonly duplicate: number;
  readonly blank: number;
  readonly skipped: number;
}

/** The review's counts line, parsed. */
export async function reviewCounts(page: Page): Promise<ReviewCounts> {
  const text = (await page.locator('.summary-line').textContent()) ?? '';
  const number = (pattern: RegExp): number => Number((pattern.exec(text)?.[1] ?? 'NaN').replace(/,/g, ''));
  return {
    rows: number(/^([\d,]+) rows/),
    valid: number(/([\d,]+) (?:ready to send|valid),/),
    invalid: number(/([\d,]+) with errors/),
    duplicate: number(/([\d,]+) duplicates/),
    blank: number(/([\d,]+) blank/),
    skipped: number(/([\d,]+) skipped/),
  };
}

/** Step 5 → 6: confirms the summary and sends, without waiting for the end. */
export async function startImport(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Import to / }).click();
  await page
    .getByRole('dialog', { name: 'Send these profiles?' })
    .getByRole('button', { name: /^Send / })
    .click();
}

/** Step 5 → 6 → 7: confirms the summary, sends, and waits for the results. */
export async function importAndWait(page: Page, timeout = 90_000): Promise<string> {
  await page.getByRole('button', { name: /^Import to / }).click();
  const dialog = page.getByRole('dialog', { name: 'Send these profiles?' });
  await expect(dialog).toBeVisible();
  const summary = (await dialog.locator('p').first().textContent()) ?? '';
  await dialog.getByRole('button', { name: /^Send / }).click();
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout });
  return summary;
}

/** The results table's counts by label (the labels are the page's own words). */
export interface ResultCounts {
  readonly Created: number;
  readonly Updated: number;
  readonly 'Failed (refused by Omneo)': number;
  readonly 'Not sent: errors in the file': number;
  readonly 'Not sent: duplicates': number;
  readonly 'Not sent: skipped (by you, or by the import mode)': number;
  readonly 'Blank rows': number;
  readonly 'Not sent yet': number;
  readonly 'Rows in the file': number;
}

/** The results table's counts by label. */
export async function resultCounts(page: Page): Promise<ResultCounts> {
  const table = page.getByRole('table', { name: 'What happened to each row' });
  const counts: Record<string, number> = {};
  for (const row of await table.getByRole('row').all()) {
    const label = (await row.getByRole('rowheader').textContent()) ?? '';
    counts[label] = Number(((await row.getByRole('cell').textContent()) ?? '').replace(/,/g, ''));
  }
  return counts as unknown as ResultCounts;
}

/** Downloads a report from the results step and answers its text. */
export async function downloadReport(page: Page, name: 'results.csv' | 'errors.csv'): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: `Download ${name}` }).click();
  const file = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
