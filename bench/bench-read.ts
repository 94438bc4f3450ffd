/**
 * Measures the file reader against bare papaparse on the same file, for the read target
 * (our read within 1.3× of bare papaparse — issue 2). Both sides read the file from disk and
 * decode it, as a straightforward user of papaparse would (`readFile`, `TextDecoder`, then
 * `Papa.parse`); ours also detects the encoding and delimiter and tracks each row's line.
 * `npm run bench` (bench-check) measures the same with papaparse over a file stream.
 *
 * Run alone with
 * `npx esbuild bench/bench-read.ts --bundle --platform=node --format=esm --packages=external --outfile=/tmp/bench-read.mjs && node /tmp/bench-read.mjs FILE`.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import { openTable } from '../electron/files/open-table';

/** Figures from one side-by-side measurement; times in milliseconds, memory in bytes. */
export interface ReadFigures {
  readonly rows: number;
  /** Best of the runs: reading the file, decoding it and `Papa.parse(text)`. */
  readonly papaparseMs: number;
  /** Best of the runs: `openTable` + iterating every chunk of `rows()` (reading and decoding timed). */
  readonly readMs: number;
  /** readMs / papaparseMs. */
  readonly ratio: number;
  readonly rowsPerSecond: number;
  /** Peak RSS seen while our reader ran (sampled every chunk). */
  readonly peakRssBytes: number;
}

async function bare(filePath: string): Promise<{ ms: number; rows: number }> {
  const start = performance.now();
  const text = new TextDecoder().decode(await readFile(filePath));
  const result = Papa.parse<string[]>(text);
  return { ms: performance.now() - start, rows: result.data.length };
}

async function ours(filePath: string, peak: { rss: number }): Promise<{ ms: number; rows: number }> {
  const start = performance.now();
  const table = await openTable(filePath);
  let rows = 0;
  let chunks = 0;
  for await (const chunk of table.rows()) {
    rows += chunk.length;
    if (++chunks % 20 === 0) peak.rss = Math.max(peak.rss, process.memoryUsage.rss());
  }
  return { ms: performance.now() - start, rows };
}

/**
 * Runs our reader, then bare papaparse, `runs` times each and keeps the best times.
 *
 * Best-of is used because the machine is shared: the minimum is the least disturbed run.
 */
export async function measureRead(filePath: string, runs = 3): Promise<ReadFigures> {
  const peak = { rss: 0 };
  let papaparseMs = Infinity;
  let readMs = Infinity;
  let rows = 0;
  // Ours first, so the peak RSS is not inflated by papaparse's whole-file result.
  for (let i = 0; i < runs; i++) {
    const read = await ours(filePath, peak);
    readMs = Math.min(readMs, read.ms);
    rows = read.rows;
  }
  for (let i = 0; i < runs; i++) {
    papaparseMs = Math.min(papaparseMs, (await bare(filePath)).ms);
  }
  return {
    rows,
    papaparseMs,
    readMs,
    ratio: readMs / papaparseMs,
    rowsPerSecond: Math.round((rows / readMs) * 1000),
    peakRssBytes: peak.rss,
  };
}

const isMain = process.argv[1]?.endsWith('bench-read.mjs') ?? false;
if (isMain) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node bench-read.mjs FILE [RUNS]');
    process.exitCode = 64;
  } else {
    const figures = await measureRead(file, Number(process.argv[3] ?? 3));
    console.log(JSON.stringify(figures, null, 2));
  }
}
