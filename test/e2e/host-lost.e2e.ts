// A page whose host stops says so within seconds, instead of freezing on its last progress.
import { expect, test } from './support/app-fixture';

test('the page says the importer stopped when its host goes away', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'Connection' })).toBeVisible();
  const banner = page.getByRole('alert').filter({ hasText: 'The importer has stopped' });
  await expect(banner).toHaveCount(0);

  await app.host().close();

  await expect(banner).toBeVisible({ timeout: 6_000 });
  await expect(banner).toContainText('npm start');
  await expect(banner).toContainText('Past imports');
  // The browser logs the refused reconnects; they are what this test provokes.
  app.problems.splice(
    0,
    app.problems.length,
    ...app.problems.filter((p) => !/ERR_CONNECTION_REFUSED|api\/events/.test(p)),
  );
});
