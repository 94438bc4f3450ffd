/**
 * With one worker and many batches, this thread evaluates batches itself while the worker is
 * busy; the outcomes still come in file order and equal a one-thread check exactly. The worker is
 * bundled to a cache folder inside the checkout (so it resolves the project's packages) rather
 * than into the shared `dist/`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RowOutcome } from '../../../shared/engine/check-result';
import { checkFile } from '../../../electron/engine/check-file';
import { repoRoot } from '../../support/shared-paths';

let workerUrl: URL;
let file = '';

beforeAll(async () => {
  const out = path.join(repoRoot, 'node_modules', '.cache', 'omneo-work-sharing', 'check-worker.mjs');
  mkdirSync(path.dirname(out), { recursive: true });
  await build({
    entryPoints: [path.join(repoRoot, 'electron', 'engine', 'check-worker.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  workerUrl = pathToFileURL(out);
  // 30,000 rows of distinct AU phones and dates, a few invalid and a few duplicates.
  const lines = Array.from({ length: 30_000 }, (_, i) => {
    const phone = i % 997 === 0 ? '12' : `04${String(10_000_000 + i * 37).slice(-8)}`;
    const email = i % 1009 === 0 ? 'same@example.com' : `person.${i}@example.com`;
    return `${email},Name${i},${phone},${1 + (i % 28)}/${1 + (i % 12)}/${1950 + (i % 50)}`;
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'omneo-share-'));
  file = path.join(dir, 'people.csv');
  writeFileSync(file, `email,first_name,mobile,birthday\n${lines.join('\n')}\n`);
}, 60_000);

async function check(threads: number) {
  const rows: RowOutcome[] = [];
  const report = await checkFile(
    file,
    {},
    'auto',
    { phoneRegion: 'AU', dateOrder: 'dmy' },
    { threads, workerUrl, onRow: (o) => rows.push(o) },
  );
  return { report, rows };
}

describe('sharing rows between a worker and this thread', () => {
  it('gives the one-thread outcomes, in file order', async () => {
    const single = await check(0);
    const shared = await check(1);
    expect(single.report.summary.rows).toBe(30_000);
    expect(single.report.summary.invalid).toBeGreaterThan(0);
    expect(single.report.summary.duplicate).toBeGreaterThan(0);
    expect(shared.rows.map((r) => r.line)).toEqual(single.rows.map((r) => r.line));
    expect(shared.rows).toEqual(single.rows);
    expect(shared.report).toEqual(single.report);
  }, 120_000);
});
