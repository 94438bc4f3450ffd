/**
 * The on-disk row store (row-store.ts) and the review over it: rows come back exactly as read
 * (any text, reader notes, workbook widths) in any order and across blocks, the spill leaves
 * nothing in its folder, and a workspace over the store reviews a file of several blocks exactly as
 * one over the same rows in memory — after any edits, skips and undos: statuses, issues, counts,
 * every filter and issue-code list (pages anywhere, go-to-line), search, sort and the job snapshot.
 */
import fc from 'fast-check';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareCheck } from '../../../electron/engine/prepare-check';
import { openTable } from '../../../electron/files/open-table';
import { FileWorkspace, type PreparedPlan } from '../../../electron/workspace/file-workspace';
import { locateLine, viewPage, type RowView } from '../../../electron/workspace/review-view';
import { blockRows, RowStore } from '../../../electron/workspace/row-store';
import { suggestMapping } from '../../../shared/mapping/auto-map';
import type { ColumnMapping } from '../../../shared/mapping/column-mapping';
import type { FileInfo, SourceRow } from '../../../shared/source/source-table';

async function* chunksOf(rows: readonly SourceRow[], size: number): AsyncGenerator<readonly SourceRow[]> {
  for (let at = 0; at < rows.length; at += size) yield rows.slice(at, at + size);
}

describe('row store', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'row-store-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives every row back exactly, in any order, across blocks, and leaves no file behind', async () => {
    const texts = [
      '',
      'plain',
      'a "quoted", comma',
      'two\nlines\r\n',
      'Zoë 美咲 😀',
      '\u0000\u001b[2J',
      '[1,2]',
    ];
    const rows: SourceRow[] = Array.from({ length: blockRows * 3 + 17 }, (_v, i) => {
      const cells = Array.from({ length: i % 5 }, (_w, k) => texts[(i + k) % texts.length] as string);
      const line = 2 + i * 2;
      if (i % 97 === 3)
        return {
          line,
          cells,
          notes: [{ column: 0, text: 'x', severity: 'error', code: 'encoding-invalid-bytes', message: 'm' }],
        };
      if (i % 101 === 5) return { line, cells, width: 12 };
      return { line, cells };
    });
    let reported = 0;
    const store = await RowStore.fill(chunksOf(rows, 100), dir, (n) => (reported = n));
    expect(reported).toBe(rows.length);
    expect(store.size).toBe(rows.length);
    if (process.platform !== 'win32') expect(await readdir(dir)).toEqual([]);
    const order = fc.sample(fc.nat(rows.length - 1), { numRuns: 2000, seed: 7 });
    for (const i of [...order, ...rows.keys()]) expect(store.row(i)).toEqual(rows[i]);
    expect(store.indexOf(rows[700]?.line ?? 0)).toBe(700);
    expect(store.indexOf(3)).toBe(-1);
    expect(store.indexOf(1)).toBe(-1);
    expect(store.line(rows.length - 1)).toBe(rows.at(-1)?.line);
    expect(() => store.row(rows.length)).toThrow(RangeError);
    store.close();
    store.close();
    expect(await readdir(dir)).toEqual([]);
  });

  it('an empty table makes an empty store', async () => {
    const store = await RowStore.fill(chunksOf([], 1), dir);
    expect(store.size).toBe(0);
    expect(store.indexOf(2)).toBe(-1);
    store.close();
  });

  it('a stream that fails removes the spill and throws its error', async () => {
    async function* failing(): AsyncGenerator<readonly SourceRow[]> {
      yield [{ line: 2, cells: ['a'] }];
      throw new Error('unclosed quote');
    }
    await expect(RowStore.fill(failing(), dir)).rejects.toThrow('unclosed quote');
    expect(await readdir(dir)).toEqual([]);
  });
});

interface Loaded {
  readonly file: string;
  readonly info: FileInfo;
  readonly rows: SourceRow[];
  readonly mapping: ColumnMapping[];
}

/** More rows than one counted block of the review's lists (4,096) and many store blocks, with duplicates, repeated phones and errors. */
const rowCount = 5_000;

describe('a workspace over the row store reviews as one over the rows in memory', () => {
  let dir = '';
  let loaded: Loaded;
  let prepared: PreparedPlan;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'row-store-review-'));
    const file = path.join(dir, 'people.csv');
    const lines = Array.from({ length: rowCount }, (_v, i) => {
      const email = i % 13 === 0 ? 'not-an-email' : `p${i % 4_000}@example.com`;
      return `${email},Name${i % 50},+61 491 570 ${String(100 + (i % 300)).padStart(3, '0')}`;
    });
    await writeFile(file, ['email,first_name,mobile', ...lines].join('\n') + '\n');
    const table = await openTable(file);
    const rows: SourceRow[] = [];
    for await (const chunk of table.rows()) rows.push(...chunk);
    const mapping = suggestMapping(
      table.info.columns,
      rows.slice(0, 50).map((r) => [...r.cells]),
    );
    loaded = { file, info: table.info, rows, mapping };
    const p = await prepareCheck(
      file,
      {},
      { from: mapping, overrides: [] },
      { phoneRegion: 'AU', batchSize: 50 },
    );
    if (!p.plan) throw new Error('the automatic mapping cannot be sent');
    prepared = { ...p, plan: p.plan, fileIssues: [] };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const views: RowView[] = [
    { filter: 'all' },
    { filter: 'errors' },
    { filter: 'warnings' },
    { filter: 'duplicates' },
    { filter: 'skipped' },
    { filter: 'all', issueCode: 'duplicate-match-key' },
    { filter: 'warnings', issueCode: 'mobile-phone-repeated' },
    { filter: 'all', search: 'name7' },
    { filter: 'all', sort: { by: 1, descending: true } },
    { filter: 'errors', sort: { by: 0, descending: false } },
  ];

  /** What the review shows: pages at the start, middle and end of every view, go-to-line, counts, snapshot. */
  function shown(workspace: FileWorkspace) {
    return {
      summary: workspace.summary(),
      groups: workspace.check?.state.issueGroups().map((g) => [g.code, g.severity, g.count]),
      views: views.map((view) => {
        const first = viewPage(workspace, view, 0, 20);
        const total = first.total;
        return {
          total,
          pages: [0, Math.floor(total / 2), Math.max(0, total - 20)].map((offset) =>
            viewPage(workspace, view, offset, 20).rows.map((r) => [
              r.line,
              r.status,
              r.issues.map((x) => x.message),
              r.cells,
            ]),
          ),
          located: [2, 1_000, 4_200, 4_999, rowCount + 1].map((line) => locateLine(workspace, view, line)),
        };
      }),
      snapshot: [...workspace.snapshot()].map(({ row, batch }) => [row, batch?.index, batch?.rows.length]),
      changes: workspace.changes(),
    };
  }

  function holds(view: RowView, row: ReturnType<FileWorkspace['reviewRow']>): boolean {
    if (view.issueCode !== undefined && !row.issues.some((x) => x.code === view.issueCode)) return false;
    if (view.filter === 'errors') return row.status === 'invalid';
    if (view.filter === 'duplicates') return row.status === 'duplicate';
    if (view.filter === 'skipped') return row.status === 'skipped';
    if (view.filter === 'warnings') return row.issues.some((x) => x.severity === 'warning');
    return true;
  }

  const change = fc.oneof(
    fc.record({
      kind: fc.constant('edit' as const),
      row: fc.nat(rowCount - 1),
      column: fc.constantFrom(0, 2),
      value: fc.oneof(
        fc.constant(''),
        fc.constant('not-valid'),
        fc.nat(5).map((i) => `p${i}@example.com`),
        fc.nat(3).map((i) => `+61 491 570 10${i}`),
      ),
    }),
    fc.record({ kind: fc.constant('skip' as const), row: fc.nat(rowCount - 1), skipped: fc.boolean() }),
    fc.record({ kind: fc.constant('undo' as const) }),
  );

  it('after any edits, skips and undos', async () => {
    const store = await RowStore.fill(chunksOf(loaded.rows, 1000), dir);
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(change, { maxLength: 12 }), async (changes) => {
          const onDisk = new FileWorkspace('f', loaded.file, loaded.info, {}, store, '');
          const inMemory = new FileWorkspace('f', loaded.file, loaded.info, {}, loaded.rows, '');
          for (const workspace of [onDisk, inMemory]) {
            workspace.mapping = loaded.mapping;
            await workspace.runCheck(prepared, () => {});
            for (const c of changes) {
              const line = loaded.rows[c.kind === 'undo' ? 0 : c.row]?.line ?? 0;
              if (c.kind === 'edit') workspace.edit(line, c.column, c.value);
              else if (c.kind === 'skip') workspace.skip(line, c.skipped, 'test');
              else workspace.undo();
            }
          }
          const seen = shown(onDisk);
          expect(seen).toEqual(shown(inMemory));
          // A check from scratch with the same changes shows the same (the incremental settling).
          const fresh = new FileWorkspace('f', loaded.file, loaded.info, {}, store, '');
          fresh.mapping = loaded.mapping;
          fresh.applyChanges(onDisk.changes());
          await fresh.runCheck(prepared, () => {});
          expect({ ...shown(fresh), changes: null }).toEqual({ ...seen, changes: null });
          // Every filter's list is the rows whose status and issues it names.
          const all = Array.from({ length: rowCount }, (_v, i) => onDisk.reviewRow(i));
          for (const view of views.slice(0, 7)) {
            const want = all.filter((r) => holds(view, r)).map((r) => r.line);
            const got = viewPage(onDisk, view, 0, 1000);
            expect(got.total).toBe(want.length);
            const from = Math.max(0, want.length - 1000);
            expect(viewPage(onDisk, view, from, 1000).rows.map((r) => r.line)).toEqual(want.slice(from));
          }
          const { summary } = seen;
          expect(summary.valid + summary.invalid + summary.blank + summary.duplicate + summary.skipped).toBe(
            rowCount,
          );
          expect(seen.snapshot).toHaveLength(rowCount);
        }),
        { numRuns: 3 },
      );
    } finally {
      store.close();
    }
  }, 120_000);
});
