import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePath } from '../../support/shared-paths';
import { checkAll, openFile, startWorkspace, valueOf, type WorkspaceHarness } from './workspace-harness';

interface Suggested {
  columns: { letter: string; header: string; target: string | null; source: string; reason: string }[];
  template: { id: string; name: string } | null;
  message: string | null;
}
interface Problem {
  column: number | null;
  letter: string | null;
  code: string;
  message: string;
}

describe('mapping: repeated headers, problems, templates', () => {
  let app: WorkspaceHarness;
  beforeAll(async () => {
    app = await startWorkspace();
  });
  afterAll(() => app.close());

  it('leaves both repeated phone columns of case 12 unmapped, saying why', async () => {
    const fileId = await openFile(app, casePath('12-duplicate-headers.csv'));
    const suggested = valueOf<Suggested>(await app.call('mapping:suggest', { fileId }));
    const phones = suggested.columns.filter((c) => c.header === 'phone');
    expect(phones.map((c) => [c.letter, c.target])).toEqual([
      ['D', null],
      ['E', null],
    ]);
    expect(phones[0]?.reason).toMatch(/repeats in columns D and E/);
  });

  it('names each problem of a mapping by column and code', async () => {
    const fileId = await openFile(app, casePath('12-duplicate-headers.csv'));
    const cases: [string, { column: number; target: string }[], string][] = [
      ['unknown field', [{ column: 0, target: 'emial' }], 'unknown-target'],
      [
        'one field twice',
        [
          { column: 0, target: 'email' },
          { column: 3, target: 'mobile_phone' },
          { column: 4, target: 'mobile_phone' },
        ],
        'target-mapped-twice',
      ],
      ['no email mapped', [{ column: 1, target: 'first_name' }], 'match-key-unmapped'],
    ];
    for (const [what, mapping, code] of cases) {
      const { problems } = valueOf<{ problems: Problem[] }>(
        await app.call('mapping:apply', { fileId, mapping }),
      );
      expect(
        problems.map((p) => p.code),
        what,
      ).toContain(code);
    }
    const good = [
      { column: 0, target: 'email' },
      { column: 3, target: 'mobile_phone' },
      { column: 4, target: 'secondary_phone' },
    ];
    expect(valueOf(await app.call('mapping:apply', { fileId, mapping: good }))).toEqual({ problems: [] });
    const checked = valueOf<{ kind: string; summary: { valid: number } }>(
      await checkAll(app, { fileId, options: { phoneRegion: 'GB' } }),
    );
    expect(checked).toMatchObject({ kind: 'checked', summary: { valid: 2 } });
    const payload = valueOf<{ profile: Record<string, unknown> }>(
      await app.call('rows:payload', { fileId, line: 2 }),
    );
    expect(payload.profile).toMatchObject({
      mobile_phone: '+447700900131',
      secondary_phone: '+442079460131',
    });
  });

  it('check:run answers needs-mapping with the problems when the mapping cannot be sent', async () => {
    const fileId = await openFile(app, casePath('12-duplicate-headers.csv'));
    await app.call('mapping:apply', { fileId, mapping: [{ column: 1, target: 'first_name' }] });
    const result = valueOf<{ kind: string; problems: Problem[] }>(
      await checkAll(app, { fileId, options: {} }),
    );
    expect(result.kind).toBe('needs-mapping');
    expect(result.problems.map((p) => p.code)).toContain('match-key-unmapped');
  });

  it('saves a template as a saved-mapping file and applies it to a file with the same headers', async () => {
    const headers = ['email', 'first_name', 'last_name', 'phone', 'phone'];
    const mapping = [
      { column: 0, target: 'email' },
      { column: 3, target: 'mobile_phone' },
      { column: 4, target: 'secondary_phone' },
    ];
    const saved = valueOf<{ template: { id: string; name: string; mapping: unknown } }>(
      await app.call('mapping:save-template', { name: 'Two phones', headers, mapping }),
    );
    expect(saved.template).toMatchObject({ name: 'Two phones', headers, mapping });
    const file = JSON.parse(
      await readFile(path.join(app.dataDir, 'mappings', `${saved.template.id}.mapping.json`), 'utf8'),
    );
    expect(file).toEqual({
      version: 1,
      columns: { email: 'email', 'col:D': 'mobile_phone', 'col:E': 'secondary_phone' },
    });
    const list = valueOf<{ templates: { id: string }[] }>(await app.call('mapping:list-templates'));
    expect(list.templates.map((t) => t.id)).toEqual([saved.template.id]);

    const fileId = await openFile(app, casePath('12-duplicate-headers.csv'));
    const suggested = valueOf<Suggested>(await app.call('mapping:suggest', { fileId }));
    expect(suggested.template).toEqual({ id: saved.template.id, name: 'Two phones' });
    expect(suggested.message).toMatch(/saved template 'Two phones'/);
    expect(
      suggested.columns.filter((c) => c.target !== null).map((c) => [c.letter, c.target, c.source]),
    ).toEqual([
      ['A', 'email', 'template'],
      ['D', 'mobile_phone', 'template'],
      ['E', 'secondary_phone', 'template'],
    ]);
  });

  it('does not apply a template to a file whose headers do not fit it', async () => {
    const fileId = await openFile(app, casePath('30-ragged-rows.csv'));
    const suggested = valueOf<Suggested>(await app.call('mapping:suggest', { fileId }));
    expect(suggested).toMatchObject({ template: null, message: null });
  });
});

describe('dates and sheets', () => {
  let app: WorkspaceHarness;
  beforeAll(async () => {
    app = await startWorkspace();
  });
  afterAll(() => app.close());

  it('blocks an import while a date column is ambiguous, and sends after a date order is chosen', async () => {
    const fileId = await openFile(app, casePath('17-dates-all-ambiguous.csv'));
    await app.call('mapping:suggest', { fileId });
    const ambiguous = valueOf<{
      summary: { invalid: number };
      ambiguousDateColumns: { letter: string; examples: string[] }[];
      blocker: string | null;
    }>(await checkAll(app, { fileId, options: {} }));
    expect(ambiguous.ambiguousDateColumns).toMatchObject([{ letter: 'C' }]);
    expect(ambiguous.blocker).toMatch(/choose a date order/);
    expect(valueOf(await app.call('import:preview', { fileId, connectionId: 'sandbox' }))).toMatchObject({
      kind: 'nothing-to-send',
    });
    const dmy = valueOf<{ summary: { valid: number }; blocker: string | null }>(
      await checkAll(app, { fileId, options: { dateOrder: 'dmy' } }),
    );
    expect(dmy).toMatchObject({ summary: { valid: 3 }, blocker: null });
    const payload = valueOf<{ profile: Record<string, unknown> }>(
      await app.call('rows:payload', { fileId, line: 2 }),
    );
    expect(payload.profile).toMatchObject({ birth_day: 1, birth_month: 2, birth_year: 1990 });
  });

  it('re-reads the rows after another sheet is chosen', async () => {
    const fileId = await openFile(app, casePath('29-xlsx-hidden-and-multi-sheet.xlsx'));
    await app.call('mapping:suggest', { fileId });
    const customers = valueOf<{ summary: { rows: number } }>(await checkAll(app, { fileId, options: {} }));
    const reopened = valueOf<{ kind: string; info: { sheet: string } }>(
      await app.call('file:choose-sheet', { fileId, sheet: 'Lists' }),
    );
    expect(reopened).toMatchObject({ kind: 'opened', info: { sheet: 'Lists' } });
    // the old check belonged to the other sheet
    expect(await app.call('rows:page', { fileId, offset: 0, limit: 5 })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const suggested = valueOf<{ columns: { header: string }[] }>(
      await app.call('mapping:suggest', { fileId }),
    );
    expect(suggested.columns.map((c) => c.header)).not.toEqual([]);
    expect(customers.summary.rows).toBeGreaterThan(0);
  });
});
