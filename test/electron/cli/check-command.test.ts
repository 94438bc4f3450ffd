/**
 * `omneo-import check` as a user runs it: the bundled CLI (`node dist/cli.mjs`) in a child process,
 * its exit codes, summary, `--json`, `--records` and `--payload`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchRequestSchema } from '../../../shared/omneo/profile-schema';
import { casePath, repoRoot } from '../../support/shared-paths';

const cli = path.join(repoRoot, 'dist', 'cli.mjs');
let dir = '';

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: repoRoot });
  dir = mkdtempSync(path.join(tmpdir(), 'omneo-cli-'));
});

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const jsonLines = (file: string): unknown[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);

describe('exit codes', () => {
  it.each([
    ['every row valid', 0, ['check', casePath('01-utf8-bom-header.csv'), '--phone-region', 'GB']],
    ['some rows invalid', 1, ['check', casePath('20-phone-scientific-notation.csv'), '--phone-region', 'AU']],
    [
      'ambiguous dates: nothing sendable until an order is chosen',
      2,
      ['check', casePath('17-dates-all-ambiguous.csv')],
    ],
    [
      '…until an order is chosen',
      0,
      ['check', casePath('17-dates-all-ambiguous.csv'), '--date-order', 'dmy'],
    ],
    ['file error', 2, ['check', casePath('31-unclosed-quote.csv')]],
    ['missing file', 2, ['check', path.join(tmpdir(), 'no-such-file.csv')]],
    ['unknown option', 64, ['check', casePath('01-utf8-bom-header.csv'), '--bogus']],
    ['missing argument', 64, ['check']],
    ['batch size out of range', 64, ['check', casePath('01-utf8-bom-header.csv'), '--batch-size', '501']],
    ['bad date order', 64, ['check', casePath('01-utf8-bom-header.csv'), '--date-order', 'dym']],
    ['unknown field in --map', 64, ['check', casePath('01-utf8-bom-header.csv'), '--map', 'phone=mobile']],
    ['unknown command', 64, ['frobnicate']],
  ] as const)('%s → exit %i', (_name, code, args) => {
    expect(run(...args).code).toBe(code);
  });

  it('explains usage errors on stderr', () => {
    const { stderr } = run('check', casePath('01-utf8-bom-header.csv'), '--batch-size', '0');
    expect(stderr).toContain('--batch-size');
  });
});

describe('readable summary', () => {
  it('shows the counts, the mapping and the problems grouped by kind', () => {
    const { stdout } = run('check', casePath('20-phone-scientific-notation.csv'), '--phone-region', 'AU');
    expect(stdout).toMatch(/Rows: 3 +valid: 1 +invalid: 2 +blank: 0 +duplicates: 0 +warnings: 0 +batches: 1/);
    expect(stdout).toMatch(/C +phone +→ mobile_phone/);
    expect(stdout).toMatch(/2 × error +phone-scientific-notation/);
  });

  it('names the ambiguous date column and how to fix it', () => {
    const { stdout } = run('check', casePath('17-dates-all-ambiguous.csv'));
    expect(stdout).toContain("column C 'birthday' (birth_date)");
    expect(stdout).toContain('--date-order dmy');
  });
});

describe('--json', () => {
  it('prints one object in the documented shape', () => {
    const { stdout, code } = run('check', casePath('30-ragged-rows.csv'), '--phone-region', 'GB', '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report.file).toMatchObject({
      format: 'delimited',
      encoding: 'utf-8',
      delimiter: ',',
      sheet: null,
      sheets: [],
      columns: [
        { letter: 'A', header: 'first_name' },
        { letter: 'B', header: 'last_name' },
        { letter: 'C', header: 'email' },
        { letter: 'D', header: 'address' },
        { letter: 'E', header: 'phone' },
      ],
    });
    expect(report.mapping).toContainEqual({
      column: 'email',
      index: 2,
      letter: 'C',
      target: 'email',
      confidence: 1,
    });
    expect(report.match).toBe('email');
    expect(report.summary).toEqual({
      rows: 4,
      valid: 3,
      invalid: 1,
      blank: 0,
      duplicate: 0,
      unchecked: 0,
      warnings: 1,
      batches: 1,
      leftOut: 0,
      leftOutRows: 0,
      refused: 0,
    });
    expect(report.fileError).toBeNull();
    expect(report.issues).toEqual([
      expect.objectContaining({ severity: 'error', line: 3, column: null, target: null, code: 'ragged-row' }),
      expect.objectContaining({ severity: 'warning', line: 4, code: 'ragged-row-short' }),
    ]);
  });

  it('reports a file error with code, message, line and column', () => {
    const { stdout } = run('check', casePath('31-unclosed-quote.csv'), '--json');
    const report = JSON.parse(stdout) as { fileError: unknown; summary: { valid: number } };
    expect(report.fileError).toMatchObject({ code: 'unclosed-quote', line: 3, column: 'notes' });
    expect(report.summary.valid).toBe(0);
  });
});

describe('--records and --payload', () => {
  it('write one line per data row and one exact request body per batch', () => {
    const records = path.join(dir, 'records.jsonl');
    const payload = path.join(dir, 'payload.jsonl');
    const { code } = run(
      'check',
      casePath('11-comma-only-and-blank-rows.csv'),
      '--phone-region',
      'GB',
      '--batch-size',
      '1',
      '--records',
      records,
      '--payload',
      payload,
    );
    expect(code).toBe(0);
    const rows = jsonLines(records) as { line: number; status: string; profile: unknown }[];
    expect(rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'valid'],
      [3, 'blank'],
      [4, 'valid'],
      [5, 'blank'],
      [6, 'blank'],
      [7, 'blank'],
      [8, 'blank'],
    ]);
    expect(rows[0]?.profile).toMatchObject({
      email: 'ana.example@example.com',
      mobile_phone: '+447700900121',
    });
    expect(rows[1]?.profile).toBeNull();
    const bodies = jsonLines(payload);
    expect(bodies).toHaveLength(2);
    for (const body of bodies) expect(batchRequestSchema.parse(body).match_criteria).toBe('email');
    expect((bodies[1] as { profiles: { email: string }[] }).profiles.map((p) => p.email)).toEqual([
      'bruno.sample@example.com',
    ]);
  });

  it('leave empty files after a file error', () => {
    const records = path.join(dir, 'error-records.jsonl');
    const payload = path.join(dir, 'error-payload.jsonl');
    expect(
      run('check', casePath('31-unclosed-quote.csv'), '--records', records, '--payload', payload).code,
    ).toBe(2);
    expect(readFileSync(records, 'utf8')).toBe('');
    expect(readFileSync(payload, 'utf8')).toBe('');
    expect(existsSync(`${records}.partial`)).toBe(false);
  });
});

describe("--repeated-phones (the app's option, the same rule)", () => {
  it('leave-out sends later rows without the repeated mobile_phone, with a warning saying so', () => {
    const csv = path.join(dir, 'repeated-phones.csv');
    writeFileSync(
      csv,
      'email,mobile\na@example.com,+61 491 570 156\nb@example.com,+61 491 570 156\nc@example.com,+61 491 570 157\n',
    );
    const payload = path.join(dir, 'repeated-phones.jsonl');
    const kept = run('check', csv, '--json');
    const keptIssues = (JSON.parse(kept.stdout) as { issues: { code: string; message: string }[] }).issues;
    expect(keptIssues.map((i) => i.code)).toEqual(['mobile-phone-repeated']);
    expect(keptIssues[0]?.message).toMatch(/one of them may be rejected/);
    const left = run('check', csv, '--repeated-phones', 'leave-out', '--json', '--payload', payload);
    expect(left.code).toBe(0);
    const issues = (JSON.parse(left.stdout) as { issues: { line: number; message: string }[] }).issues;
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [
        3,
        'mobile_phone +61491570156 is also on line 2; left out of this row, since Omneo keeps mobile_phone unique.',
      ],
    ]);
    const [body] = jsonLines(payload) as { profiles: { email: string; mobile_phone?: string }[] }[];
    expect(body?.profiles.map((p) => [p.email, p.mobile_phone])).toEqual([
      ['a@example.com', '+61491570156'],
      ['b@example.com', undefined],
      ['c@example.com', '+61491570157'],
    ]);
  });

  it('refuses another value as a usage error', () => {
    expect(run('check', casePath('01-utf8-bom-header.csv'), '--repeated-phones', 'drop').code).toBe(64);
  });
});

describe('--mapping and --map', () => {
  it('applies a saved mapping that names repeated headers by letter', () => {
    const saved = path.join(dir, 'mapping.json');
    writeFileSync(
      saved,
      JSON.stringify({
        version: 1,
        columns: {
          email: 'email',
          first_name: 'first_name',
          'col:D': 'mobile_phone',
          'col:E': 'secondary_phone',
        },
        match: 'email',
        phoneRegion: 'GB',
      }),
    );
    const records = path.join(dir, 'mapped.jsonl');
    const { code } = run(
      'check',
      casePath('12-duplicate-headers.csv'),
      '--mapping',
      saved,
      '--records',
      records,
    );
    expect(code).toBe(0);
    const rows = jsonLines(records) as { profile: Record<string, unknown> }[];
    expect(rows[0]?.profile).toEqual({
      email: 'ana.example@example.com',
      first_name: 'Ana',
      mobile_phone: '+447700900131',
      secondary_phone: '+442079460131',
    });
  });

  it('rejects a mapping file that is not a saved mapping', () => {
    const saved = path.join(dir, 'bad-mapping.json');
    writeFileSync(saved, JSON.stringify({ version: 2, columns: {} }));
    const { code, stderr } = run('check', casePath('01-utf8-bom-header.csv'), '--mapping', saved);
    expect(code).toBe(64);
    expect(stderr).toContain('bad-mapping.json');
  });

  it('--map sets a target by header and can match on an identity', () => {
    const records = path.join(dir, 'ids.jsonl');
    const { code } = run(
      'check',
      casePath('22-long-loyalty-id.csv'),
      '--map',
      'loyalty_id=identities.loyalty_id',
      '--match',
      'loyalty_id',
      '--records',
      records,
    );
    expect(code).toBe(0);
    const rows = jsonLines(records) as { profile: { identities: { identifier: string }[] } }[];
    expect(rows.map((r) => r.profile.identities[0]?.identifier)).toEqual([
      '918273645546372819',
      '40210000000000000017',
      '9007199254740993',
      '000000000000042',
    ]);
  });
});
