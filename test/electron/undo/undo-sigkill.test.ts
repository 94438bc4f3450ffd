/**
 * `omneo-import undo` killed with SIGKILL mid-way (the bundled CLI in a child process, against a
 * rate-limited simulator in this process) and run again ends with the tenant as it was.
 */
import { execFileSync, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startSimulator,
  type RunningSimulator,
  type SimProfile,
} from '../../../electron/simulator/simulator';
import { repoRoot } from '../../support/shared-paths';
import { cli, jobIdOf } from '../compare/cli-harness';
import { seededTenant, writeCsv } from '../compare/compare-fixture';

let sim: RunningSimulator;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: repoRoot });
  sim = await startSimulator({ processingDelayMs: 5, tenant: seededTenant });
  process.env.UNDO_KILL_TOKEN = sim.token;
});
afterAll(async () => {
  delete process.env.UNDO_KILL_TOKEN;
  await sim.close();
});

const tenant = () =>
  sim
    .state()
    .profiles.map(({ created_at: _c, updated_at: _u, ...rest }: SimProfile) => rest)
    .sort((a, b) => a.id - b.id);

describe('undo after SIGKILL', () => {
  it('resumes and leaves the tenant as it was before the import', async () => {
    const journalDir = await fs.mkdtemp(path.join(os.tmpdir(), 'undo-kill-'));
    const connection = [
      '--base-url',
      sim.baseUrl,
      '--token-env',
      'UNDO_KILL_TOKEN',
      '--journal-dir',
      journalDir,
    ];
    const before = tenant();
    const rows = Array.from({ length: 40 }, (_, i) => `new${i}@example.com,New ${i}`);
    const file = await writeCsv(['Email,First Name', 'ann@example.com,Annie', ...rows].join('\n'));
    const run = await cli('run', file, '--compare', '--json', ...connection);
    const jobId = jobIdOf(run);
    expect(sim.state().profiles).toHaveLength(43);

    sim.configure({ rateLimitPerMinute: 600 });
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'dist', 'cli.mjs'), 'undo', jobId, ...connection, '--yes', '--concurrency', '2'],
      { env: { ...process.env }, stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const deadline = Date.now() + 30_000;
    while (sim.state().profiles.length > 33 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const left = sim.state().profiles.length;
    expect(left).toBeLessThan(43);
    expect(left).toBeGreaterThan(3);

    sim.configure({ rateLimitPerMinute: null });
    const resumed = await cli('undo', jobId, ...connection, '--yes');
    expect(resumed.code).toBe(0);
    expect(resumed.err).toMatch(/\(\d+ done by an earlier undo\)/);
    expect(tenant()).toEqual(before);
  }, 60_000);
});
