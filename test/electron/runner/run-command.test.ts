/**
 * `omneo-import run` in-process against the simulator: a full import, bad credentials, a file
 * error, usage errors, a revoked token then `--resume`, and a changed file refusing to resume.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { exitCodes, type CliContext } from '../../../electron/cli/cli-context';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { casePath, fixturePath } from '../../support/shared-paths';

let tmp: string;
let sim: RunningSimulator | null = null;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'run-command-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});
afterEach(async () => {
  await sim?.close();
  sim = null;
  delete process.env.OMNEO_TEST_TOKEN;
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const context: CliContext = { out: (t) => (out += t), err: (t) => (err += t), exitCode: 0 };
  const code = await runCli(args, context);
  return { code, out, err };
}

async function readCsv(file: string): Promise<Record<string, string>[]> {
  const text = await fs.readFile(file, 'utf8');
  return Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

function runArgs(s: RunningSimulator, file: string, name: string, extra: string[] = []): string[] {
  return [
    'run',
    file,
    '--base-url',
    s.baseUrl,
    '--token-env',
    'OMNEO_TEST_TOKEN',
    '--journal-dir',
    path.join(tmp, 'jobs'),
    '--report',
    path.join(tmp, name),
    ...extra,
  ];
}

const posts = (s: RunningSimulator) => s.state().requests.filter((r) => r.method === 'POST');

describe('omneo-import run', () => {
  it('imports people-1000.csv, writes reports that reconcile, and puts every valid row in Omneo once', async () => {
    sim = await startSimulator({ processingDelayMs: 20 });
    process.env.OMNEO_TEST_TOKEN = sim.token;
    const { code, out, err } = await cli(
      runArgs(sim, fixturePath('people-1000.csv'), 'full', ['--phone-region', 'US']),
    );
    expect(err).toContain('job ');
    expect(out).toMatch(
      /^1000 rows = \d+ blank \+ \d+ invalid \+ \d+ duplicate \+ \d+ created \+ 0 updated \+ 0 failed ✓$/m,
    );
    const results = await readCsv(path.join(tmp, 'full', 'results.csv'));
    expect(results).toHaveLength(1000);
    const created = results.filter((r) => r.outcome === 'created');
    const emails = new Set(sim.state().profiles.map((p) => String(p.email)));
    expect(emails.size).toBe(created.length);
    expect(sim.state().profiles).toHaveLength(created.length);
    const problems = results.filter((r) => r.outcome !== 'created');
    expect(code).toBe(problems.length === 0 ? exitCodes.ok : exitCodes.rowProblems);
    if (problems.some((r) => r.outcome === 'invalid')) {
      const errors = await readCsv(path.join(tmp, 'full', 'errors.csv'));
      expect(errors.length).toBe(problems.filter((r) => r.outcome === 'invalid').length);
      expect(Object.keys(errors[0]!)).toEqual([
        'Index',
        'User Id',
        'First Name',
        'Last Name',
        'Sex',
        'Email',
        'Phone',
        'Date of birth',
        'Job Title',
        'error',
      ]);
    }
  });

  it('prints events as JSON Lines with --json, ending with the report', async () => {
    sim = await startSimulator({ processingDelayMs: 10 });
    process.env.OMNEO_TEST_TOKEN = sim.token;
    const { out } = await cli(runArgs(sim, casePath('26-formula-injection.csv'), 'json', ['--json']));
    const events = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string });
    expect(events[0]).toMatchObject({ kind: 'job' });
    expect(events.map((e) => e.kind)).toContain('batch-settled');
    expect(events.at(-1)).toMatchObject({
      kind: 'report',
      status: 'completed',
      counts: { rows: 3, created: 3 },
      exitCode: 0,
    });
    const results = await fs.readFile(path.join(tmp, 'json', 'results.csv'), 'utf8');
    expect(results).not.toMatch(/(^|,)[=+\-@]/m);
    expect(sim.state().profiles.map((p) => p.first_name)).toContain(
      '=HYPERLINK("http://example.com/x","Click")',
    );
  });

  it('refuses a bad token before sending anything (exit 2), and never prints it', async () => {
    sim = await startSimulator();
    process.env.OMNEO_TEST_TOKEN = 'wrong-token-123456';
    const { code, err, out } = await cli(runArgs(sim, fixturePath('people-1000.csv'), 'bad-token'));
    expect(code).toBe(exitCodes.fileError);
    expect(err).toMatch(/refused the token in OMNEO_TEST_TOKEN \(HTTP 401/);
    expect(err + out).not.toContain('wrong-token-123456');
    expect(posts(sim)).toHaveLength(0);
  });

  it('sends nothing when the file has a file error (exit 2, names the line)', async () => {
    sim = await startSimulator();
    process.env.OMNEO_TEST_TOKEN = sim.token;
    const { code, err } = await cli(runArgs(sim, casePath('31-unclosed-quote.csv'), 'file-error'));
    expect(code).toBe(exitCodes.fileError);
    expect(err).toMatch(/line 3/);
    expect(posts(sim)).toHaveLength(0);
  });

  it.each([
    [['--concurrency', '0']],
    [['--batch-size', '501']],
    [['--base-url', 'http://example.com/api/v3']],
  ])('usage error %j → 64', async (extra) => {
    sim = await startSimulator();
    process.env.OMNEO_TEST_TOKEN = sim.token;
    const args = runArgs(sim, fixturePath('people-1000.csv'), 'usage');
    const at = args.indexOf(extra[0]!);
    const final = at >= 0 ? [...args.slice(0, at), ...extra, ...args.slice(at + 2)] : [...args, ...extra];
    expect((await cli(final)).code).toBe(exitCodes.usage);
    expect(posts(sim)).toHaveLength(0);
  });

  it('stops when the token is revoked mid-run (exit 2) and --resume finishes the job', async () => {
    sim = await startSimulator({ processingDelayMs: 10, revokeTokenAfter: 8 });
    process.env.OMNEO_TEST_TOKEN = sim.token;
    const first = await cli(
      // Invalid phones left out (most datablist numbers are not dialable), so all 1,000 rows go
      // in 20 batches and the token is revoked with batches still to send.
      runArgs(sim, fixturePath('people-1000.csv'), 'revoked', [
        '--phone-region',
        'US',
        '--on-invalid-value',
        'drop',
        '--batch-size',
        '50',
        '--json',
      ]),
    );
    expect(first.code).toBe(exitCodes.fileError);
    const events = first.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; jobId?: string; status?: string });
    expect(events).toContainEqual(expect.objectContaining({ kind: 'paused', reason: 'credentials' }));
    const report = events.at(-1)!;
    expect(report).toMatchObject({ kind: 'report', status: 'paused-credentials' });
    const jobId = report.jobId!;
    const acceptedBefore = sim.state().batches.length;

    sim.configure({ token: 'fixed-token' });
    process.env.OMNEO_TEST_TOKEN = 'fixed-token';
    const second = await cli([
      'run',
      '--resume',
      jobId,
      '--token-env',
      'OMNEO_TEST_TOKEN',
      '--journal-dir',
      path.join(tmp, 'jobs'),
      '--report',
      path.join(tmp, 'revoked-2'),
    ]);
    expect(second.out).toMatch(/✓/);
    const results = await readCsv(path.join(tmp, 'revoked-2', 'results.csv'));
    const valid = results.filter((r) => r.status === 'valid');
    expect(valid.every((r) => r.outcome === 'created')).toBe(true);
    const emails = sim.state().profiles.map((p) => String(p.email));
    expect(emails).toHaveLength(valid.length);
    expect(new Set(emails).size).toBe(valid.length);
    expect(sim.state().batches.length).toBeGreaterThan(acceptedBefore);
  });

  it('resumes from the rows as checked: refuses the file once it changed, and never sends the change', async () => {
    sim = await startSimulator({ processingDelayMs: 10, revokeTokenAfter: 2 });
    process.env.OMNEO_TEST_TOKEN = sim.token;
    const copy = path.join(tmp, 'changing.csv');
    const rows = Array.from({ length: 30 }, (_, i) => `person${i}@example.com,P${i}`);
    await fs.writeFile(copy, `email,first_name\n${rows.join('\n')}\n`);
    const first = await cli(
      runArgs(sim, copy, 'changing', ['--json', '--batch-size', '5', '--concurrency', '1']),
    );
    expect(first.code).toBe(exitCodes.fileError);
    const jobId = (JSON.parse(first.out.split('\n')[0]!) as { jobId: string }).jobId;
    // The file is edited after the check: every name changes, and a row is added.
    await fs.writeFile(
      copy,
      `email,first_name\n${rows.map((r) => `${r}-EDITED`).join('\n')}\nnew@example.com,New\n`,
    );
    sim.configure({ token: 'fixed-token' });
    process.env.OMNEO_TEST_TOKEN = 'fixed-token';
    const withFile = await cli([...runArgs(sim, copy, 'changing-2'), '--resume', jobId]);
    expect(withFile.code).toBe(exitCodes.fileError);
    expect(withFile.err).toMatch(/changing\.csv is not the file job .* checked/);
    const resumed = await cli([
      ...runArgs(sim, copy, 'changing-3').filter((a) => a !== copy),
      '--resume',
      jobId,
    ]);
    expect(resumed.code).toBe(exitCodes.ok);
    const names = sim.state().profiles.map((p) => String(p.first_name));
    expect(names).toHaveLength(30);
    expect(names.some((n) => n.includes('EDITED'))).toBe(false);
    expect(sim.state().profiles.map((p) => String(p.email))).not.toContain('new@example.com');
    // errors.csv has no original cells from a changed file; results still name every row
    const results = await readCsv(path.join(tmp, 'changing-3', 'results.csv'));
    expect(results.map((r) => r.outcome)).toEqual(Array(30).fill('created'));
    expect(results[0]).toMatchObject({ match_key: 'person0@example.com' });
    expect(results[0]!.profile_id).toMatch(/^\d+$/);
  });
});
