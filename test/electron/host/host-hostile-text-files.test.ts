/**
 * Hostile TEXT files uploaded to the bundled browser host in a child process, over loopback: each
 * gets a clear answer (a file error or row issues naming line and column) within a time bound, the
 * host's peak memory stays bounded, it answers a cheap request (`GET /`) within 1 s all the while,
 * and it is still alive at the end. The CLI gives the same answers (hostile-files.test.ts): both
 * front ends run the one reader and engine. Files are generated here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/shared-paths';
import { startHostProcess, whileAnswering, type HostProcess } from './host-process';

let host: HostProcess;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: repoRoot });
  host = await startHostProcess();
}, 120_000);

afterAll(async () => {
  await host?.stop();
});

interface Opened {
  kind: string;
  fileId?: string;
  rows?: number;
  rowsError?: { code: string; message: string; line: number | null };
  error?: { code: string; message: string; line: number | null };
}
interface Checked {
  kind: string;
  complete: boolean;
  run: number;
  summary: { rows: number; valid: number; invalid: number };
}
interface Page {
  rows: {
    line: number;
    status: string;
    issues: { code: string; letter: string | null; message: string }[];
  }[];
}

/** Loose bounds for a machine shared by several test runs; the faults were minutes and gigabytes. */
const bounds = { ms: 30_000, peakMb: 600, slowestMs: 1000 };

/** Uploads and opens `body`; when it opens, maps and checks it to the end. */
async function handle(name: string, body: Buffer, mapping?: { column: number; target: string }[]) {
  const ref = await host.upload(name, body);
  const opened = (await host.call<Opened>('file:open', { via: 'ref', ref })).value;
  if (opened.kind !== 'opened' || opened.rowsError || !opened.fileId) return { opened };
  const fileId = opened.fileId;
  if (mapping) {
    expect(await host.call('mapping:apply', { fileId, mapping })).toEqual({
      ok: true,
      value: { problems: [] },
    });
  }
  // A few rows: the check answers complete (a long file would go on in slices with events).
  const checked = (await host.call<Checked>('check:run', { fileId, options: { phoneRegion: 'AU' } })).value;
  expect(checked).toMatchObject({ kind: 'checked', complete: true });
  const errors = (await host.call<Page>('rows:page', { fileId, offset: 0, limit: 20, filter: 'errors' }))
    .value;
  return { opened, checked, errors };
}

/** The CLI's `check --json` summary of the same file with the same mapping: the other front end. */
function cliSummary(name: string, body: string | Buffer, mapping?: { column: number; target: string }[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'omneo-host-cli-'));
  const file = path.join(dir, name);
  writeFileSync(file, body);
  const maps = (mapping ?? []).flatMap((m) => ['--map', `#${m.column + 1}=${m.target}`]);
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'dist', 'cli.mjs'), 'check', file, '--json', '--phone-region', 'AU', ...maps],
    { encoding: 'utf8', timeout: bounds.ms },
  );
  return (JSON.parse(result.stdout) as { summary: { valid: number; invalid: number } }).summary;
}

/** Runs `name` through the host, asserting the time, memory and liveness bounds. */
async function bounded(name: string, body: Buffer, mapping?: { column: number; target: string }[]) {
  const started = performance.now();
  const { result, slowestMs, asked } = await whileAnswering(host, () => handle(name, body, mapping));
  expect(performance.now() - started).toBeLessThan(bounds.ms);
  expect(asked).toBeGreaterThan(0);
  expect(slowestMs).toBeLessThan(bounds.slowestMs);
  expect(await host.peakMb()).toBeLessThan(bounds.peakMb);
  expect(await host.answers()).toBe(true);
  expect(host.child.exitCode).toBeNull();
  return result;
}

describe('hostile text files through the browser host', () => {
  it('deep nested JSON in a :json column is a row error at check time; the host lives on', async () => {
    const blob = '['.repeat(5_000) + ']'.repeat(5_000);
    const csv = `email,blob\na@example.com,"${blob}"\nb@example.com,[1]\n`;
    const mapping = [
      { column: 0, target: 'email' },
      { column: 1, target: 'custom_attributes.x.blob:json' },
    ];
    const { checked, errors } = await bounded('deep.csv', Buffer.from(csv), mapping);
    expect(checked?.summary).toMatchObject({ rows: 2, valid: 1, invalid: 1 });
    expect(cliSummary('deep.csv', csv, mapping)).toMatchObject({ valid: 1, invalid: 1 });
    expect(errors?.rows[0]?.issues.map((i) => [errors.rows[0]?.line, i.code])).toContainEqual([
      2,
      'json-too-deep',
    ]);
  });

  it.each([
    ['120 KB: beyond the cell limit, a row error', 60_000, { valid: 1, invalid: 2 }],
    ['30 KB: under it, read as a country name', 15_000, { valid: 3, invalid: 0 }],
  ])('a country cell of " (" repeated, %s, in linear time; the CLI agrees', async (_, repeats, counts) => {
    const header = 'email,address,city,postcode,country,first_name';
    const row = `a@example.com,1 Main St,Sydney,2000,"${' ('.repeat(repeats)}",Ana`;
    const csv = `${header}\n${row}\n${row.replace('a@', 'b@')}\nok@example.com,1 Main St,Sydney,2000,AU,Ana\n`;
    const targets = ['email', 'addresses.address_line_1', 'addresses.city', 'addresses.postcode'];
    const mapping = [...targets, 'addresses.country', 'first_name'].map((target, column) => ({
      column,
      target,
    }));
    const { checked, errors } = await bounded('country.csv', Buffer.from(csv), mapping);
    expect(checked?.summary).toMatchObject({ rows: 3, ...counts });
    if (counts.invalid > 0) {
      expect(errors?.rows.map((r) => [r.line, r.issues[0]?.letter, r.issues[0]?.code])).toEqual([
        [2, 'E', 'cell-too-long'],
        [3, 'E', 'cell-too-long'],
      ]);
    }
    expect(cliSummary('country.csv', csv, mapping)).toMatchObject(counts);
  });

  it('a 40 MB single line: the rows cannot be read, naming the line and the limit', async () => {
    const { opened } = await bounded(
      'line.csv',
      Buffer.from(`email,name\n${'a'.repeat(40 * 1024 * 1024)}\n`),
    );
    const error = opened.rowsError ?? opened.error;
    expect(error).toMatchObject({ code: 'unreadable', line: 2 });
    expect(error?.message).toContain('line.csv line 2 is longer than 32 MB');
  });

  it('20,000 columns: a file error naming the line and the limit', async () => {
    const header = Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',');
    const { opened } = await bounded('wide.csv', Buffer.from(`${header}\n${header}\n`));
    expect(opened).toMatchObject({ kind: 'file-error', error: { code: 'too-many-columns', line: 1 } });
    expect(opened.error?.message).toContain('more than the 16,384 columns a file may have');
  });

  it('a UTF-8 file with a Windows-1252 line: that line is a row error naming line and column', async () => {
    const body = Buffer.concat([
      Buffer.from('email,first_name\na@example.com,José\nb@example.com,Jos'),
      Buffer.from([0xe9]),
      Buffer.from('\nc@example.com,Zoë\n'),
    ]);
    const { opened, checked, errors } = await bounded('mixed.csv', body);
    expect(opened.kind).toBe('opened');
    expect(checked?.summary).toMatchObject({ rows: 3, valid: 2, invalid: 1 });
    expect(errors?.rows[0]).toMatchObject({ line: 3 });
    expect(errors?.rows[0]?.issues[0]).toMatchObject({ code: 'encoding-invalid-bytes', letter: 'B' });
    expect(cliSummary('mixed.csv', body)).toMatchObject({ valid: 2, invalid: 1 });
  });

  it.each([
    ['NUL bytes', Buffer.alloc(8 * 1024 * 1024)],
    ['binary data', Buffer.from(Array.from({ length: 1024 * 1024 }, (_, i) => (i * 7919 + 13) % 251))],
  ])('%s renamed .csv: a file error, not garbage rows', async (what, body) => {
    const { opened } = await bounded(`${what}.csv`, body);
    expect(opened).toMatchObject({ kind: 'file-error', error: { code: 'unsupported-format' } });
    expect(opened.error?.message).toBe(
      `${what}.csv is not a text table or a workbook (it looks like binary data).`,
    );
  });

  it('after all of them the host still answers and logged nothing about a crash', async () => {
    expect(await host.answers()).toBe(true);
    expect(host.stderr()).not.toMatch(/uncaught|unhandled|RangeError|heap/i);
  });
});

describe('inputs that are not files', () => {
  it('a named pipe given with --open: the host says so at once instead of hanging', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omneo-host-fifo-'));
    const fifo = path.join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      [
        path.join(repoRoot, 'dist', 'host.mjs'),
        '--no-open',
        '--port',
        '0',
        '--data-dir',
        path.join(dir, 'data'),
        '--renderer-dir',
        dir,
        '--open',
        fifo,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('pipe.csv is not a file');
  });
});
