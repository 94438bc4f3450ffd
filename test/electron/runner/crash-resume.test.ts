/**
 * The crash test: the real `omneo-import run` process is SIGKILLed at random points five times in
 * one import and resumed each time. At the end every valid row is in the simulator exactly once,
 * and no batch the journal showed as acknowledged before a kill was sent again (checked with the
 * simulator's own batch log: no batch created after a kill holds rows of an acknowledged batch).
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseJournal } from '../../../electron/jobs/journal';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { fixturePath, repoRoot } from '../../support/shared-paths';
import { buildCli } from './support/build-cli';

let tmp: string;
let cliPath: string;
let sim: RunningSimulator;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'crash-resume-'));
  cliPath = await buildCli(`crash-test-${process.pid}`);
  sim = await startSimulator({ processingDelayMs: 40, latencyMs: 15, seed: 3 });
});
afterAll(async () => {
  await sim.close();
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.rm(path.dirname(cliPath), { recursive: true, force: true });
});

/** A small seeded generator so a failing run can be repeated (seed printed on failure). */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const journalDir = () => path.join(tmp, 'jobs');

function baseArgs(): string[] {
  return ['--base-url', sim.baseUrl, '--journal-dir', journalDir(), '--concurrency', '3', '--json'];
}

/**
 * Starts the CLI; resolves when it exits on its own, or kills it with SIGKILL once `killAfter`
 * batches were accepted in this run (0: as soon as the job has started), plus a random few
 * milliseconds — so kills land mid-send, between journal lines and mid-poll. Returns the job id.
 */
function runCli(args: string[], killAfter: number | null, random: () => number) {
  return new Promise<{ jobId: string | null; killed: boolean; code: number | null; out: string }>(
    (resolve) => {
      const child = spawn(process.execPath, [cliPath, ...args], {
        cwd: repoRoot,
        env: { ...process.env, OMNEO_API_TOKEN: sim.token },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let jobId: string | null = null;
      let accepted = 0;
      let killing = false;
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (text: string) => {
        out += text;
        for (const line of text.split('\n')) {
          if (line.includes('"kind":"job"')) jobId = (JSON.parse(line) as { jobId: string }).jobId;
          if (line.includes('"kind":"batch-accepted"')) accepted += 1;
        }
        if (killAfter !== null && !killing && jobId && accepted >= killAfter) {
          killing = true;
          setTimeout(() => child.kill('SIGKILL'), Math.floor(random() * (killAfter === 0 ? 80 : 25)));
        }
      });
      child.on('exit', (code, signal) => resolve({ jobId, killed: signal === 'SIGKILL', code, out }));
    },
  );
}

/** Batch ids the job's journal shows as acknowledged now. */
async function acknowledgedBatchIds(jobId: string): Promise<Set<string>> {
  const text = await fs.readFile(path.join(journalDir(), jobId, 'journal.jsonl'), 'utf8');
  const ids = new Set<string>();
  for (const entry of parseJournal(text).entries)
    if (entry.t === 'accepted' || entry.t === 'settled') ids.add(entry.batchId);
  return ids;
}

it('survives five SIGKILLs: every valid row once, no acknowledged batch re-sent', async () => {
  const seed = Date.now() % 100_000;
  const random = seeded(seed);
  const file = fixturePath('people-1000.csv');
  const kills: { at: number; acknowledged: Set<string> }[] = [];

  let jobId: string | null = null;
  for (let round = 0; round < 5; round++) {
    const args = jobId
      ? ['run', '--resume', jobId, ...baseArgs()]
      : ['run', file, '--phone-region', 'US', '--batch-size', '10', ...baseArgs()];
    const run = await runCli(args, Math.floor(random() * 4), random);
    jobId ??= run.jobId;
    expect(jobId, `seed ${seed}: the first run printed no job id`).not.toBeNull();
    if (!run.killed) break; // finished before the kill landed: nothing left to crash
    kills.push({ at: Date.now(), acknowledged: await acknowledgedBatchIds(jobId!) });
  }
  expect(kills.length, `seed ${seed}`).toBe(5);

  const final = await runCli(
    ['run', '--resume', jobId!, '--report', path.join(tmp, 'report'), ...baseArgs()],
    null,
    random,
  );
  const report = JSON.parse(final.out.trim().split('\n').at(-1)!) as {
    kind: string;
    status: string;
    counts: Record<string, number>;
  };
  expect(report).toMatchObject({ kind: 'report', status: 'completed' });
  await sim.idle();

  // every valid row is in Omneo exactly once
  const results = Papa.parse<Record<string, string>>(
    (await fs.readFile(path.join(tmp, 'report', 'results.csv'), 'utf8')).slice(1),
    {
      header: true,
      skipEmptyLines: true,
    },
  ).data;
  expect(results).toHaveLength(1000);
  const valid = results.filter((r) => r.status === 'valid');
  expect(
    valid.every((r) => r.outcome === 'created' || r.outcome === 'updated'),
    `seed ${seed}`,
  ).toBe(true);
  const state = sim.state();
  const emails = state.profiles.map((p) => String(p.email));
  expect(emails).toHaveLength(valid.length);
  expect(new Set(emails).size).toBe(valid.length);
  const c = report.counts;
  expect(
    c.blank! +
      c.invalid! +
      c.duplicate! +
      c.created! +
      c.updated! +
      c.failed! +
      c.accepted! +
      c.notSent! +
      c.skipped!,
  ).toBe(1000);

  // no batch acknowledged before a kill was sent again after it
  const keysOf = new Map(
    state.batches.map((b) => [b.id, new Set(b.items.map((i) => String(i.external_id ?? '')))]),
  );
  for (const kill of kills) {
    const acknowledgedKeys = new Set([...kill.acknowledged].flatMap((id) => [...(keysOf.get(id) ?? [])]));
    const later = state.batches.filter((b) => Date.parse(b.created_at) > kill.at);
    for (const batch of later) {
      const repeated = batch.items.filter((i) => acknowledgedKeys.has(String(i.external_id ?? '')));
      expect(
        repeated,
        `seed ${seed}: batch ${batch.id} re-sent rows acknowledged before a kill`,
      ).toHaveLength(0);
    }
  }
}, 120_000);
