// A focused problem cell's explanation is drawn above the rows below it, so it can be read.
import { casePath } from '../support/shared-paths';
import { expect, test } from './support/app-fixture';
import { sandboxFileToOptions, toReview } from './support/wizard-driver';

test('the problem tip of a focused cell is on top of the next rows', async ({ app }) => {
  const { page } = app;
  await sandboxFileToOptions(page, casePath('20-phone-scientific-notation.csv'));
  await page.getByLabel('Default phone region').selectOption('AU');
  await toReview(page);

  const grid = page.getByRole('grid', { name: 'Rows of the file' });
  const bad = grid.getByRole('gridcell', { name: '6.14916E+10', exact: true });
  await bad.focus();
  const tipId = await bad.getAttribute('aria-describedby');
  expect(tipId).toBeTruthy();
  const tip = page.locator(`[id="${tipId}"]`);
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(/scientific notation/);
  // Whatever is drawn at the middle of the tip must be the tip itself, not the row under it.
  const onTop = await tip.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && element.contains(hit);
  });
  expect(onTop).toBe(true);
});
