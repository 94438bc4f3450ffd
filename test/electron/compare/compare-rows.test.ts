import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countCompare, formatCompareCounts, sendDecision } from '../../../shared/compare/import-mode';
import { runCompare, requestsPer1000Rows } from '../../../electron/compare/run-compare';
import { OmneoClient } from '../../../electron/omneo/api-client';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { compareCsv, seededTenant, sendableRows, writeCsv } from './compare-fixture';

let sim: RunningSimulator;
let client: OmneoClient;

beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 5, tenant: seededTenant });
  client = new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  sim.configure({ acceptsEmailInFilter: true, rateLimitPerMinute: null });
});

describe('compare with a seeded tenant', () => {
  it('answers every row exactly: create, update with old → new, conflicts and unknown references', async () => {
    const { rows, match } = await sendableRows(await writeCsv(compareCsv));
    const run = await runCompare({ client, match, rows });
    expect(run.kind).toBe('compared');
    const byLine = new Map(run.answers.map((a) => [a.line, a]));
    expect(run.answers.map((a) => [a.line, a.action, a.profileId])).toEqual([
      [2, 'create', null],
      [3, 'update', '1'],
      [4, 'conflict', '3'],
      [5, 'conflict', null],
      [6, 'create', null],
      [7, 'update', '2'],
      [8, 'conflict', null],
    ]);
    expect(byLine.get(3)?.changes).toEqual([
      { field: 'first_name', old: 'Ann', new: 'Annie', replacesList: false },
      { field: 'tags', old: ['old'], new: ['vip'], replacesList: true },
    ]);
    expect(byLine.get(4)?.conflicts).toEqual([
      {
        field: 'mobile_phone',
        message: 'mobile phone +61412000002 is already held by profile 2',
        heldBy: '2',
      },
    ]);
    expect(byLine.get(5)?.conflicts.map((c) => c.message)).toEqual([
      'statuses: status "platinum" is not a status of the tenant',
    ]);
    expect(byLine.get(6)?.warnings.map((w) => w.message)).toEqual([
      'tags: tag "brand-new" is new to the tenant; Omneo will create it',
    ]);
    expect(byLine.get(7)?.changes).toEqual([]);
    expect(byLine.get(8)?.conflicts.map((c) => c.field)).toEqual(['currency']);

    const counts = countCompare(run.answers, 'both');
    expect(counts).toEqual({
      rows: 7,
      create: 2,
      update: 2,
      unchanged: 1,
      conflict: 3,
      skippedByMode: 0,
      withWarnings: 1,
    });
    expect(formatCompareCounts(counts, 'both')).toBe('2 new profiles, 2 updates, 3 conflicts not sent');
    expect(run.emailInFilter).toBe(true);
    // Read-only: the tenant is as seeded.
    expect(sim.state().profiles.map((p) => p.first_name)).toEqual(['Ann', 'Bob', 'Cy']);
    expect(sim.state().requests.every((r) => r.method === 'GET' || r.path.includes('/availability'))).toBe(
      true,
    );
  });

  it('gives the same answers with single look-ups when the tenant refuses filter[email][in]', async () => {
    const { rows, match } = await sendableRows(await writeCsv(compareCsv));
    const batched = await runCompare({ client, match, rows });
    sim.configure({ acceptsEmailInFilter: false });
    const single = await runCompare({ client, match, rows });
    expect(single.emailInFilter).toBe(false);
    expect(single.answers).toEqual(batched.answers);
    // 7 single look-ups instead of one list look-up, plus the one refused list request.
    expect(single.requests - batched.requests).toBe(7);
  });

  it('skips by mode: create only skips matches, update only skips new rows, conflicts never go', async () => {
    const { rows, match } = await sendableRows(await writeCsv(compareCsv));
    const run = await runCompare({ client, match, rows });
    const sent = (mode: 'create' | 'update' | 'both') =>
      run.answers.filter((a) => sendDecision(a, mode).send).map((a) => a.line);
    expect(sent('both')).toEqual([2, 3, 6, 7]);
    expect(sent('create')).toEqual([2, 6]);
    expect(sent('update')).toEqual([3, 7]);
    const skipped = run.answers.find((a) => a.line === 3);
    expect(skipped && sendDecision(skipped, 'create')).toEqual({
      send: false,
      reason: 'matches existing profile 1 (create only)',
    });
    expect(formatCompareCounts(countCompare(run.answers, 'update'), 'update')).toBe(
      '0 new profiles, 2 updates, 3 conflicts not sent, 2 skipped (update only)',
    );
    // An update that changes nothing is only told of when the mode sends updates.
    expect(countCompare(run.answers, 'update').unchanged).toBe(1);
    const createOnly = countCompare(run.answers, 'create');
    expect(createOnly.unchanged).toBe(0);
    expect(formatCompareCounts(createOnly, 'create')).toBe(
      '2 new profiles, 0 updates, 3 conflicts not sent, 2 skipped (create only)',
    );
  });
});

describe('compare cost, cancel and resume', () => {
  const manyRows = (n: number): string =>
    [
      'Email,First Name',
      ...Array.from({ length: n }, (_, i) => `person${i}@example.com,P${i}`),
      'ann@example.com,Ann',
    ].join('\n');

  it('costs one list look-up per 100 rows plus the reference lists', async () => {
    const { rows, match } = await sendableRows(await writeCsv(manyRows(299)));
    const run = await runCompare({ client, match, rows });
    // /users/me + 7 reference lists + 3 list look-ups; no phones, so no availability checks.
    expect(run.requests).toBe(11);
    expect(requestsPer1000Rows(run)).toBe(37);
  });

  it('stops when cancelled and resumes from its checkpoint without looking rows up again', async () => {
    const file = await writeCsv(manyRows(299));
    const checkpointFile = path.join(path.dirname(file), 'compare.jsonl');
    const { rows, match } = await sendableRows(file);
    const controller = new AbortController();
    const first = await runCompare({
      client,
      match,
      rows,
      checkpointFile,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.rows >= 100) controller.abort();
      },
    });
    expect(first.kind).toBe('cancelled');
    expect((await fs.stat(checkpointFile)).mode & 0o777).toBe(0o600);
    const resumed = await runCompare({ client, match, rows, checkpointFile });
    expect(resumed.kind).toBe('compared');
    expect(resumed.answers).toHaveLength(300);
    expect(resumed.rowsLookedUp).toBe(200);
    expect(resumed.answers.at(-1)).toMatchObject({ line: 301, action: 'update', profileId: '1' });
    await expect(fs.stat(checkpointFile)).rejects.toThrow();
  });

  it('stays within a rate limit by retrying 429 answers', async () => {
    sim.configure({ rateLimitPerMinute: 600 });
    const { rows, match } = await sendableRows(await writeCsv(compareCsv));
    const run = await runCompare({ client, match, rows, concurrency: 8 });
    expect(run.kind).toBe('compared');
    expect(countCompare(run.answers, 'both').conflict).toBe(3);
  });
});
