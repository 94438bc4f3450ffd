/**
 * The CLI's failure paths as a fresh user meets them, in-process against the simulator: the same
 * exit code for "nothing sendable" in check and run, flags named in usage errors, a JSON event on
 * every failure with --json, job ids checked, a deleted file named, no data rows said, the
 * `--header-row` hint, and one job sent by one process at a time.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { exitCodes, type CliContext } from '../../../electron/cli/cli-context';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { fixturePath } from '../../support/shared-paths';

let tmp: string;
let sim: RunningSimulator | null = null;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'cli-exit-paths-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});
afterEach(async () => {
  await sim?.close();
  sim = null;
  delete process.env.OMNEO_EXIT_TOKEN;
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const context: CliContext = { out: (t) => (out += t), err: (t) => (err += t), exitCode: 0 };
  let code: number;
  try {
    code = await runCli(args, context);
  } catch (error) {
    throw new Error(`runCli threw (${String(error)}); stderr: ${err}`, { cause: error });
  }
  return { code, out, err };
}

async function file(name: string, text: string): Promise<string> {
  const at = path.join(tmp, name);
  await fs.writeFile(at, text);
  return at;
}

async function simArgs(name: string, extra: string[] = []): Promise<string[]> {
  sim ??= await startSimulator({ processingDelayMs: 5 });
  process.env.OMNEO_EXIT_TOKEN ??= sim.token;
  return [
    '--base-url',
    sim.baseUrl,
    '--token-env',
    'OMNEO_EXIT_TOKEN',
    '--journal-dir',
    path.join(tmp, 'jobs'),
    '--report',
    path.join(tmp, name),
    ...extra,
  ];
}

const jsonEvents = (out: string) =>
  out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('nothing sendable is exit 2 in check and in run', () => {
  it('a mapping that cannot be sent (nothing maps to the match key)', async () => {
    const csv = await file('no-email.csv', 'Notes,Remarks\nhello,world\n');
    const checked = await cli(['check', csv]);
    expect(checked.code).toBe(exitCodes.fileError);
    expect(checked.out).toMatch(/matching by email needs a column mapped to email/);
    const ran = await cli(['run', csv, ...(await simArgs('no-email'))]);
    expect(ran.code).toBe(exitCodes.fileError);
    expect(sim?.state().requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('a file with only a header says "no data rows"', async () => {
    const csv = await file('header-only.csv', 'email,first_name\n');
    const checked = await cli(['check', csv]);
    expect(checked.code).toBe(exitCodes.fileError);
    expect(checked.out).toMatch(/No data rows/);
    const json = JSON.parse((await cli(['check', csv, '--json'])).out) as { summary: { rows: number } };
    expect(json.summary.rows).toBe(0);
    const ran = await cli(['run', csv, ...(await simArgs('header-only'))]);
    expect(ran.code).toBe(exitCodes.fileError);
    expect(ran.err).toMatch(/header-only\.csv has no data rows/);
  });

  it('title lines above the header: the mapping error hints --header-row N', async () => {
    const csv = await file(
      'titled.csv',
      'Customer export\nGenerated 2024-01-01\n\nemail,first_name\nana@example.com,Ana\n',
    );
    const checked = await cli(['check', csv]);
    expect(checked.code).toBe(exitCodes.fileError);
    expect(checked.out).toMatch(/line 4 looks like a header: try --header-row 4/);
    expect((await cli(['check', csv, '--header-row', '4'])).code).toBe(exitCodes.ok);
    const ran = await cli(['run', csv, ...(await simArgs('titled'))]);
    expect(ran.err).toMatch(/try --header-row 4/);
  });

  it('an exact `email` header with mostly bad values maps, and the bad values are row errors', async () => {
    const csv = await file(
      'bad-emails.csv',
      'email,first_name\nana@example.com,Ana\nbob at example.com,Bob\nn/a,C\nunknown,D\n',
    );
    const checked = await cli(['check', csv, '--json']);
    expect(checked.code).toBe(exitCodes.rowProblems);
    const report = JSON.parse(checked.out) as {
      mapping: { column: string; target: string | null; confidence: number }[];
      summary: { valid: number; invalid: number };
    };
    expect(report.mapping[0]).toMatchObject({ column: 'email', target: 'email', confidence: 0.5 });
    expect(report.summary).toMatchObject({ valid: 1, invalid: 3 });
  });
});

describe('usage errors name the flag', () => {
  it.each([
    [['--phone-region', 'XX'], /--phone-region "XX": not a country code/],
    [['--batch-size', '501'], /--batch-size must be 1–500 \(Omneo's batch limit\)/],
  ])('%j', async (flags, message) => {
    const csv = fixturePath('customers-100.csv');
    for (const command of ['check', 'run']) {
      const extra = command === 'run' ? await simArgs('usage') : [];
      const { code, err } = await cli([command, csv, ...flags, ...extra]);
      expect(code).toBe(exitCodes.usage);
      expect(err).toMatch(message);
    }
  });

  it.each(['../../etc', 'latest', '20250101-000000-abcd/../x'])('--resume %j is not a job id', async (id) => {
    const { code, err } = await cli(['run', '--resume', id, ...(await simArgs('bad-id'))]);
    expect(code).toBe(exitCodes.usage);
    expect(err).toMatch(/not a job id/);
  });
});

describe('run --json emits an event on every failure', () => {
  it('a refused token', async () => {
    const args = await simArgs('bad-token', ['--json']);
    process.env.OMNEO_EXIT_TOKEN = 'wrong-token';
    const { code, out } = await cli(['run', fixturePath('customers-100.csv'), ...args]);
    expect(code).toBe(exitCodes.fileError);
    expect(jsonEvents(out)).toEqual([
      expect.objectContaining({ kind: 'error', reason: 'credentials', exitCode: 2 }),
    ]);
    expect(out).not.toContain('wrong-token');
  });

  it('a missing token, a file error and a usage error', async () => {
    const args = await simArgs('json-fail', ['--json']);
    const unclosed = await file('unclosed.csv', 'email,notes\na@example.com,"open\n');
    const failed = await cli(['run', unclosed, ...args]);
    expect(jsonEvents(failed.out).at(-1)).toMatchObject({
      kind: 'error',
      reason: 'not-sendable',
      exitCode: 2,
    });
    // the place is said once
    expect(failed.err.match(/line 2/g)).toHaveLength(1);

    const usage = await cli(['run', unclosed, ...args, '--concurrency', '0']);
    expect(usage.code).toBe(exitCodes.usage);
    expect(jsonEvents(usage.out)).toEqual([expect.objectContaining({ kind: 'error', reason: 'usage' })]);

    const unknownFlag = await cli(['run', unclosed, ...args, '--bogus']);
    expect(unknownFlag.code).toBe(exitCodes.usage);
    expect(jsonEvents(unknownFlag.out)).toEqual([
      expect.objectContaining({ kind: 'error', reason: 'usage', message: expect.stringMatching(/--bogus/) }),
    ]);

    delete process.env.OMNEO_EXIT_TOKEN;
    const noToken = await cli(['run', unclosed, ...args]);
    expect(jsonEvents(noToken.out)).toEqual([
      expect.objectContaining({ kind: 'error', reason: 'credentials' }),
    ]);
  });
});

describe('resuming', () => {
  async function startedJob(name: string): Promise<{ jobId: string; csv: string }> {
    const csv = path.join(tmp, `${name}.csv`);
    await fs.copyFile(fixturePath('customers-100.csv'), csv);
    sim = await startSimulator({ processingDelayMs: 5, revokeTokenAfter: 3 });
    const args = await simArgs(name, [
      '--batch-size',
      '10',
      '--concurrency',
      '1',
      '--json',
      '--phone-region',
      'US',
    ]);
    const first = await cli(['run', csv, ...args]);
    const report = jsonEvents(first.out).at(-1) as { status: string; jobId: string };
    expect(report.status).toBe('paused-credentials');
    sim.configure({ token: 'fixed' });
    process.env.OMNEO_EXIT_TOKEN = 'fixed';
    return { jobId: report.jobId, csv };
  }

  it('finishes a job whose file was deleted from the rows it checked, and still writes its reports', async () => {
    const { jobId, csv } = await startedJob('deleted');
    await fs.rm(csv);
    const { code, out } = await cli(['run', '--resume', jobId, ...(await simArgs('deleted-2', ['--json']))]);
    expect([exitCodes.ok, exitCodes.rowProblems]).toContain(code);
    const report = jsonEvents(out).at(-1) as { kind: string; status: string; counts: { rows: number } };
    expect(report).toMatchObject({ kind: 'report', status: 'completed', counts: { rows: 100 } });
    const results = await fs.readFile(path.join(tmp, 'deleted-2', 'results.csv'), 'utf8');
    expect(results.trim().split('\n')).toHaveLength(101);
    const errors = await fs.readFile(path.join(tmp, 'deleted-2', 'errors.csv'), 'utf8').catch(() => null);
    if (errors !== null) expect(errors).toMatch(/original cells not included: deleted\.csv is gone/);
    const emails = sim!.state().profiles.map((p) => String(p.email));
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('lets only one of two simultaneous resumes send; no batch goes out twice', async () => {
    const { jobId } = await startedJob('twice');
    sim?.configure({ latencyMs: 30 });
    const args = async (n: number) => ['run', '--resume', jobId, ...(await simArgs(`twice-${n}`))];
    const [a, b] = await Promise.all([cli(await args(1)), cli(await args(2))]);
    const refused = [a, b].filter((r) => /already being sent/.test(r.err));
    expect(refused).toHaveLength(1);
    expect(refused[0]?.code).toBe(exitCodes.fileError);
    const emails = sim!.state().profiles.map((p) => String(p.email));
    expect(new Set(emails).size).toBe(emails.length);
    const sent = sim!.state().batches.flatMap((batch) => batch.items.map((i) => i.external_id));
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent).size).toBe(sent.length);
  });
});
