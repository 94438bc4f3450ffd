/**
 * Worker-thread checks give exactly the single-thread result: same outcomes, same order, same
 * report. Uses the bundled worker (`dist/check-worker.mjs`), built first.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RowOutcome } from '../../../shared/engine/check-result';
import { checkFile, planBatches } from '../../../electron/engine/check-file';
import { fixturePath, repoRoot } from '../../support/shared-paths';

const workerUrl = pathToFileURL(path.join(repoRoot, 'dist', 'check-worker.mjs'));

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: repoRoot });
});

async function check(threads: number) {
  const rows: RowOutcome[] = [];
  const report = await checkFile(
    fixturePath('people-10000.csv'),
    {},
    'auto',
    { phoneRegion: 'US', batchSize: 100 },
    { threads, workerUrl, onRow: (o) => rows.push(o) },
  );
  return { report, rows };
}

describe('checking on worker threads', () => {
  it('gives the same outcomes, in the same order, as one thread', async () => {
    const single = await check(0);
    const parallel = await check(2);
    expect(parallel.rows).toEqual(single.rows);
    expect(parallel.report).toEqual(single.report);
    expect(single.report.summary.rows).toBe(10000);
  });

  it('plans the same batches', async () => {
    const plan = async (threads: number) => {
      const batches = [];
      for await (const b of planBatches(
        fixturePath('people-10000.csv'),
        {},
        'auto',
        { phoneRegion: 'US' },
        { threads, workerUrl },
      )) {
        batches.push(b);
      }
      return batches;
    };
    const [single, parallel] = [await plan(0), await plan(2)];
    expect(parallel).toEqual(single);
    // With region US most datablist phones are not valid numbers (3,685 of 10,000 are), so most rows
    // are refused; the batches still hold every valid row, on both paths.
    expect(single.map((b) => b.rows.length).reduce((a, b) => a + b, 0)).toBeGreaterThan(3000);
  });

  it('reports a file error met late in the file and stops the workers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omneo-par-'));
    const file = path.join(dir, 'late-quote.csv');
    const body = Array.from({ length: 30000 }, (_, i) => `u${i}@example.com,Name${i}`).join('\n');
    writeFileSync(file, `email,first_name\n${body}\nlate@example.com,"never closed\n`);
    const report = await checkFile(file, {}, 'auto', {}, { threads: 2, workerUrl });
    expect(report.fileError).toMatchObject({ code: 'unclosed-quote', line: 30002 });
    expect(report.summary.valid).toBe(0);
  });
});
