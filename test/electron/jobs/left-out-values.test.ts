/**
 * Values left out on the way (an invalid value under "leave out invalid values", a mobile phone an
 * earlier row has under `--repeated-phones leave-out`) are named per row in results.csv's
 * `left_out` column and counted in the run's summary and its job record — `run` against the
 * simulator over loopback.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listJobSummaries } from '../../../electron/jobs/job-store';
import { cli as runInProcess } from '../compare/cli-harness';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';

let tmp: string;
let sim: RunningSimulator | null = null;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'left-out-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});
afterEach(async () => {
  await sim?.close();
  sim = null;
  delete process.env.OMNEO_TEST_TOKEN;
});

/** The CLI in process (the shared harness), called with an argument list. */
const cli = (args: string[]) => runInProcess(...args);

const file = [
  'email,mobile_phone,birth_date',
  'ana@example.com,0491 570 156,1990-02-03',
  'ben@example.com,0491 570 156,not a date',
  'cat@example.com,0491 570 157,1985-07-08',
].join('\n');

describe('values left out', () => {
  it('are named per row in results.csv and counted in the summary and the job record', async () => {
    sim = await startSimulator();
    process.env.OMNEO_TEST_TOKEN = sim.token;
    const input = path.join(tmp, 'people.csv');
    await fs.writeFile(input, `${file}\n`);
    const jobs = path.join(tmp, 'jobs');
    const { code, out } = await cli([
      'run',
      input,
      '--base-url',
      sim.baseUrl,
      '--token-env',
      'OMNEO_TEST_TOKEN',
      '--journal-dir',
      jobs,
      '--report',
      path.join(tmp, 'report'),
      '--phone-region',
      'AU',
      '--on-invalid-value',
      'drop',
      '--repeated-phones',
      'leave-out',
    ]);
    expect(out).toContain('left out: 2 values left out of 1 row (see the left_out column of results.csv)');
    expect(code).toBe(0);
    const text = await fs.readFile(path.join(tmp, 'report', 'results.csv'), 'utf8');
    const rows = Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => [r.match_key, r.left_out])).toEqual([
      ['ana@example.com', ''],
      ['ben@example.com', 'birth_date (invalid); mobile_phone (repeated from an earlier row)'],
      ['cat@example.com', ''],
    ]);
    // What was sent agrees: ben has neither the phone nor a birth date.
    const ben = sim.state().profiles.find((p) => p.email === 'ben@example.com');
    expect(ben?.mobile_phone).toBeUndefined();
    expect(ben?.birth_year).toBeUndefined();
    const [summary] = await listJobSummaries(jobs);
    expect(summary?.leftOut).toEqual({ values: 2, rows: 1 });
  });
});
