/**
 * The bundled CLI as a process meets what a terminal sends it: Ctrl+C (SIGINT) and SIGTERM during
 * `run` stop cleanly — reports written for what is known, a resume hint, exit 130/143 — and the
 * resumed job puts every valid row in Omneo exactly once; a reader that closes the pipe early
 * (`check --json | head`) ends the CLI quietly.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { fixturePath, repoRoot } from '../../support/shared-paths';
import { buildCli } from '../runner/support/build-cli';

let tmp: string;
let cliPath: string;
let sim: RunningSimulator;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'process-signals-'));
  cliPath = await buildCli(`signals-test-${process.pid}`);
  sim = await startSimulator({ processingDelayMs: 30, latencyMs: 40 });
});
afterAll(async () => {
  await sim.close();
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.rm(path.dirname(cliPath), { recursive: true, force: true });
});

interface Finished {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI; sends `signal` once `sendAfter` batches were accepted (counted on --json events). */
function runProcess(args: string[], interrupt?: { signal: NodeJS.Signals; afterAccepted: number }) {
  return new Promise<Finished>((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: repoRoot,
      env: { ...process.env, OMNEO_API_TOKEN: sim.token },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let accepted = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const now = (out.match(/"kind":"batch-accepted"/g) ?? []).length;
      if (interrupt && accepted < interrupt.afterAccepted && now >= interrupt.afterAccepted) {
        child.kill(interrupt.signal);
      }
      accepted = now;
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

async function readCsv(file: string): Promise<Record<string, string>[]> {
  const text = await fs.readFile(file, 'utf8');
  return Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

const events = (out: string) =>
  out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('run interrupted by a signal', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s: stops cleanly (exit %i), writes the reports, and the resumed job sends each row once',
    async (signal, exitCode) => {
      sim.reset();
      const journalDir = path.join(tmp, `jobs-${signal}`);
      const report = path.join(tmp, `report-${signal}`);
      const args = [
        'run',
        fixturePath('people-1000.csv'),
        '--base-url',
        sim.baseUrl,
        '--journal-dir',
        journalDir,
        '--report',
        report,
        '--phone-region',
        'US',
        '--batch-size',
        '25',
        '--concurrency',
        '2',
        '--json',
      ];
      const first = await runProcess(args, { signal, afterAccepted: 3 });
      expect(first.err).not.toMatch(/unexpected failure|AbortError/);
      expect(first.code).toBe(exitCode);
      const jobId = (events(first.out)[0] as { jobId: string }).jobId;
      expect(first.err).toContain(`Interrupted — continue with: omneo-import run --resume ${jobId}`);
      expect(events(first.out).at(-1)).toMatchObject({
        kind: 'report',
        status: 'cancelled',
        interrupted: signal,
        resume: `omneo-import run --resume ${jobId}`,
        exitCode,
      });
      // every row is in results.csv; some were sent, the rest are listed as not sent
      const results = await readCsv(path.join(report, 'results.csv'));
      expect(results).toHaveLength(1000);
      const outcomes = new Set(results.map((r) => r.outcome));
      expect(outcomes).toContain('not-sent');
      expect(results.some((r) => r.outcome === 'created' || r.outcome === 'accepted')).toBe(true);
      await expect(fs.stat(path.join(report, 'errors.csv'))).resolves.toBeTruthy();
      await expect(fs.stat(path.join(journalDir, jobId, 'job.lock'))).rejects.toThrow(/ENOENT/);

      const resumed = await runProcess([
        'run',
        '--resume',
        jobId,
        '--journal-dir',
        journalDir,
        '--report',
        `${report}-2`,
        '--json',
      ]);
      expect(resumed.err).not.toMatch(/unexpected failure/);
      const final = await readCsv(path.join(`${report}-2`, 'results.csv'));
      const valid = final.filter((r) => r.status === 'valid');
      expect(valid.every((r) => r.outcome === 'created')).toBe(true);
      const emails = sim.state().profiles.map((p) => String(p.email));
      expect(emails).toHaveLength(valid.length);
      // batches answered before the signal were journalled and never sent again
      const sent = sim.state().batches.flatMap((b) => b.items.map((i) => i.external_id));
      expect(new Set(sent).size).toBe(sent.length);
    },
  );
});

describe('a closed pipe', () => {
  it('check --json | head: exits quietly with the check’s own exit code', async () => {
    const finished = await new Promise<Finished>((resolve) => {
      const child = spawn(
        process.execPath,
        [cliPath, 'check', fixturePath('people-10000.csv'), '--json', '--phone-region', 'US'],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let err = '';
      child.stdout.once('data', () => child.stdout.destroy()); // the reader goes away after one chunk
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('exit', (code) => resolve({ code, out: '', err }));
    });
    expect(finished.err).toBe('');
    expect(finished.code).toBe(1); // people-10000 has invalid rows
  });
});
