import { describe, expect, it } from 'vitest';
import { GridModel, cellIssues, rowIssues, worstSeverity } from '../../renderer/review/grid-model';
import { memoryRowSource } from './memory-row-source';

/** 25 rows; every fifth (lines 2, 7, 12, 17, 22) has a bad email in column B. */
function table(): string[][] {
  return Array.from({ length: 25 }, (_, i) => [
    `Name ${i}`,
    i % 5 === 0 ? `bad-${i}` : `person${i}@example.com`,
    `0400 000 ${String(i).padStart(3, '0')}`,
  ]);
}

describe('GridModel paging', () => {
  it('loads only the pages a visible range needs, once each', async () => {
    const source = memoryRowSource(table());
    const model = new GridModel(source, 10);
    await model.reload();
    expect(model.total).toBe(25);
    expect(model.rowAt(0)?.line).toBe(2);
    expect(model.rowAt(10)).toBeUndefined();

    await model.ensureRows(8, 21);
    await model.ensureRows(8, 21);
    expect(source.requests).toEqual(['page 0+10 all', 'page 10+10 all', 'page 20+10 all']);
    expect(model.rowAt(24)?.line).toBe(26);
    expect(model.rowAt(25)).toBeUndefined();
  });

  it('refresh re-fetches the rows in view but keeps the count, so the table stays where it is', async () => {
    const source = memoryRowSource(table());
    const model = new GridModel(source, 10);
    await model.reload();
    await model.ensureRows(10, 19);
    const version = model.version;
    model.refresh();
    expect(model.version).toBeGreaterThan(version);
    expect(model.total).toBe(25);
    expect(model.rowAt(12)).toBeUndefined();
    await model.ensureRows(10, 19);
    expect(model.rowAt(12)?.line).toBe(14);
    expect(source.requests).toEqual(['page 0+10 all', 'page 10+10 all', 'page 10+10 all']);
  });

  it('never asks beyond the last row once the total is known', async () => {
    const source = memoryRowSource(table());
    const model = new GridModel(source, 10);
    await model.reload();
    await model.ensureRows(0, 500);
    expect(source.requests).toEqual(['page 0+10 all', 'page 10+10 all', 'page 20+10 all']);
  });

  it.each([
    { filter: 'all' as const, code: undefined, lines: 25 },
    { filter: 'errors' as const, code: undefined, lines: 5 },
    { filter: 'all' as const, code: 'email-invalid', lines: 5 },
    { filter: 'skipped' as const, code: undefined, lines: 0 },
  ])('filters $filter $code to $lines rows', async ({ filter, code, lines }) => {
    const model = new GridModel(memoryRowSource(table()), 10);
    await model.setFilter(filter, code);
    expect(model.total).toBe(lines);
    if (filter === 'errors') expect(model.rowAt(1)?.line).toBe(7);
  });

  it('drops a page that answers for a filter no longer chosen', async () => {
    const source = memoryRowSource(table());
    const model = new GridModel(source, 10);
    source.hold();
    const stale = model.setFilter('all');
    source.release();
    const fresh = model.setFilter('errors');
    await Promise.all([stale, fresh]);
    expect(model.filter).toBe('errors');
    expect(model.total).toBe(5);
    expect(model.rowAt(0)?.status).toBe('invalid');
  });

  it('keeps the failure message and clears it on the next success', async () => {
    const source = memoryRowSource(table());
    const model = new GridModel(source, 10);
    source.failNext('The file is no longer open.');
    await model.reload();
    expect(model.error).toBe('The file is no longer open.');
    expect(model.total).toBeNull();
    await model.reload();
    expect(model.error).toBeNull();
    expect(model.total).toBe(25);
  });
});

describe('GridModel edits', () => {
  it('replaces an edited row with the re-validated one, and undo/redo go back and forth', async () => {
    const model = new GridModel(memoryRowSource(table()), 10);
    await model.setFilter('errors');
    const versions: number[] = [];
    model.subscribe(() => versions.push(model.version));

    expect(await model.edit(7, 1, 'fixed@example.com')).toBe(true);
    const fixed = model.rowOfLine(7);
    expect(fixed?.status).toBe('valid');
    expect(fixed?.edited).toEqual([1]);
    expect(model.rowAt(1)?.line).toBe(7); // still in place under the errors filter
    expect(model.summary?.invalid).toBe(4);
    expect(versions.length).toBeGreaterThanOrEqual(2);

    expect(model.canUndo).toBe(true);
    expect(await model.undo()).toBe(true);
    expect(model.rowOfLine(7)?.cells[1]).toBe('bad-5');
    expect(model.rowOfLine(7)?.status).toBe('invalid');
    expect(model.rowOfLine(7)?.edited).toEqual([]);
    expect(model.summary?.invalid).toBe(5);

    expect(model.canRedo).toBe(true);
    expect(await model.redo()).toBe(true);
    expect(model.rowOfLine(7)?.cells[1]).toBe('fixed@example.com');
    expect(model.canRedo).toBe(false);

    await model.reload();
    expect(model.total).toBe(4);
  });

  it('does not call main for an edit that changes nothing', async () => {
    const source = memoryRowSource(table());
    const model = new GridModel(source, 10);
    await model.reload();
    expect(await model.edit(3, 0, 'Name 1')).toBe(true);
    expect(source.requests.filter((r) => r.startsWith('edit'))).toEqual([]);
    expect(model.canUndo).toBe(false);
  });

  it('undoes a skip, and a new change clears the redo stack', async () => {
    const model = new GridModel(memoryRowSource(table()), 10);
    await model.reload();
    await model.skip(2, true);
    expect(model.rowOfLine(2)?.status).toBe('skipped');
    expect(model.summary?.skipped).toBe(1);
    await model.undo();
    expect(model.rowOfLine(2)?.status).toBe('invalid');
    expect(model.canRedo).toBe(true);
    await model.edit(3, 0, 'Renamed');
    expect(model.canRedo).toBe(false);
  });

  it('keeps the change on its stack when main refuses the undo', async () => {
    const source = memoryRowSource(table());
    const model = new GridModel(source, 10);
    await model.reload();
    await model.edit(2, 1, 'ok@example.com');
    source.failNext('That file is no longer open.');
    expect(await model.undo()).toBe(false);
    expect(model.error).toBe('That file is no longer open.');
    expect(model.canUndo).toBe(true);
    expect(model.rowOfLine(2)?.cells[1]).toBe('ok@example.com');
  });

  it('reports busy while a change waits for main', async () => {
    const model = new GridModel(memoryRowSource(table()), 10);
    await model.reload();
    const pending = model.edit(2, 1, 'x@example.com');
    expect(model.busy).toBe(true);
    expect(model.canUndo).toBe(false);
    await pending;
    expect(model.busy).toBe(false);
  });
});

describe('cell issues', () => {
  it('splits issues into cells by letter and whole-row issues', async () => {
    const model = new GridModel(memoryRowSource(table()), 10);
    await model.reload();
    const row = model.rowAt(0);
    if (!row) throw new Error('row 0 not loaded');
    expect(cellIssues(row, 'B').map((i) => i.code)).toEqual(['email-invalid']);
    expect(cellIssues(row, 'A')).toEqual([]);
    expect(rowIssues(row)).toEqual([]);
    expect(worstSeverity(cellIssues(row, 'B'))).toBe('error');
    expect(worstSeverity([])).toBeNull();
  });
});

describe('GridModel selection, bulk changes and go-to-line', () => {
  it('selects a range with Shift+click among loaded rows and skips it as one undo step', async () => {
    const source = memoryRowSource(table());
    const model = new GridModel(source, 10);
    await model.reload();
    model.select(1, 3, 'toggle');
    model.select(4, 6, 'range');
    expect(model.selection.lines).toEqual([3, 4, 5, 6]);
    expect(await model.bulk({ kind: 'skip', lines: [...model.selection.lines], skipped: true })).toBe(4);
    expect(model.selection.size).toBe(0);
    expect(model.summary?.skipped).toBe(4);
    await model.ensureRows(0, 9);
    expect(model.rowOfLine(5)?.status).toBe('skipped');
    // One Undo takes back all four.
    expect(await model.undo()).toBe(true);
    await model.ensureRows(0, 9);
    expect([3, 4, 5, 6].map((line) => model.rowOfLine(line)?.status)).toEqual([
      'valid',
      'valid',
      'valid',
      'valid',
    ]);
    expect(model.canUndo).toBe(false);
    // Redo makes the same bulk change again.
    expect(await model.redo()).toBe(true);
    expect(model.summary?.skipped).toBe(4);
    expect(source.requests.filter((r) => r.startsWith('bulk'))).toEqual(['bulk skip', 'bulk skip']);
  });

  it('finds a line hidden by the filter among all rows, and says so for a line the file lacks', async () => {
    const model = new GridModel(memoryRowSource(table()), 10);
    await model.setFilter('errors');
    expect(await model.locate(7)).toBe(1);
    expect(model.filter).toBe('errors');
    expect(await model.locate(8)).toBe(6);
    expect(model.filter).toBe('all');
    expect(await model.locate(500)).toBeNull();
    expect(model.error).toBe('There is no data row on line 500.');
  });
});
