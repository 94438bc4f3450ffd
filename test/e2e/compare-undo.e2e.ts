// Compare with Omneo, modes and undo in the app: against a seeded Sandbox tenant, a file of new,
// changed, conflicting and unknown-reference rows is compared (counts exact, filters list the right
// rows, each update's changes shown old → new), sent create-only (only the creates reach Omneo),
// then undone from Past imports — the tenant is as before except a profile changed since, kept and
// listed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compareCsv, editProfile, seededTenant, tenantByEmail } from '../electron/compare/compare-fixture';
import { expect, test } from './support/app-fixture';
import { sandboxFileToOptions, testSandbox, toReview } from './support/wizard-driver';

test.use({ sandboxTenant: seededTenant });

test('compare, create only, then undo keeps the profile changed since', async ({ app }) => {
  const { page } = app;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-e2e-compare-'));
  try {
    const file = path.join(dir, 'compare.csv');
    await writeFile(file, `${compareCsv}\n`);
    await testSandbox(page);
    const sim = app.sandbox();
    const tenant = () => tenantByEmail(sim);
    const before = tenant();

    await sandboxFileToOptions(page, file);
    await page.getByLabel('Default phone region').selectOption('AU');
    await toReview(page);

    const compare = page.getByRole('region', { name: 'Compare with Omneo' });
    await compare.getByRole('button', { name: 'Compare with Omneo' }).click();
    await expect(compare.getByRole('status')).toHaveText(
      'Compared with Sandbox (built-in simulator): 2 will create, 2 will update (1 change nothing), 3 conflicts (not sent); 1 with a warning about values the tenant does not know (a value Omneo would refuse makes a conflict).',
      { timeout: 30_000 },
    );
    expect(sim.state().batches).toEqual([]);

    // The review's filters list the rows of each answer; the details say what changes.
    const grid = page.getByRole('grid', { name: 'Rows of the file' });
    const details = compare.getByRole('table', { name: 'Compared rows' });
    await page.getByRole('button', { name: 'Will update (2)' }).click();
    await expect(page.getByText('2 rows shown.', { exact: false })).toBeVisible();
    const gridEmails = async (...emails: string[]): Promise<void> => {
      for (const [i, email] of emails.entries())
        await expect(grid.getByRole('row').nth(i + 1)).toContainText(email);
    };
    await gridEmails('ann@example.com', 'bob@example.com');
    await expect(details.getByRole('row')).toHaveCount(3);
    await expect(details.getByRole('row').nth(1)).toContainText('first_name: "Ann" → "Annie"');
    await expect(details.getByRole('row').nth(1)).toContainText(
      'tags: ["old"] → ["vip"] (replaced wholesale)',
    );
    await expect(details.getByRole('row').nth(2)).toContainText('Nothing changes');
    await page.getByRole('button', { name: 'Conflict (3)' }).click();
    await expect(page.getByText('3 rows shown.', { exact: false })).toBeVisible();
    await gridEmails('cy@example.com', 'dee@example.com', 'fay@example.com');
    await expect(details.getByRole('row')).toHaveCount(4);
    await expect(details).toContainText('Conflict: mobile phone +61412000002 is already held by profile 2');
    await expect(details).toContainText('status "platinum" is not a status of the tenant');
    await expect(details).toContainText('currency EUR is not configured in the tenant');
    await page.getByRole('button', { name: 'Will create (2)' }).click();
    await expect(page.getByText('2 rows shown.', { exact: false })).toBeVisible();
    await gridEmails('new@example.com', 'eve@example.com');
    await expect(details).toContainText('Warning: tags: tag "brand-new" is new to the tenant');

    // Create only: the confirmation states the counts, and only the creates are sent.
    await compare.getByRole('radio', { name: /^Create only/ }).check();
    await page.getByRole('button', { name: /^Import to / }).click();
    const dialog = page.getByRole('dialog', { name: 'Send these profiles?' });
    await expect(dialog).toContainText(
      'Compared with Omneo: 2 new profiles, 0 updates, 3 conflicts not sent, 2 skipped (create only).',
    );
    await dialog.getByRole('button', { name: 'Send 2 profiles' }).click();
    await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible({ timeout: 60_000 });
    const sent = sim.state().batches.flatMap((b) => b.items.map((i) => i.external_id));
    expect(sent).toEqual(['new@example.com', 'eve@example.com']);
    expect(tenant()['ann@example.com']).toEqual(before['ann@example.com']);

    // Someone changes Eve after the import.
    const eve = await editProfile(sim, 'eve@example.com', { first_name: 'Eva' });

    // Undo from Past imports: counts first, then the report listing the kept profile.
    await page.getByRole('button', { name: /^Undo this import: compare\.csv/ }).click();
    const undo = page.getByRole('dialog', { name: 'Undo the import of compare.csv?' });
    await expect(undo).toContainText('Delete 1, restore 0, keep 1 (changed since).');
    await expect(undo.getByRole('region', { name: 'Kept — changed since the import' })).toContainText(
      `Line 6, profile ${eve}: changed since`,
    );
    await undo.getByRole('button', { name: 'Undo import' }).click();
    await expect(undo.getByRole('status')).toHaveText('Undone: 1 deleted, 0 restored, 1 kept.', {
      timeout: 30_000,
    });
    await expect(undo.getByRole('region', { name: 'Kept — changed since the import' })).toContainText(
      'Line 6',
    );
    const { 'eve@example.com': kept, ...rest } = tenant();
    expect(rest).toEqual(before);
    expect(kept).toMatchObject({ first_name: 'Eva' });
    await undo.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByText('Undone', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Undo this import/ })).toHaveCount(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
