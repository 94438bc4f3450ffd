/**
 * Hostile files given to the bundled CLI (`node dist/cli.mjs check`) in a child process: each is
 * generated here, and each must get a clear answer within a time and memory bound — never a
 * crash, a hang, a stack trace or a terminal taken over by the file's escape sequences.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/shared-paths';
import { number, row, text, xlsxFile } from '../../support/xlsx-file';

const cli = path.join(repoRoot, 'dist', 'cli.mjs');
let dir = '';
let peakModule = '';

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: repoRoot });
  dir = mkdtempSync(path.join(tmpdir(), 'omneo-hostile-'));
  // Loaded before the CLI: writes the process's peak resident memory (KiB) when it exits.
  peakModule = path.join(dir, 'peak.mjs');
  writeFileSync(
    peakModule,
    "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.PEAK_FILE, String(process.resourceUsage().maxRSS)));\n",
  );
});

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly peakMb: number;
}

/** Runs the CLI; answers its exit code, output, wall time and peak RSS. */
function check(...args: string[]): CliRun {
  const peakFile = path.join(dir, `peak-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', peakModule, cli, 'check', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PEAK_FILE: peakFile },
  });
  const ms = performance.now() - started;
  let peakMb = Number.NaN;
  try {
    peakMb = Number(readFileSync(peakFile, 'utf8')) / 1024;
  } catch {
    // no figure: the process did not exit normally (the assertions on its code say why)
  }
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms, peakMb };
}

/** Loose bounds: the machine running the tests is shared; the faults were seconds and gigabytes. */
const bounds = { ms: 20_000, peakMb: 400 };

function write(name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function expectBounded(result: CliRun): void {
  expect(result.stderr).not.toMatch(/at .*\.m?js:\d+|RangeError|unexpected failure/);
  expect(result.ms).toBeLessThan(bounds.ms);
  expect(result.peakMb).toBeLessThan(bounds.peakMb);
}

describe('JSON nested deeper than the limit', () => {
  it.each([
    ['arrays, 5,000 levels', '['.repeat(5_000) + ']'.repeat(5_000)],
    ['objects, 3,000 levels', '{"a":'.repeat(3_000) + '1' + '}'.repeat(3_000)],
    ['unclosed, 20,000 levels', '['.repeat(20_000)],
  ])('%s: a row error at check time, never a stack overflow', (_, blob) => {
    const file = write(
      'deep.csv',
      `email,blob\na@example.com,"${blob.replaceAll('"', '""')}"\nb@example.com,[1]\n`,
    );
    const result = check(file, '--map', 'blob=custom_attributes.x.blob:json', '--json');
    expectBounded(result);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      summary: { valid: number; invalid: number };
      issues: { code: string; line: number }[];
    };
    expect(report.summary).toMatchObject({ valid: 1, invalid: 1 });
    expect(report.issues.map((i) => [i.line, i.code])).toContainEqual([2, 'json-too-deep']);
  });
});

describe('cells that made a pattern backtrack', () => {
  const address = 'email,address,city,postcode,country,first_name,amount';
  it.each([
    ['a country of " (" repeated', `a@example.com,1 Main St,Sydney,2000,"${' ('.repeat(15_000)}",Ana,1`],
    [
      'a name with 30,000 spaces inside',
      `a@example.com,1 Main St,Sydney,2000,AU,"a${' '.repeat(30_000)}b\u0001",1`,
    ],
    ['a number of 30,000 digits', `a@example.com,1 Main St,Sydney,2000,AU,Ana,${'1'.repeat(30_000)}x`],
    ['an email with 30,000 dots', `"a@${'.'.repeat(30_000)}",1 Main St,Sydney,2000,AU,Ana,1`],
  ])('%s: checked in linear time', (_, row) => {
    const file = write(
      'slow.csv',
      `${address}\n${row}\n${row}\nok@example.com,1 Main St,Sydney,2000,AU,Ana,1\n`,
    );
    const result = check(file, '--map', 'amount=custom_attributes.x.amount:float', '--phone-region', 'AU');
    expectBounded(result);
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(8_000);
  });

  it('a cell longer than a cell may hold is a row error naming the limit', () => {
    const file = write(
      'long.csv',
      `email,first_name\na@example.com,"${'x'.repeat(100_000)}"\nb@example.com,Ana\n`,
    );
    const result = check(file);
    expectBounded(result);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('cell-too-long');
    expect(result.stdout).toContain('more than the 32,767 a cell may hold');
  });
});

describe('nothing a file holds takes over the terminal', () => {
  const hostile = [
    '\u001b]0;PWNED\u0007',
    '\u001b[2J',
    '\u009b31m',
    '\r',
    '\u202e',
    '\nRows: 99   valid: 99',
  ];
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const escapes = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

  it('headers, values and the file name are printed with their control characters escaped', () => {
    const header = `email,"name${hostile.join('')}"`;
    const value = `"bad@${hostile.join('')}",x`;
    const file = write(`file\u001b[2J.csv`, `${header}\n${value}\na@example.com,y\n`);
    const result = check(file);
    expectBounded(result);
    expect(result.stdout).not.toMatch(escapes);
    expect(result.stderr).not.toMatch(escapes);
    expect(result.stdout).toContain('\\u001b]0;PWNED\\u0007');
    expect(result.stdout.split('\n').filter((l) => l.startsWith('Rows:'))).toHaveLength(1);
  });

  it('--json stays valid JSON with the control characters escaped', () => {
    const file = write('json.csv', `email,"n${hostile.join('')}"\n"x${hostile.join('')}@example.com",1\n`);
    const result = check(file, '--json');
    expect(result.stdout).not.toMatch(escapes);
    const report = JSON.parse(result.stdout) as { file: { columns: { header: string }[] } };
    expect(report.file.columns[1]?.header).toBe(`n${hostile.join('')}`.trim());
  });
});

describe('inputs that are not files', () => {
  it('a named pipe is refused at once instead of hanging', () => {
    const fifo = path.join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const result = check(fifo);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('pipe.csv cannot be read: it is a named pipe (FIFO), not a file.');
    expect(result.ms).toBeLessThan(bounds.ms);
  });

  it.each([
    [
      'a folder',
      () => (mkdirSync(path.join(dir, 'folder.csv'), { recursive: true }), path.join(dir, 'folder.csv')),
    ],
    ['a device', () => '/dev/zero'],
  ])('%s is refused with a clear message', (what, make) => {
    const result = check(make());
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`it is ${what}, not a file`);
    expectBounded(result);
  });

  it('a named pipe as --mapping is a usage error, not a hang', () => {
    const fifo = path.join(dir, 'mapping.json');
    execFileSync('mkfifo', [fifo]);
    const file = write('ok.csv', 'email\na@example.com\n');
    const result = check(file, '--mapping', fifo);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('named pipe');
  });
});

describe('workbooks sized by their values, not by stray cells or declared ranges', () => {
  it.each([
    [
      'cells A1, A2 and XFD1048576',
      'A1:XFD1048576',
      row(1, text('A1', 'email')) +
        row(2, text('A2', 'a@example.com')) +
        row(1_048_576, text('XFD1048576', 'x')),
    ],
    [
      'a declared range of the whole grid',
      'A1:XFD1048576',
      row(1, text('A1', 'email')) + row(2, text('A2', 'a@example.com')),
    ],
    [
      'a stray cell at XFD1 over 10,000 rows',
      'A1:XFD10001',
      row(1, text('A1', 'email'), text('XFD1', 'stray')) +
        Array.from({ length: 10_000 }, (_, i) => row(i + 2, text(`A${i + 2}`, `p${i}@example.com`))).join(''),
    ],
  ])('%s: read in bounded time and memory', (_, dimension, rows) => {
    const file = write('stray.xlsx', xlsxFile({ dimension, rows }));
    const result = check(file, '--json');
    expectBounded(result);
    const report = JSON.parse(result.stdout) as { summary: { valid: number }; fileError: unknown };
    expect(report.fileError).toBeNull();
    expect(report.summary.valid).toBeGreaterThan(0);
  });

  it('the summary folds the empty columns a stray cell makes into one line', () => {
    const rows = row(1, text('A1', 'email'), text('XFD1', 'stray')) + row(2, text('A2', 'a@example.com'));
    const result = check(write('stray-summary.xlsx', xlsxFile({ dimension: 'A1:XFD2', rows })));
    expectBounded(result);
    expect(result.stdout).toContain('B–XFC  16,382 columns with no header, not imported');
    expect(result.stdout.split('\n').length).toBeLessThan(60);
  });

  it('a workbook that says it unzips beyond the limit is refused, naming the file and the limit', () => {
    const file = write(
      'bomb.xlsx',
      xlsxFile({ rows: row(1, text('A1', 'email')), declaredSize: 1536 * 1024 * 1024 }),
    );
    const result = check(file);
    expectBounded(result);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      'bomb.xlsx expands to 1.5 GB when unzipped, more than the 1 GB a workbook may',
    );
  });
});

describe('values that would change on the way', () => {
  it('a number with more digits than Excel keeps is a row error naming the cell, never sent', () => {
    const rows = [
      row(1, text('A1', 'email'), text('B1', 'loyalty')),
      row(2, text('A2', 'a@example.com'), number('B2', '1.23456789012346E+17')),
      row(3, text('A3', 'b@example.com'), number('B3', '123456789012345')),
    ].join('');
    const result = check(
      write('digits.xlsx', xlsxFile({ rows })),
      '--map',
      'loyalty=identities.loyalty_id',
      '--json',
    );
    const report = JSON.parse(result.stdout) as {
      summary: { valid: number; invalid: number };
      issues: { line: number; letter: string; code: string }[];
    };
    expect(report.summary).toMatchObject({ valid: 1, invalid: 1 });
    expect(report.issues).toContainEqual(
      expect.objectContaining({ line: 2, letter: 'B', code: 'excel-digits-lost' }),
    );
  });

  it('a merged range reaches every row it covers, with a warning naming the ranges', () => {
    const rows = [
      row(1, text('A1', 'email'), text('B1', 'tags')),
      row(2, text('A2', 'a@example.com'), text('B2', 'vip')),
      row(3, text('A3', 'b@example.com')),
      row(4, text('A4', 'c@example.com')),
    ].join('');
    const file = write('merged.xlsx', xlsxFile({ rows, merges: ['B2:B4'] }));
    const records = path.join(dir, 'merged.jsonl');
    const result = check(file, '--records', records, '--json');
    const report = JSON.parse(result.stdout) as { issues: { code: string; message: string }[] };
    expect(report.issues).toContainEqual(
      expect.objectContaining({
        code: 'merged-cells-filled',
        message: expect.stringContaining('B2:B4') as string,
      }),
    );
    const profiles = readFileSync(records, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { profile: { tags?: string[] } }).profile);
    expect(profiles.map((p) => p.tags)).toEqual([['vip'], ['vip'], ['vip']]);
  });

  it('a column with a blank header that holds values is reported, with its count and first lines', () => {
    const rows = [
      row(1, text('A1', 'email')),
      row(2, text('A2', 'a@example.com'), text('C2', 'x')),
      row(3, text('A3', 'b@example.com'), text('C3', 'y')),
    ].join('');
    const result = check(write('blank-header.xlsx', xlsxFile({ rows })), '--json');
    const report = JSON.parse(result.stdout) as {
      issues: { code: string; letter: string; message: string }[];
    };
    const issue = report.issues.find((i) => i.code === 'header-blank-with-values');
    expect(issue).toMatchObject({ letter: 'C' });
    expect(issue?.message).toContain('column C has no header but holds 2 values (first on lines 2, 3)');
  });
});

describe('hostile text files', () => {
  it('a UTF-8 file with one Windows-1252 line: that line is a row error naming line and column, the rest stays UTF-8', () => {
    const file = write(
      'mixed.csv',
      Buffer.concat([
        Buffer.from('email,first_name,note\na@example.com,José,x\nb@example.com,Jos'),
        Buffer.from([0xe9]),
        Buffer.from(',y\nc@example.com,Zoë,caf'),
        Buffer.from([0xe9]),
        Buffer.from('\n'),
      ]),
    );
    const records = path.join(dir, 'mixed.jsonl');
    const result = check(file, '--json', '--records', records);
    expectBounded(result);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      file: { encoding: string };
      summary: { valid: number; invalid: number };
      issues: { line: number; letter: string; code: string; severity: string; message: string }[];
    };
    expect(report.file.encoding).toBe('utf-8');
    expect(report.summary).toMatchObject({ valid: 2, invalid: 1 });
    expect(report.issues.map((i) => [i.line, i.letter, i.code, i.severity])).toEqual([
      [3, 'B', 'encoding-invalid-bytes', 'error'],
      [4, 'C', 'encoding-invalid-bytes-not-imported', 'warning'],
    ]);
    expect(report.issues[0]?.message).toContain(
      "Line 3, column B 'first_name' (first_name): holds bytes that are not valid UTF-8",
    );
    const names = readFileSync(records, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { profile: { first_name?: string } | null }).profile?.first_name);
    expect(names).toEqual(['José', undefined, 'Zoë']);
  });

  it.each([
    ['random bytes', () => Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919 + 13) % 251))],
    ['NUL bytes', () => Buffer.alloc(1024 * 1024)],
  ])('%s renamed .csv is a file error, not garbage rows', (what, make) => {
    const result = check(write(`${what}.csv`, make()));
    expectBounded(result);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `${what}.csv is not a text table or a workbook (it looks like binary data).`,
    );
  });

  it('a 40 MB single line is a file error naming the line and the limit, in linear time', () => {
    const result = check(write('line.csv', `email,name\n${'a'.repeat(40 * 1024 * 1024)}\n`));
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      'line.csv line 2 is longer than 32 MB, the longest line a table may have',
    );
    expect(result.ms).toBeLessThan(bounds.ms);
    expect(result.peakMb).toBeLessThan(600);
  });

  it('20,000 columns is a file error naming the line and the limit', () => {
    const header = Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',');
    const result = check(write('wide.csv', `${header}\n${header}\n`));
    expectBounded(result);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      'wide.csv line 1 has 20,000 fields, more than the 16,384 columns a file may have',
    );
  });
});
