/**
 * A job run with a mode keeps it: interrupted during its compare and resumed without --mode it
 * still sends by the mode it started with; resumed with another mode it is refused.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OmneoClient } from '../../../electron/omneo/api-client';
import { runImportJob } from '../../../electron/runner/import-job';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { cli } from '../compare/cli-harness';
import { seededTenant, writeCsv } from '../compare/compare-fixture';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 5, tenant: seededTenant });
  process.env.COMPARE_RESUME_TOKEN = sim.token;
});
afterAll(async () => {
  delete process.env.COMPARE_RESUME_TOKEN;
  await sim.close();
});

describe('a compared job resumed', () => {
  it('keeps the mode it started with after an interrupted compare, and refuses another', async () => {
    const journalDir = await fs.mkdtemp(path.join(os.tmpdir(), 'compare-resume-'));
    const rows = Array.from({ length: 250 }, (_, i) => `new${i}@example.com,New`);
    const file = await writeCsv(['Email,First Name', 'ann@example.com,Annie', ...rows].join('\n'));
    const client = new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token });
    const controller = new AbortController();
    const first = await runImportJob({
      client,
      journalDir,
      path: file,
      concurrency: 2,
      wait: true,
      signal: controller.signal,
      compare: { mode: 'create', onProgress: () => controller.abort() },
    });
    expect(first.kind).toBe('interrupted');
    expect(sim.state().batches).toHaveLength(0);
    const [jobId] = await fs.readdir(journalDir);

    const other = await cli(
      'run',
      '--resume',
      jobId ?? '',
      '--mode',
      'update',
      '--journal-dir',
      journalDir,
      '--base-url',
      sim.baseUrl,
      '--token-env',
      'COMPARE_RESUME_TOKEN',
    );
    expect(other.code).toBe(2);
    expect(other.err).toContain('was started with --mode create');

    const resumed = await runImportJob({
      client,
      journalDir,
      resumeJobId: jobId ?? '',
      concurrency: 2,
      wait: true,
    });
    expect(resumed.kind).toBe('ran');
    const sent = sim.state().batches.flatMap((b) => b.items.map((i) => i.external_id));
    expect(sent).toHaveLength(250);
    expect(sent).not.toContain('ann@example.com');
    expect(sim.state().profiles.find((p) => p.email === 'ann@example.com')?.first_name).toBe('Ann');
  });
});
