/**
 * The review's incremental settling (review-state.ts) against a check from scratch: after any
 * sequence of edits, skips and undos, under each duplicates policy, every row's status and issues,
 * the counts, the issue groups and every filter's rows are exactly what a fresh check of the same
 * rows gives — and the fresh check agrees with the CLI engine's accumulator.
 */
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../../electron/engine/check-file';
import { prepareCheck } from '../../../electron/engine/prepare-check';
import { openTable } from '../../../electron/files/open-table';
import { FileWorkspace, type PreparedPlan } from '../../../electron/workspace/file-workspace';
import type { RowFilter } from '../../../electron/workspace/review-state';
import type { DuplicatePolicy } from '../../../shared/engine/check-options';
import type { RowOutcome } from '../../../shared/engine/check-result';
import type { ColumnMapping } from '../../../shared/mapping/column-mapping';
import { suggestMapping } from '../../../shared/mapping/auto-map';
import type { FileInfo, SourceRow } from '../../../shared/source/source-table';
import { fixturePath } from '../../support/shared-paths';

interface Loaded {
  readonly file: string;
  readonly info: FileInfo;
  readonly rows: SourceRow[];
  readonly mapping: ColumnMapping[];
}

async function load(file: string): Promise<Loaded> {
  const table = await openTable(file);
  const rows: SourceRow[] = [];
  for await (const chunk of table.rows()) rows.push(...chunk);
  const mapping = suggestMapping(
    table.info.columns,
    rows.slice(0, 50).map((r) => [...r.cells]),
  );
  return { file, info: table.info, rows, mapping };
}

async function planOf(loaded: Loaded, duplicates: DuplicatePolicy): Promise<PreparedPlan> {
  const p = await prepareCheck(
    loaded.file,
    {},
    { from: loaded.mapping, overrides: [] },
    { phoneRegion: 'US', batchSize: 7, duplicates },
  );
  if (!p.plan) throw new Error('the automatic mapping cannot be sent');
  return { ...p, plan: p.plan, fileIssues: [] };
}

function workspaceOf(loaded: Loaded): FileWorkspace {
  const workspace = new FileWorkspace('f', loaded.file, loaded.info, {}, loaded.rows, '');
  workspace.mapping = loaded.mapping;
  return workspace;
}

const filters: RowFilter[] = ['all', 'errors', 'warnings', 'duplicates', 'skipped'];

/** Everything the review shows of a workspace, as plain values. */
function view(workspace: FileWorkspace, rowCount: number) {
  const rows = Array.from({ length: rowCount }, (_v, i) => {
    const row = workspace.reviewRow(i);
    return [row.line, row.status, row.issues.map((x) => x.message)];
  });
  const lists = filters.map((f) => workspace.page(f, undefined, 0, 1000).rows.map((r) => r.line));
  const groups = (workspace.check?.state.issueGroups() ?? []).map((g) => [g.code, g.count]);
  const byCode = groups.map(([code]) => workspace.page('all', String(code), 0, 1000).rows.map((r) => r.line));
  return { rows, lists, groups, byCode, summary: workspace.summary(), batches: workspace.plannedBatches() };
}

describe('incremental review settling equals a check from scratch', () => {
  let customers: Loaded;
  beforeAll(async () => {
    customers = await load(fixturePath('customers-100.csv'));
  });

  const emailColumn = 9;
  const phoneColumn = 7;
  const change = fc.oneof(
    fc.record({
      kind: fc.constant('edit' as const),
      row: fc.nat(99),
      column: fc.constantFrom(emailColumn, phoneColumn),
      value: fc.oneof(
        fc.constant(''),
        fc.constant('not-valid'),
        fc.nat(5).map((i) => `dup${i}@example.com`),
        fc.nat(3).map((i) => `+1 415 555 010${i}`),
      ),
    }),
    fc.record({ kind: fc.constant('skip' as const), row: fc.nat(99), skipped: fc.boolean() }),
    fc.record({ kind: fc.constant('undo' as const) }),
  );

  it.each<DuplicatePolicy>(['keep-first', 'keep-last', 'none'])(
    '%s: any edits, skips and undos',
    async (policy) => {
      const prepared = await planOf(customers, policy);
      await fc.assert(
        fc.asyncProperty(fc.array(change, { maxLength: 30 }), async (changes) => {
          const live = workspaceOf(customers);
          await live.runCheck(prepared, () => {});
          for (const c of changes) {
            const line = customers.rows[c.kind === 'undo' ? 0 : c.row]?.line ?? 0;
            if (c.kind === 'edit') live.edit(line, c.column, c.value);
            else if (c.kind === 'skip') live.skip(line, c.skipped, 'test');
            else live.undo();
          }
          const fresh = workspaceOf(customers);
          fresh.applyChanges(live.changes());
          await fresh.runCheck(prepared, () => {});
          expect(view(live, 100)).toEqual(view(fresh, 100));
        }),
        { numRuns: 40 },
      );
    },
  );
});

describe('duplicates policy in the review, as the CLI engine settles it', () => {
  let dir = '';
  let loaded: Loaded;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'review-dups-'));
    const file = path.join(dir, 'people.csv');
    const people = ['a', 'b', 'a', 'c', 'a', 'b'].map((x, i) => `${x}@example.com,P${i},+61 491 570 15${i}`);
    await writeFile(file, ['email,first_name,mobile', ...people].join('\n') + '\n');
    loaded = await load(file);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each<[DuplicatePolicy, string[]]>([
    ['keep-first', ['valid', 'valid', 'duplicate', 'valid', 'duplicate', 'duplicate']],
    ['keep-last', ['duplicate', 'duplicate', 'duplicate', 'valid', 'valid', 'valid']],
    ['none', ['duplicate', 'duplicate', 'duplicate', 'valid', 'duplicate', 'duplicate']],
  ])('%s', async (policy, statuses) => {
    const workspace = workspaceOf(loaded);
    await workspace.runCheck(await planOf(loaded, policy), () => {});
    const review = Array.from({ length: 6 }, (_v, i) => workspace.reviewRow(i));
    expect(review.map((r) => r.status)).toEqual(statuses);
    const engine: RowOutcome[] = [];
    await checkFile(
      loaded.file,
      {},
      { from: loaded.mapping, overrides: [] },
      { duplicates: policy, phoneRegion: 'US', batchSize: 7 },
      {
        onRow: (r) => engine.push(r),
      },
    );
    expect(engine.map((r) => r.status)).toEqual(statuses);
    expect(review.map((r) => r.issues.map((x) => x.message))).toEqual(
      engine.map((r) => r.issues.map((x) => x.message)),
    );
    const reported = workspace.checkedRows();
    expect(reported.filter((r) => r.status === 'duplicate').map((r) => r.error)).toEqual(
      engine.filter((r) => r.status === 'duplicate').map((r) => `duplicate of line ${r.duplicateOf}`),
    );
  });

  it('an edit that leaves a group hands the send to the next row (keep-first), and undo gives it back', async () => {
    const workspace = workspaceOf(loaded);
    await workspace.runCheck(await planOf(loaded, 'keep-first'), () => {});
    workspace.edit(2, 0, 'z@example.com');
    expect(workspace.reviewRow(2).status).toBe('valid');
    expect(workspace.reviewRow(4).issues.at(-1)?.message).toMatch(/^Duplicate of line 4:/);
    workspace.undo();
    expect(workspace.reviewRow(2).status).toBe('duplicate');
    expect(workspace.reviewRow(4).issues.at(-1)?.message).toMatch(/^Duplicate of line 2:/);
  });
});
