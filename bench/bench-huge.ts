/**
 * `npm run bench:huge`: a 10,000,000-row CSV (~620 MB, the `gen-million-rows.py` shape) through the
 * app's path and the CLI's `check`, measured in the same run (issue 9, "Files beyond memory").
 *
 * Each side runs in its own child process, so each peak RSS belongs to it alone:
 * - `cli`: `checkFile`, what `omneo-import check` runs;
 * - `app`: the app's services as the browser host runs them (the same handlers, called in
 *   process rather than over HTTP): `file:open` (the rows read into the on-disk store), `check:run`
 *   (answers with the first rows checked), the first page of `rows:query`, the check to its end,
 *   then review operations anywhere in the file — a page in the middle, the last page of a
 *   filter, go-to-line near the end, an edit, a skip, a search — and the job snapshot an import
 *   writes (`import:start`, cancelled at once: sending 20,000 batches is the runner's bench).
 *
 * Targets: app peak RSS ≤ 1.5 GB; first rows ≤ 1 s after the file is read; app check ≤ 1.2× the
 * CLI's check; CLI check ≤ 1.5 GB. Times on a shared machine vary with its load: the CPU time of
 * each side is printed beside its wall time.
 *
 * Usage: `node dist/bench/bench-huge.mjs [--rows N] [--keep] [--file PATH]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../electron/app/app-services';
import { sessionOnlyEncryptor } from '../electron/app/encryptor';
import { checkFile } from '../electron/engine/check-file';
import { openTable } from '../electron/files/open-table';
import { startSimulator } from '../electron/simulator/simulator';
import { appHandlerModules } from '../electron/workspace/app-handler-modules';
import type { Reply } from '../shared/ipc/reply';
import { seedHeader, seedLine, writeLines } from './bench-files';

/** What a child prints: named times in ms, and its peak RSS and CPU time. */
interface Figures {
  readonly side: 'cli' | 'app';
  readonly ms: Record<string, number>;
  readonly rows: number;
  readonly valid: number;
  readonly peakRssMb: number;
  readonly cpuMs: number;
  readonly peaks?: Record<string, number>;
}

const region = 'GB';

async function cliSide(file: string): Promise<Figures> {
  const started = performance.now();
  const report = await checkFile(file, {}, 'auto', { phoneRegion: region }, { maxIssues: 1000 });
  if (report.fileError !== null) throw new Error(report.fileError.message);
  return finish('cli', { check: performance.now() - started }, report.summary.rows, report.summary.valid);
}

function valueOf<T>(reply: Reply<unknown>): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

async function appSide(file: string): Promise<Figures> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'omneo-bench-app-'));
  const services = await createAppServices(
    {
      dataDir,
      encryptor: sessionOnlyEncryptor('bench'),
      runtime: 'browser-host',
      productName: 'Omneo Profile Importer',
      version: 'bench',
      platform: process.platform,
      dialogs: null,
      saveReport: async (name, _content, rows) => ({ kind: 'download', name, rows, href: '/bench' }),
      startSimulator,
      openTable,
    },
    appHandlerModules,
  );
  const ms: Record<string, number> = {};
  /** Peak RSS so far after each step, in MB (which step grew it). */
  const peaks: Record<string, number> = {};
  const call = async <T>(name: string, operation: string, input: unknown): Promise<T> => {
    const started = performance.now();
    const value = valueOf<T>(await services.dispatch(operation, input, { transport: 'test' }));
    ms[name] = performance.now() - started;
    peaks[name] = process.resourceUsage().maxRSS / 1024;
    return value;
  };
  try {
    const registered = await services.context.files.register(file);
    const opened = await call<{ fileId: string; rows: number }>('open', 'file:open', {
      via: 'ref',
      ref: registered.ref,
    });
    const fileId = opened.fileId;
    const read = performance.now();
    let complete: (summary: { rows: number; valid: number }) => void = () => {};
    const done = new Promise<{ rows: number; valid: number }>((resolve) => (complete = resolve));
    services.events.subscribe((event, payload) => {
      const p = payload as { complete?: boolean; summary?: { rows: number; valid: number } };
      if (event === 'check:progress' && p.complete && p.summary) complete(p.summary);
    });
    const checkStarted = performance.now();
    await call('check-answer', 'check:run', { fileId, options: { phoneRegion: region } });
    await call('first-page', 'rows:query', { fileId, offset: 0, limit: 100 });
    ms['first-rows'] = performance.now() - read;
    const summary = await done;
    ms.check = performance.now() - checkStarted;
    const rows = summary.rows;
    const middle = Math.floor(rows / 2);
    await call('page-middle', 'rows:query', { fileId, offset: middle, limit: 100 });
    const warned = await call<{ total: number }>('filter-warnings', 'rows:query', {
      fileId,
      offset: 0,
      limit: 1,
      filter: 'warnings',
    });
    await call('filter-last-page', 'rows:query', {
      fileId,
      offset: Math.max(0, warned.total - 100),
      limit: 100,
      filter: 'warnings',
    });
    await call('locate-end', 'rows:locate', { fileId, line: rows, filter: 'warnings' });
    await call('edit', 'rows:edit', { fileId, line: middle + 2, column: 3, value: '' });
    await call('skip', 'rows:skip', { fileId, line: middle + 3, skipped: true });
    await call('search', 'rows:query', { fileId, offset: 0, limit: 100, search: 'R0000077' });
    await call('snapshot', 'import:start', { fileId, connectionId: 'sandbox', confirmed: true }).then(
      async (started) => {
        const job = (started as { job?: { id: string } }).job;
        if (job) await call('cancel', 'import:cancel', { jobId: job.id });
      },
    );
    peaks.check = peaks['first-page'] ?? 0;
    return { ...finish('app', ms, rows, summary.valid), peaks };
  } finally {
    await services.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function finish(side: Figures['side'], ms: Record<string, number>, rows: number, valid: number): Figures {
  const cpu = process.cpuUsage();
  return {
    side,
    ms,
    rows,
    valid,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

function measure(side: Figures['side'], file: string): Figures {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [self, '--side', side, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Figures;
}

const s = (ms: number | undefined): string => `${((ms ?? Number.NaN) / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--side') {
    const file = argv[2] ?? '';
    const figures = argv[1] === 'cli' ? await cliSide(file) : await appSide(file);
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return;
  }
  const rowsAt = argv.indexOf('--rows');
  const rows = rowsAt >= 0 ? Number(argv[rowsAt + 1]) : 10_000_000;
  const given = argv.includes('--file') ? argv[argv.indexOf('--file') + 1] : undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'omneo-bench-huge-'));
  const file = given ?? path.join(dir, 'huge.csv');
  try {
    if (given === undefined) {
      process.stdout.write(`Generating ${rows.toLocaleString('en')} rows in ${file} …\n`);
      await writeLines(file, seedHeader, rows, seedLine);
    }
    const cli = measure('cli', file);
    const app = measure('app', file);
    const t = app.ms;
    process.stdout.write(
      `\n${app.rows.toLocaleString('en')} rows (valid ${app.valid.toLocaleString('en')}), region ${region}\n` +
        `  CLI check        ${s(cli.ms.check)}  CPU ${s(cli.cpuMs)}  peak RSS ${Math.round(cli.peakRssMb)} MB (target ≤ 1536 MB)\n` +
        `  app file:open    ${s(t.open)}  (rows read into the on-disk store)\n` +
        `  app first rows   ${s(t['first-rows'])} after the file is read (target ≤ 1 s)\n` +
        `  app check        ${s(t.check)}  = ${((t.check ?? 0) / (cli.ms.check ?? 1)).toFixed(2)}× the CLI's check (target ≤ 1.2×)\n` +
        `  app review       page in the middle ${s(t['page-middle'])}, warnings filter ${s(t['filter-warnings'])}, its last page ${s(t['filter-last-page'])}, go to the last line ${s(t['locate-end'])}, edit ${s(t.edit)}, skip ${s(t.skip)}, search ${s(t.search)}\n` +
        `  app import       snapshot of every row and batch ${s(t.snapshot)}\n` +
        `  app CPU ${s(app.cpuMs)}  peak RSS ${Math.round(app.peakRssMb)} MB (target ≤ 1536 MB); peak after ${Object.entries(
          app.peaks ?? {},
        )
          .map(([step, mb]) => `${step} ${Math.round(mb)}`)
          .join(', ')} MB\n`,
    );
  } finally {
    if (!argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
