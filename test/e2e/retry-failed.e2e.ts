// Retry failed rows: Omneo fails an item (its mobile_phone already belongs to another profile in
// the tenant), the Results step lists the failed row with Omneo's reason, and once the tenant no
// longer holds that phone, "Retry failed rows" sends it — after a confirmation, as a new job.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../electron/simulator/simulator';
import { expect, test } from './support/app-fixture';
import {
  importAndWait,
  resultCounts,
  sandboxFileToOptions,
  testSandbox,
  toReview,
} from './support/wizard-driver';

/** Sends one batch straight to the Sandbox, as another system writing to the tenant would. */
async function sendDirectly(sim: RunningSimulator, profiles: readonly object[]): Promise<void> {
  const answer = await fetch(`${sim.baseUrl}/profiles/batch`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ match_criteria: 'email', profiles }),
  });
  expect(answer.status).toBe(202);
  await sim.idle();
}

test('failed rows are listed with their reasons and retried once Omneo would take them', async ({ app }) => {
  const { page } = app;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-e2e-retry-'));
  try {
    const file = path.join(dir, 'retry.csv');
    await writeFile(
      file,
      'email,first_name,mobile_phone\nann@example.com,Ann,+61491570150\nbea@example.com,Bea,+61491570151\ncal@example.com,Cal,+61491570152\n',
    );
    await testSandbox(page);
    const sim = app.sandbox();
    await sendDirectly(sim, [{ email: 'holder@example.com', mobile_phone: '+61491570151' }]);

    await sandboxFileToOptions(page, file);
    await toReview(page);
    await importAndWait(page);
    expect(await resultCounts(page)).toMatchObject({ Created: 2, 'Failed (refused by Omneo)': 1 });
    const notSent = page.getByRole('table', { name: 'Rows not sent and why' });
    await expect(notSent.getByRole('row').nth(1)).toContainText(
      /3\s*bea@example\.com\s*Failed at Omneo.*phone number exists/i,
    );

    // The phone is freed in the tenant; retrying sends only Bea's row, once confirmed.
    await sendDirectly(sim, [{ email: 'holder@example.com', mobile_phone: '+61491570159' }]);
    await page.getByRole('button', { name: 'Retry 1 failed rows…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Retry the failed rows?' });
    await expect(dialog).toContainText(/1 profile in 1 batch to Sandbox/);
    expect(sim.state().profiles.find((p) => p.email === 'bea@example.com')).toBeUndefined();
    await dialog.getByRole('button', { name: 'Send 1 profiles' }).click();
    // The retry is a new job: its results count only the retried row.
    await expect
      .poll(() => resultCounts(page), { timeout: 60_000 })
      .toMatchObject({ Created: 1, 'Failed (refused by Omneo)': 0, 'Rows in the file': 1 });
    const bea = sim.state().profiles.filter((p) => p.email === 'bea@example.com');
    expect(bea.map((p) => p.mobile_phone)).toEqual(['+61491570151']);
    expect(sim.state().profiles).toHaveLength(4);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
