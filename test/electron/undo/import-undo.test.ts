/**
 * Import then undo, against a seeded simulator over loopback: modes send exactly what they say, and
 * undo leaves the tenant as it was except the profiles changed since the import (kept and listed).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startSimulator,
  type RunningSimulator,
  type SimProfile,
} from '../../../electron/simulator/simulator';
import { cli, jobIdOf } from '../compare/cli-harness';
import { compareCsv, seededTenant, writeCsv } from '../compare/compare-fixture';

let sim: RunningSimulator;
let file = '';
let journalDir = '';

beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 5, tenant: seededTenant });
  file = await writeCsv(compareCsv);
  process.env.UNDO_TEST_TOKEN = sim.token;
});
afterAll(async () => {
  delete process.env.UNDO_TEST_TOKEN;
  await sim.close();
});
beforeEach(async () => {
  sim.reset();
  journalDir = await fs.mkdtemp(path.join(os.tmpdir(), 'undo-jobs-'));
});

const connection = () => [
  '--base-url',
  sim.baseUrl,
  '--token-env',
  'UNDO_TEST_TOKEN',
  '--journal-dir',
  journalDir,
];
const importFile = (...extra: string[]) =>
  cli('run', file, '--phone-region', 'AU', '--json', ...connection(), ...extra);
/** The tenant's profiles without timestamps and ids, by email. */
const tenant = () =>
  Object.fromEntries(
    sim
      .state()
      .profiles.map(({ created_at: _c, updated_at: _u, id: _id, ...rest }: SimProfile) => [rest.email, rest]),
  );

describe('modes', () => {
  it('create only sends the new rows; matches and conflicts are skipped with their reason', async () => {
    const run = await importFile('--mode', 'create');
    expect(run.code).toBe(1);
    const emails = sim.state().batches.flatMap((b) => b.items.map((i) => i.external_id));
    expect(emails).toEqual(['new@example.com', 'eve@example.com']);
    const errors = await fs.readFile(path.join(journalDir, jobIdOf(run), 'report', 'errors.csv'), 'utf8');
    expect(errors).toContain('skipped: matches existing profile 1 (create only)');
    expect(errors).toContain('skipped: conflict: mobile phone +61412000002 is already held by profile 2');
    expect(tenant()['ann@example.com']?.first_name).toBe('Ann');
  });

  it('update only sends the rows matching a profile', async () => {
    await importFile('--mode', 'update');
    const sent = sim.state().batches.flatMap((b) => b.items.map((i) => [i.external_id, i.status]));
    expect(sent).toEqual([
      ['ann@example.com', 'updated'],
      ['bob@example.com', 'updated'],
    ]);
    expect(Object.keys(tenant())).toEqual(['ann@example.com', 'bob@example.com', 'cy@example.com']);
  });
});

describe('undo', () => {
  it('deletes what the import created, restores what it updated, and keeps a profile changed since', async () => {
    const before = tenant();
    const run = await importFile('--compare');
    const jobId = jobIdOf(run);
    expect(tenant()['ann@example.com']).toMatchObject({ first_name: 'Annie', tags: ['vip'] });
    expect(Object.keys(tenant())).toHaveLength(5);
    const plan = await fs.stat(path.join(journalDir, jobId, 'undo-plan.json'));
    expect(plan.mode & 0o777).toBe(0o600);
    // Someone edits Bob after the import.
    const bob = sim.state().profiles.find((p) => p.email === 'bob@example.com');
    const edited = await fetch(`${sim.baseUrl}/profiles/${bob?.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ first_name: 'Robert' }),
    });
    expect(edited.status).toBe(200);

    const undo = await cli('undo', jobId, ...connection(), '--yes');
    expect(undo.err).toContain(`undo job ${jobId}: delete 2, restore 1, keep 1`);
    expect(undo.out).toContain('undo of job');
    expect(undo.out).toContain('2 deleted, 1 restored');
    expect(undo.out).toMatch(/kept — changed since \(updated_at [^)]+\): profile 2 \(line 7\)/);
    expect(undo.code).toBe(1);
    expect(tenant()).toEqual({
      ...before,
      'bob@example.com': { ...before['bob@example.com'], first_name: 'Robert' },
    });

    // Run again: nothing left to do, nothing touched twice.
    const again = await cli('undo', jobId, ...connection(), '--yes', '--json');
    const planLine = JSON.parse(again.out.split('\n')[0] ?? '{}') as { counts: Record<string, number> };
    expect(planLine.counts).toMatchObject({ delete: 0, restore: 0, keep: 1, done: 3 });
  });

  it('is refused for a job that did not compare, and without --yes when not on a terminal', async () => {
    const plain = await importFile();
    const refused = await cli('undo', jobIdOf(plain), ...connection(), '--yes');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('did not record what undo needs');
    sim.reset();
    const compared = await importFile('--compare');
    const imported = tenant();
    const unconfirmed = await cli('undo', jobIdOf(compared), ...connection());
    expect(unconfirmed.err).toContain('Confirm with --yes');
    expect(unconfirmed.code).toBe(64);
    expect(tenant()).toEqual(imported);
  });

  it('refuses another tenant than the job\u2019s', async () => {
    const run = await importFile('--compare');
    const other = await cli(
      'undo',
      jobIdOf(run),
      ...connection(),
      '--base-url',
      'http://127.0.0.1:9/api/v3',
      '--yes',
    );
    expect(other.code).toBe(64);
    expect(other.err).toContain('was imported into');
  });
});
