// Searching, sorting, go-to-line and bulk changes of review rows (rows:query, rows:locate,
// rows:bulk), each bulk change one undo step, over a small generated file with known problems.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAll, openFile, startWorkspace, valueOf, type WorkspaceHarness } from './workspace-harness';

interface Row {
  line: number;
  status: string;
  cells: string[];
  issues: { code: string }[];
  sent?: (string | null)[];
  skipReason: string | null;
}
interface Page {
  total: number;
  rows: Row[];
}
interface Summary {
  valid: number;
  invalid: number;
  duplicate: number;
  skipped: number;
}

// Lines 2–7. Line 3 and 7: bad emails; line 4: a birthday that is not a date; line 5 repeats
// line 2's email.
const csv = [
  'email,first_name,mobile_phone,birthday',
  'a1@example.com,Zoe,0412 345 101,1990-02-01',
  'bad-email,Yan,0412 345 102,1990-02-02',
  'a3@example.com,Xia,0412 345 103,not a date',
  'a1@example.com,Will,0412 345 104,1990-02-04',
  'a5@example.com,Vic,0412 345 105,1990-02-05',
  'bad2,Uma,0412 345 106,1990-02-06',
].join('\n');

describe('review views and bulk changes', () => {
  let app: WorkspaceHarness;
  let dir: string;
  let fileId: string;
  const query = async (input: object): Promise<Page> =>
    valueOf<Page>(await app.call('rows:query', { fileId, offset: 0, limit: 100, ...input }));
  const lines = async (input: object): Promise<number[]> => (await query(input)).rows.map((r) => r.line);
  const bulk = async (action: object) =>
    valueOf<{ changed: number; summary: Summary; canUndo: boolean }>(
      await app.call('rows:bulk', { fileId, action }),
    );
  const undo = async (): Promise<Summary> =>
    valueOf<{ summary: Summary }>(await app.call('rows:undo', { fileId })).summary;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-review-view-'));
    const file = path.join(dir, 'people.csv');
    await writeFile(file, `${csv}\n`);
    app = await startWorkspace();
    fileId = await openFile(app, file);
    await app.call('mapping:apply', {
      fileId,
      mapping: [
        { column: 0, target: 'email' },
        { column: 1, target: 'first_name' },
        { column: 2, target: 'mobile_phone' },
        { column: 3, target: 'birth_date' },
      ],
    });
    const checked = valueOf<{ summary: Summary; kind: string }>(
      await checkAll(app, { fileId, options: { phoneRegion: 'AU' } }),
    );
    expect(checked, JSON.stringify(checked)).toMatchObject({
      summary: { valid: 2, invalid: 3, duplicate: 1 },
    });
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives each cell its value as it will be sent', async () => {
    const [first] = (await query({})).rows;
    expect(first?.sent?.[2]).toBe('+61412345101');
    expect(first?.sent?.[1]).toBe('Zoe');
  });

  it('searches any cell, case-insensitively, or a line number, within the filter', async () => {
    expect(await lines({ search: 'VIC' })).toEqual([6]);
    expect(await lines({ search: 'a3@' })).toEqual([4]);
    expect(await lines({ search: '7' })).toEqual([7]);
    expect(await lines({ search: 'bad', filter: 'errors' })).toEqual([3, 7]);
    expect(await lines({ search: 'a1@', filter: 'duplicates' })).toEqual([5]);
  });

  it('sorts by a column either way, and by line last first', async () => {
    expect(await lines({ sort: { by: 1 } })).toEqual([7, 6, 5, 4, 3, 2]);
    expect(await lines({ sort: { by: 1, descending: true } })).toEqual([2, 3, 4, 5, 6, 7]);
    expect(await lines({ sort: { by: 'line', descending: true } })).toEqual([7, 6, 5, 4, 3, 2]);
    const page = await query({ sort: { by: 1 }, offset: 2, limit: 2 });
    expect(page).toMatchObject({ total: 6, rows: [{ line: 5 }, { line: 4 }] });
  });

  it('locates a line in the view, or says it is not there', async () => {
    const locate = async (input: object) =>
      valueOf<{ position: number | null; inFile: boolean }>(
        await app.call('rows:locate', { fileId, ...input }),
      );
    expect(await locate({ line: 5 })).toEqual({ position: 3, inFile: true });
    expect(await locate({ line: 7, filter: 'errors' })).toEqual({ position: 2, inFile: true });
    expect(await locate({ line: 2, filter: 'errors' })).toEqual({ position: null, inFile: true });
    expect(await locate({ line: 2, sort: { by: 1 } })).toEqual({ position: 5, inFile: true });
    expect(await locate({ line: 99 })).toEqual({ position: null, inFile: false });
  });

  it('skips every row with a problem as one undo step', async () => {
    const done = await bulk({ kind: 'skip-issue', code: 'email-invalid' });
    expect(done).toMatchObject({ changed: 2, canUndo: true, summary: { skipped: 2, invalid: 1 } });
    expect((await query({ filter: 'skipped' })).rows.map((r) => r.skipReason)).toEqual([
      'skipped by you: every row with email-invalid',
      'skipped by you: every row with email-invalid',
    ]);
    expect(await undo()).toMatchObject({ skipped: 0, invalid: 3 });
  });

  it('leaves out every value with a problem, so those rows can be sent', async () => {
    const done = await bulk({ kind: 'leave-out-issue', code: 'date-invalid' });
    expect(done).toMatchObject({ changed: 1, summary: { valid: 3, invalid: 2 } });
    const row = (await query({ search: 'Xia' })).rows[0];
    expect(row?.cells[3]).toBe('');
    expect(row?.status).toBe('valid');
    expect(await undo()).toMatchObject({ valid: 2, invalid: 3 });
    expect((await query({ search: 'Xia' })).rows[0]?.cells[3]).toBe('not a date');
  });

  it('replaces within one column, and undo takes every cell back at once', async () => {
    const done = await bulk({ kind: 'replace', column: 0, find: 'EXAMPLE.com', replace: 'example.org' });
    expect(done.changed).toBe(4);
    expect(await lines({ search: 'example.org' })).toEqual([2, 4, 5, 6]);
    // The first name column is untouched, whole-cell and case rules hold.
    expect(
      (await bulk({ kind: 'replace', column: 1, find: 'zoe', replace: 'Zoë', matchCase: true })).changed,
    ).toBe(0);
    expect(
      (await bulk({ kind: 'replace', column: 1, find: 'Zo', replace: 'X', wholeCell: true })).changed,
    ).toBe(0);
    await undo();
    expect(await lines({ search: 'example.org' })).toEqual([]);
  });

  it('skips many lines at once and refuses a line the file lacks without changing anything', async () => {
    expect((await bulk({ kind: 'skip', lines: [2, 6], skipped: true })).summary.skipped).toBe(2);
    const refused = await app.call('rows:bulk', {
      fileId,
      action: { kind: 'skip', lines: [3, 99], skipped: true },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await query({ filter: 'skipped' })).rows.map((r) => r.line)).toEqual([2, 6]);
    expect(await undo()).toMatchObject({ skipped: 0 });
  });
});
