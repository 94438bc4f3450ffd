/**
 * One job, two front ends: an import started in the app (its services over a data folder, a saved
 * connection to the simulator) and interrupted by the app quitting is finished by
 * `omneo-import run --resume JOB` over the same jobs folder — the fault issue 8 names
 * (`TypeError: Cannot convert undefined or null to object`, exit 70). Every valid row ends in the
 * tenant once; a resume aimed at another tenant is refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodes } from '../../../electron/cli/cli-context';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { fixturePath } from '../../support/shared-paths';
import { cli } from '../compare/cli-harness';
import { checkAll, openFile, startWorkspace, valueOf, type Job } from '../workspace/workspace-harness';

describe('a job started in the app, resumed by the CLI', () => {
  let sim: RunningSimulator;
  let other: RunningSimulator;
  let dataDir: string;
  let reports: string;
  let jobId: string;
  let valid: number;

  beforeAll(async () => {
    sim = await startSimulator({ processingDelayMs: 5, latencyMs: 60 });
    other = await startSimulator({ processingDelayMs: 5 });
    reports = await mkdtemp(path.join(os.tmpdir(), 'omneo-cross-'));
    const app = await startWorkspace();
    dataDir = app.dataDir;
    const saved = valueOf<{ connection: { id: string } }>(
      await app.call('connections:save', { name: 'Sim', baseUrl: sim.baseUrl, token: sim.token }),
    );
    const fileId = await openFile(app, fixturePath('people-10000.csv'));
    await app.call('mapping:suggest', { fileId });
    valid = valueOf<{ summary: { valid: number } }>(
      await checkAll(app, { fileId, options: { phoneRegion: 'US', batchSize: 100, onInvalidValue: 'drop' } }),
    ).summary.valid;
    const settled = new Promise<void>((resolve) => {
      const off = app.services.events.subscribe((event, payload) => {
        const p = payload as { batch?: { state: string } };
        if (event === 'batch:settled' && p.batch?.state === 'settled') {
          off();
          resolve();
        }
      });
    });
    jobId = valueOf<{ job: Job }>(
      await app.call('import:start', { fileId, connectionId: saved.connection.id, confirmed: true }),
    ).job.id;
    await settled;
    await app.close(true); // the app quits with the job unfinished
  });
  afterAll(async () => {
    await sim.close();
    await other.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(reports, { recursive: true, force: true });
  });

  const resumeArgs = (baseUrl: string) => [
    'run',
    '--resume',
    jobId,
    '--journal-dir',
    path.join(dataDir, 'jobs'),
    '--base-url',
    baseUrl,
    '--token-env',
    'OMNEO_CROSS_TOKEN',
    '--report',
    reports,
  ];

  it('refuses to resume it against another tenant', async () => {
    process.env.OMNEO_CROSS_TOKEN = other.token;
    const refused = await cli(...resumeArgs(other.baseUrl));
    expect([exitCodes.usage, exitCodes.fileError]).toContain(refused.code);
    expect(refused.err).not.toMatch(/TypeError|\n\s+at /);
    expect(other.state().requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('finishes it: every valid row in the tenant once, no stack trace', async () => {
    const before = sim.state().profiles.length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(valid);
    process.env.OMNEO_CROSS_TOKEN = sim.token;
    const resumed = await cli(...resumeArgs(sim.baseUrl));
    expect(resumed.err).not.toMatch(/TypeError|\n\s+at /);
    expect([exitCodes.ok, exitCodes.rowProblems]).toContain(resumed.code);
    const emails = sim.state().profiles.map((p) => String(p.email));
    expect(emails).toHaveLength(valid);
    expect(new Set(emails).size).toBe(valid);
  });
});
