import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTable } from '../../../electron/files/open-table';
import { writeReports } from '../../../electron/runner/report-writer';
import { collectRows } from './read-all';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'errors-round-trip-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('re-importing the errors.csv this app wrote', () => {
  it('gives back the original values: the formula guard is removed on reading', async () => {
    const original = path.join(dir, 'customers.csv');
    const rows = [
      ['ana@example.com', '+61 491 570 157', '-10% promo', "'tis the season"],
      ['bo@example', '=1+1', '@home', 'plain'],
    ];
    await fs.writeFile(
      original,
      ['email,mobile,notes,=tag', ...rows.map((r) => r.map((c) => `"${c}"`).join(','))].join('\n'),
    );
    const table = await openTable(original);
    const summary = await writeReports({
      directory: path.join(dir, 'report'),
      checkedRows: [
        { line: 2, status: 'invalid', batch: null, error: 'Line 2, column B: -refused' },
        { line: 3, status: 'invalid', batch: null, error: 'Line 3, column A: not an email' },
      ],
      runRows: [],
      header: table.info.columns.map((c) => c.header),
      sourceRows: table.rows(),
    });
    const written = await fs.readFile(summary.errorsPath!, 'utf8');
    expect(written).toContain("'+61 491 570 157");

    const again = await openTable(summary.errorsPath!);
    expect(again.info.columns.map((c) => c.header)).toEqual(['email', 'mobile', 'notes', '=tag', 'error']);
    const cells = (await collectRows(again)).map((r) => r.cells);
    expect(cells).toEqual([
      [...rows[0]!, 'Line 2, column B: -refused'],
      [...rows[1]!, 'Line 3, column A: not an email'],
    ]);
  });

  it('leaves a customer file without the error column as it is', async () => {
    const file = path.join(dir, 'quoted.csv');
    await fs.writeFile(file, "email,mobile\nana@example.com,'+61 491 570 157\n");
    const cells = (await collectRows(await openTable(file))).map((r) => r.cells);
    expect(cells).toEqual([['ana@example.com', "'+61 491 570 157"]]);
  });
});
