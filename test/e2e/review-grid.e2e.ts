// The review grid read and driven as a spreadsheet (issue 13): each row's problem written in the
// row, Line/Status/match key pinned while scrolling sideways, columns sized to their content and
// resizable without overlapping headers, Omneo fields by plain name, counts in rows throughout,
// and the keyboard keeping focus in the grid (End, Ctrl+End, Home, Ctrl+Home, Space).
import { fixturePath, casePath } from '../support/shared-paths';
import { expect, test } from './support/app-fixture';
import { reviewCounts, sandboxFileToOptions, seriousViolations, toReview } from './support/wizard-driver';
import type { Page } from '@playwright/test';

/** The focused element's grid cell position (`row:col`), or null when focus left the grid. */
async function focusedCell(page: Page): Promise<string | null> {
  return page.evaluate(
    () => document.activeElement?.closest('[data-cell]')?.getAttribute('data-cell') ?? null,
  );
}

test('the review grid: problems in the row, pinned and sized columns, plain field names, keyboard', async ({
  app,
}) => {
  const { page } = app;
  await page.setViewportSize({ width: 1440, height: 900 });
  await sandboxFileToOptions(page, fixturePath('customers-1000.csv'));
  await page.getByLabel('Default phone region').selectOption('US');
  await toReview(page);
  const grid = page.getByRole('grid', { name: 'Rows of the file' });

  // Counts in one unit: the summary's rows with warnings are the Warnings filter's rows.
  const summary = (await page.locator('.summary-line').textContent()) ?? '';
  const warningRows = /([\d,]+) with warnings/.exec(summary)?.[1];
  expect(warningRows).toBeTruthy();
  await expect(page.getByRole('button', { name: `Warnings (${warningRows})` })).toBeVisible();

  // Headers: the Omneo field by its plain name, its path on hover; no header runs into the next.
  const emailHeader = grid.getByRole('columnheader', { name: /J Email/ });
  await expect(emailHeader).toContainText('Email');
  await expect(emailHeader.locator('[title]')).toHaveAttribute('title', /→ email$/);
  const boxes = await grid.getByRole('columnheader').evaluateAll((ths) =>
    ths.map((th) => {
      const box = th.getBoundingClientRect();
      const text = th.querySelector('.header-text')?.getBoundingClientRect();
      return { left: box.left, right: box.right, textRight: text?.right ?? box.left };
    }),
  );
  for (let k = 0; k < boxes.length; k += 1) {
    const box = boxes[k]!;
    expect(box.textRight).toBeLessThanOrEqual(box.right + 0.5);
    if (k > 0) expect(box.left).toBeGreaterThanOrEqual(boxes[k - 1]!.right - 0.5);
  }

  // Columns sized to their content: no email in view is cut short.
  const cut = await grid
    .locator('td[data-cell] .cell-text')
    .evaluateAll(
      (spans) =>
        spans.filter((span) => /@/.test(span.textContent ?? '') && span.scrollWidth > span.clientWidth)
          .length,
    );
  expect(cut).toBe(0);

  // Each error's reason is in its row: the Problem column of the Errors filter.
  await page.getByRole('button', { name: /^Errors/ }).click();
  const firstError = grid.getByRole('row').nth(1);
  const problem = firstError.locator('.problem-cell');
  await expect(problem).toContainText(/Error:/);
  await expect(problem).not.toContainText(/^Line \d/);
  expect(((await problem.textContent()) ?? '').length).toBeGreaterThan(20);
  await page.getByRole('button', { name: /^All rows/ }).click();

  // Resizable: the keyboard widens the Email column by 16 px a press.
  const handle = grid.getByRole('separator', { name: 'Resize column J Email' });
  const before = Number(await handle.getAttribute('aria-valuenow'));
  await handle.focus();
  await handle.press('ArrowRight');
  await handle.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 32));
  expect((await emailHeader.boundingBox())?.width).toBeCloseTo(before + 32, 0);

  // Pinned: scrolled all the way right, Line, Status and Email still start at the grid's left.
  const scroller = page.locator('.grid-scroller');
  await scroller.evaluate((element) => (element.scrollLeft = element.scrollWidth));
  const scrollerBox = (await scroller.boundingBox())!;
  const lineCell = grid.getByRole('row').nth(1).getByRole('gridcell').first();
  await expect.poll(async () => (await lineCell.boundingBox())?.x).toBeCloseTo(scrollerBox.x + 1, 0);
  const emailCell = grid.getByRole('row').nth(1).getByRole('gridcell').nth(2);
  await expect(emailCell).toContainText('@');
  expect((await emailCell.boundingBox())!.x).toBeLessThan(scrollerBox.x + 400);
  await scroller.evaluate((element) => (element.scrollLeft = 0));

  // Keyboard: the focus stays in the grid through End, Ctrl+End, Home, Ctrl+Home and Space.
  const firstCell = grid.getByRole('row').nth(1).getByRole('gridcell').nth(2);
  await firstCell.focus();
  const lastCol = (await grid.getByRole('columnheader').count()) - 1;
  await page.keyboard.press('End');
  expect(await focusedCell(page)).toBe(`0:${lastCol}`);
  await page.keyboard.press('Home');
  expect(await focusedCell(page)).toBe('0:0');
  await page.keyboard.press('Control+End');
  await expect.poll(() => focusedCell(page)).toBe(`999:${lastCol}`);
  await expect(page.locator(':focus').locator('xpath=ancestor::tr')).toHaveAttribute('aria-rowindex', '1001');
  // Space on the Actions cell skips the row, and the focus stays there.
  const skip = grid.getByRole('checkbox', { name: /^Skip line/ }).last();
  await expect(skip).not.toBeChecked();
  await page.keyboard.press('Space');
  await expect(skip).toBeChecked();
  expect(await focusedCell(page)).toBe(`999:${lastCol}`);
  expect((await reviewCounts(page)).skipped).toBe(1);
  await page.keyboard.press('Space');
  await expect(skip).not.toBeChecked();
  await page.keyboard.press('Control+Home');
  await expect.poll(() => focusedCell(page)).toBe('0:0');
  // Space on a plain cell neither scrolls the row away nor drops the focus.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  expect(await focusedCell(page)).toBe('0:1');

  // The focused row survives scrolling it far out of view, so the focus is never lost.
  await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
  await page.waitForTimeout(200);
  expect(await focusedCell(page)).toBe('0:1');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedCell(page)).toBe('1:1');

  expect(await seriousViolations(page)).toEqual([]);
});

test('the ambiguous-date message is shown once', async ({ app }) => {
  const { page } = app;
  await sandboxFileToOptions(page, casePath('17-dates-all-ambiguous.csv'));
  await page.getByRole('button', { name: 'Next: check and review' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: /fit both day-first and month-first/ }),
  ).toBeVisible();
  // Said in the alert with its buttons, not again in a note below it.
  await expect(
    page.getByText(/nothing (in these columns )?is sent until/i).filter({ visible: true }),
  ).toHaveCount(1);
});
