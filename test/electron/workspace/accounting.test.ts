import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareCheck } from '../../../electron/engine/prepare-check';
import { openTable } from '../../../electron/files/open-table';
import { FileWorkspace, type PreparedPlan } from '../../../electron/workspace/file-workspace';
import { suggestMapping } from '../../../shared/mapping/auto-map';
import type { SourceRow } from '../../../shared/source/source-table';
import { fixturePath } from '../../support/shared-paths';

const file = fixturePath('customers-100.csv');

describe('every row is accounted for exactly once, whatever the edits and skips', () => {
  let rows: SourceRow[];
  let prepared: PreparedPlan;
  let load: () => FileWorkspace;
  beforeAll(async () => {
    const table = await openTable(file);
    rows = [];
    for await (const chunk of table.rows()) rows.push(...chunk);
    const mapping = suggestMapping(
      table.info.columns,
      rows.slice(0, 50).map((r) => [...r.cells]),
    );
    const p = await prepareCheck(
      file,
      {},
      { from: mapping, overrides: [] },
      { phoneRegion: 'US', batchSize: 7 },
    );
    if (!p.plan) throw new Error('the automatic mapping of customers-100 cannot be sent');
    prepared = { ...p, plan: p.plan, fileIssues: [] };
    load = () => {
      const workspace = new FileWorkspace('f', file, table.info, table, rows, '');
      workspace.mapping = mapping;
      return workspace;
    };
  });

  const emailColumn = 9;
  const change = fc.oneof(
    fc.record({
      kind: fc.constant('edit' as const),
      row: fc.nat(99),
      value: fc.oneof(
        fc.constant(''),
        fc.constant('not-an-email'),
        fc.nat(99).map((i) => `dup${i % 5}@example.com`),
      ),
    }),
    fc.record({ kind: fc.constant('skip' as const), row: fc.nat(99), skipped: fc.boolean() }),
    fc.record({ kind: fc.constant('undo' as const) }),
  );

  it('rows = valid + invalid + blank + duplicate + skipped; the batches hold exactly the valid rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { maxLength: 25 }), async (changes) => {
        const workspace = load();
        await workspace.runCheck(prepared, () => {});
        for (const c of changes) {
          if (c.kind === 'edit') workspace.edit(rows[c.row]?.line ?? 0, emailColumn, c.value);
          else if (c.kind === 'skip') workspace.skip(rows[c.row]?.line ?? 0, c.skipped, 'test');
          else workspace.undo();
        }
        const s = workspace.summary();
        expect(s.rows).toBe(100);
        expect(s.valid + s.invalid + s.blank + s.duplicate + s.skipped).toBe(s.rows);
        const batches = workspace.plannedBatches();
        const sent = batches.flatMap((b) => b.rows.map((r) => r.line));
        expect(sent).toHaveLength(s.valid);
        expect(new Set(sent).size).toBe(s.valid);
        expect(batches).toHaveLength(s.batches);
        const keys = batches.flatMap((b) => b.rows.map((r) => r.matchKey));
        expect(new Set(keys).size).toBe(keys.length);
        const statuses = new Map<string, number>();
        for (let i = 0; i < 100; i += 1) {
          const status = workspace.reviewRow(i).status;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
        expect(statuses.get('skipped') ?? 0).toBe(s.skipped);
        expect(statuses.get('duplicate') ?? 0).toBe(s.duplicate);
        expect(statuses.get('invalid') ?? 0).toBe(s.invalid);
      }),
      { numRuns: 60 },
    );
  });
});
