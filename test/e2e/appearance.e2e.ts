// How the wizard looks and behaves for keyboard and low-vision users (issue 13): dark mode follows
// the system and passes the axe scan on every step, the focus ring stands out at least 3:1, Escape
// on a dialog gives focus back to the control that opened it, a status sentence never runs into
// the buttons, and the tab's title says when an import has ended.
import type { Page } from '@playwright/test';
import { casePath } from '../support/shared-paths';
import { expect, test } from './support/app-fixture';
import {
  openFile,
  seriousViolations,
  toMapping,
  toOptions,
  toReview,
  useSandbox,
} from './support/wizard-driver';

/** Contrast ratio of two CSS colours (rgb()/rgba() as computed styles give them), WCAG 2 formula. */
async function contrast(page: Page, a: string, b: string): Promise<number> {
  return page.evaluate(
    ([x, y]) => {
      const luminance = (css: string): number => {
        const [r, g, bl] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
          const c = Number(v) / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        }) as [number, number, number];
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
      };
      const [hi, lo] = [luminance(x as string), luminance(y as string)].sort((p, q) => q - p) as [
        number,
        number,
      ];
      return (hi + 0.05) / (lo + 0.05);
    },
    [a, b],
  );
}

/** The focused element's outline colour and the page's background colour. */
async function focusColours(page: Page): Promise<{ ring: string; page: string; style: string }> {
  return page.evaluate(() => {
    const focused = document.activeElement as HTMLElement;
    const style = getComputedStyle(focused);
    return {
      ring: style.outlineColor,
      style: style.outlineStyle,
      page: getComputedStyle(document.documentElement).backgroundColor,
    };
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`${scheme} mode: every step passes axe and the focus ring stands out`, async ({ app }) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const white = 'rgb(255, 255, 255)';
    // Dark mode follows the system: the page is dark, not white.
    if (scheme === 'dark') expect(await contrast(page, background, white)).toBeGreaterThan(10);
    else expect(await contrast(page, background, white)).toBeLessThan(1.2);

    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Tab');
    const ring = await focusColours(page);
    expect(ring.style).not.toBe('none');
    expect(await contrast(page, ring.ring, ring.page)).toBeGreaterThanOrEqual(3);

    await useSandbox(page);
    expect(await seriousViolations(page)).toEqual([]);
    await openFile(page, casePath('20-phone-scientific-notation.csv'));
    expect(await seriousViolations(page)).toEqual([]);
    await toMapping(page);
    expect(await seriousViolations(page)).toEqual([]);
    await toOptions(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Default phone region').selectOption('AU');
    await toReview(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('Escape on a dialog returns focus to its opener; the status line and the title after an import', async ({
  app,
}) => {
  const { page } = app;
  await useSandbox(page);
  await openFile(page, casePath('20-phone-scientific-notation.csv'));
  // After a load the file control names the open file; the native input (which would say
  // "No file chosen" once reset) is not shown.
  await expect(page.getByText('Open now: 20-phone-scientific-notation.csv')).toBeVisible();
  await expect(page.getByText('Choose another file…')).toBeVisible();
  expect(
    await page.getByLabel('Choose a CSV, TSV or Excel file').evaluate((e) => getComputedStyle(e).opacity),
  ).toBe('0');
  await toMapping(page);
  await toOptions(page);
  await page.getByLabel('Default phone region').selectOption('AU');
  await toReview(page);

  const importButton = page.getByRole('button', { name: /^Import to / });
  await importButton.click();
  const dialog = page.getByRole('dialog', { name: 'Send these profiles?' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(importButton).toBeFocused();

  await importButton.click();
  await dialog.getByRole('button', { name: /^Send / }).click();
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 90_000 });
  await expect(page).toHaveTitle(/^Import completed: 20-phone-scientific-notation\.csv/);

  // The status sentence after a download sits below the buttons, not run into them.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download results.csv' }).click();
  await download;
  const status = page.locator('output[aria-live]');
  await expect(status).not.toBeEmpty();
  const statusBox = (await status.boundingBox())!;
  const buttonBox = (await page.getByRole('button', { name: 'Import another file' }).boundingBox())!;
  expect(statusBox.y).toBeGreaterThanOrEqual(buttonBox.y + buttonBox.height);

  await page.getByRole('button', { name: 'Import another file' }).click();
  await expect(page).toHaveTitle('Omneo Profile Importer');
});
