/**
 * `omneo-import check FILE --compare` against a seeded simulator over loopback (in process).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../../electron/cli/cli-context';
import { runCli } from '../../../electron/cli/main';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { compareCsv, seededTenant, writeCsv } from '../compare/compare-fixture';

let sim: RunningSimulator;
let file = '';
const journalDir = mkdtempSync(path.join(tmpdir(), 'check-compare-'));

beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 5, tenant: seededTenant });
  file = await writeCsv(compareCsv);
  process.env.CHECK_COMPARE_TOKEN = sim.token;
});
afterAll(async () => {
  delete process.env.CHECK_COMPARE_TOKEN;
  await sim.close();
});

async function check(...extra: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const context: CliContext = { out: (t) => (out += t), err: (t) => (err += t), exitCode: 0 };
  const code = await runCli(
    [
      'check',
      file,
      '--phone-region',
      'AU',
      '--base-url',
      sim.baseUrl,
      '--token-env',
      'CHECK_COMPARE_TOKEN',
      '--journal-dir',
      journalDir,
      ...extra,
    ],
    context,
  );
  return { code, out, err };
}

describe('check --compare', () => {
  it('prints the counts, the cost and each row, and exits 1 for conflicts', async () => {
    const { code, out } = await check('--compare');
    expect(code).toBe(1);
    expect(out).toContain('compare (create and update): 2 new profiles, 2 updates, 3 conflicts not sent');
    expect(out).toMatch(/cost: \d+ requests \(\d+ per 1,000 rows\)/);
    expect(out).toContain(
      'line 3 update profile 1: first_name "Ann" → "Annie"; tags (replaced) [old] → [vip]',
    );
    expect(out).toContain(
      'line 4 conflict profile 3: not sent — conflict: mobile phone +61412000002 is already held by profile 2',
    );
    expect(out).toContain('line 6 create: warning: tags: tag "brand-new" is new to the tenant');
  });

  it('--json carries the counts and every row with whether it is sent', async () => {
    const { out } = await check('--compare', '--json', '--mode', 'create');
    const json = JSON.parse(out) as {
      compare: {
        counts: Record<string, number>;
        rows: { line: number; send: boolean; reason?: string }[];
        summary: string;
      };
    };
    expect(json.compare.summary).toBe(
      '2 new profiles, 0 updates, 3 conflicts not sent, 2 skipped (create only)',
    );
    expect(json.compare.rows.filter((r) => r.send).map((r) => r.line)).toEqual([2, 6]);
    expect(json.compare.rows.find((r) => r.line === 7)?.reason).toBe(
      'matches existing profile 2 (create only)',
    );
  });

  it('--mode update implies a compare; no token is exit 2 with a clear message', async () => {
    const { out } = await check('--mode', 'update');
    expect(out).toContain(
      'compare (update only): 0 new profiles, 2 updates, 3 conflicts not sent, 2 skipped',
    );
    const { code, out: noToken } = await check('--compare', '--token-env', 'NO_SUCH_TOKEN_VAR');
    expect(code).toBe(2);
    expect(noToken).toContain('compare: no API token: set the NO_SUCH_TOKEN_VAR environment variable');
  });

  it('refuses an unknown mode as a usage error', async () => {
    const { code, err } = await check('--mode', 'merge');
    expect(code).toBe(64);
    expect(err).toContain('--mode');
  });
});
