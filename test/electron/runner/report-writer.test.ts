import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTable } from '../../../electron/files/open-table';
import { withPlace, writeReports } from '../../../electron/runner/report-writer';
import type { CheckedRow } from '../../../shared/report/report-rows';
import { reconcile } from '../../../shared/runner/reconcile';
import type { RowResult } from '../../../shared/runner/run-events';
import { casePath } from '../../support/shared-paths';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'report-test-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Reads a CSV we wrote: checks the BOM and returns its rows as arrays. */
async function readCsv(file: string): Promise<string[][]> {
  const text = await fs.readFile(file, 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

describe('writeReports', () => {
  it('writes every row to results.csv and the rows to fix, with original columns, to errors.csv — all neutralised', async () => {
    const table = await openTable(casePath('26-formula-injection.csv'));
    const checked: CheckedRow[] = [
      { line: 2, status: 'valid', batch: 0, error: null, matchKey: 'amy@example.com' },
      { line: 3, status: 'valid', batch: 0, error: null, matchKey: 'bruno@example.com' },
      { line: 4, status: 'invalid', batch: null, error: '=tags: bad value' },
    ];
    const runRows: RowResult[] = [
      { line: 2, batchIndex: 0, batchId: 'b-1', outcome: 'created', error: null, profileId: '101' },
      { line: 3, batchIndex: 0, batchId: 'b-1', outcome: 'failed', error: 'The phone number exists' },
    ];
    const summary = await writeReports({
      directory: path.join(dir, 'formula'),
      checkedRows: checked,
      runRows,
      resentBatches: new Set([0]),
      header: table.info.columns.map((c) => c.header),
      sourceRows: table.rows(),
    });

    expect(await readCsv(summary.resultsPath)).toEqual([
      [
        'line',
        'status',
        'batch',
        'batch_id',
        'outcome',
        'resent',
        'error',
        'match_key',
        'profile_id',
        'left_out',
      ],
      ['2', 'valid', '1', 'b-1', 'created', 'yes', '', 'amy@example.com', '101', ''],
      ['3', 'valid', '1', 'b-1', 'failed', 'yes', 'The phone number exists', 'bruno@example.com', '', ''],
      ['4', 'invalid', '', '', 'invalid', '', "'=tags: bad value", '', '', ''],
    ]);
    expect(summary.errorsPath).not.toBeNull();
    expect(await readCsv(summary.errorsPath!)).toEqual([
      ['email', 'first_name', 'last_name', 'tags', 'notes', 'error'],
      [
        'bruno.sample@example.com',
        'Bruno',
        "'+1+2",
        "'@SUM(1+1)",
        "'-5 points after return",
        'line 3: The phone number exists',
      ],
      ['chloe.test@example.com', 'Chloé', 'Test', "'=2+5", 'plain note', 'line 4: =tags: bad value'],
    ]);
    expect(summary.rowsToFix).toBe(2);
    expect(summary.counts).toMatchObject({ rows: 3, invalid: 1, created: 1, failed: 1 });
    expect(reconcile(summary.counts).difference).toBe(0);
  });

  it('counts every bucket and writes no errors.csv when nothing needs attention', async () => {
    const checked: CheckedRow[] = [
      { line: 2, status: 'valid', batch: 0, error: null },
      { line: 3, status: 'blank', batch: null, error: null },
      { line: 4, status: 'duplicate', batch: null, error: 'duplicate of line 2' },
      { line: 5, status: 'valid', batch: 0, error: null },
      { line: 6, status: 'valid', batch: null, error: null },
    ];
    const runRows: RowResult[] = [
      { line: 2, batchIndex: 0, batchId: 'b', outcome: 'updated', error: null },
      { line: 5, batchIndex: 0, batchId: 'b', outcome: 'accepted', error: null },
    ];
    const summary = await writeReports({
      directory: path.join(dir, 'clean'),
      checkedRows: checked,
      runRows,
      header: ['email'],
    });
    expect(summary.errorsPath).toBeNull();
    expect(summary.counts).toEqual({
      rows: 5,
      blank: 1,
      invalid: 0,
      duplicate: 1,
      skipped: 1,
      created: 0,
      updated: 1,
      failed: 0,
      accepted: 1,
      notSent: 0,
    });
    expect(reconcile(summary.counts).difference).toBe(0);
    const rows = await readCsv(summary.resultsPath);
    expect(rows.map((r) => r[4])).toEqual([
      'outcome',
      'updated',
      'blank',
      'duplicate',
      'accepted',
      'skipped',
    ]);
  });

  it('streams a large report in chunks', async () => {
    const n = 12_345;
    const checked = Array.from({ length: n }, (_v, i): CheckedRow => ({
      line: i + 2,
      status: 'valid',
      batch: Math.floor(i / 500),
      error: null,
    }));
    const runRows = checked.map((c): RowResult => ({
      line: c.line,
      batchIndex: c.batch!,
      batchId: `b${c.batch}`,
      outcome: 'created',
      error: null,
    }));
    const summary = await writeReports({
      directory: path.join(dir, 'large'),
      checkedRows: checked,
      runRows,
      header: ['email'],
    });
    const rows = await readCsv(summary.resultsPath);
    expect(rows).toHaveLength(n + 1);
    expect(rows.at(-1)).toEqual([
      String(n + 1),
      'valid',
      String(Math.floor((n - 1) / 500) + 1),
      `b${Math.floor((n - 1) / 500)}`,
      'created',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(summary.counts.created).toBe(n);
  });
});

describe('withPlace', () => {
  it.each([
    [
      "Line 842, column G 'Phone' (mobile_phone): too short",
      842,
      "Line 842, column G 'Phone' (mobile_phone): too short",
    ],
    ["Phone: Line 2707, column G 'Phone': too short", 2707, "Phone: Line 2707, column G 'Phone': too short"],
    ['The phone number exists', 3, 'line 3: The phone number exists'],
    ['duplicate of line 2', 4, 'line 4: duplicate of line 2'],
    ['see line 30', 3, 'line 3: see line 30'],
  ])('%j on line %i → %j', (error, line, shown) => {
    expect(withPlace(error, line)).toBe(shown);
  });
});
