/**
 * Crash isolation: a batch holding a value that cannot be written as JSON (a BigInt) fails its own
 * rows with the reason; the other batches are sent, and the run ends normally.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OmneoClient } from '../../../electron/omneo/api-client';
import { runImport } from '../../../electron/runner/batch-runner';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import type { OmneoProfile } from '../../../shared/omneo/profile-schema';
import { chunk, streamed } from './support/plan-people';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 5 });
});
afterAll(() => sim.close());

it('fails only the batch with a value that cannot be serialised, with the reason', async () => {
  const rows = Array.from({ length: 30 }, (_, i) => ({
    line: i + 2,
    matchKey: `p${i}@example.com`,
    profile: {
      email: `p${i}@example.com`,
      first_name: `P${i}`,
      ...(i === 15 && { custom_attributes: [{ namespace: 'x', handle: 'n', value: 10n }] }),
    } as unknown as OmneoProfile,
  }));
  const result = await runImport({
    client: new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token, timeoutMs: 5_000 }),
    batches: streamed(chunk(rows, 10)),
    matchCriteria: 'email',
    concurrency: 2,
    wait: true,
  });
  expect(result.status).toBe('completed');
  const failed = result.rows.filter((r) => r.outcome === 'failed');
  expect(failed.map((r) => r.line)).toEqual(rows.slice(10, 20).map((r) => r.line));
  expect(failed.every((r) => /could not be sent: .*BigInt/i.test(r.error ?? ''))).toBe(true);
  expect(result.rows.filter((r) => r.outcome === 'created')).toHaveLength(20);
  expect(sim.state().profiles).toHaveLength(20);
});
