import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
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
    const list = valueOf<{ templates: { id: string; remembered: boolean }[] }>(
      await app.call('mapping:list-templates'),
    );
    expect(list.templates.filter((t) => !t.remembered).map((t) => t.id)).toEqual([saved.template.id]);

    const fileId = await openFile(app, casePath('12-duplicate-headers.csv'));
    const suggested = valueOf<Suggested>(await app.call('mapping:suggest', { fileId }));
    expect(suggested.template).toEqual({ id: saved.template.id, name: 'Two phones', remembered: false });
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
    // email, first_name: half the headers of the saved template, not a close match.
    const fileId = await openFile(app, casePath('24-email-whitespace-nbsp.csv'));
    const suggested = valueOf<Suggested>(await app.call('mapping:suggest', { fileId }));
    expect(suggested).toMatchObject({ template: null, message: null });
  });
});

describe('mapping remembered (issue 11)', () => {
  let app: WorkspaceHarness;
  let dir: string;
  beforeAll(async () => {
    app = await startWorkspace();
    dir = await mkdtemp(path.join(os.tmpdir(), 'remembered-'));
  });
  afterAll(() => app.close());

  const write = async (name: string, lines: string[]): Promise<string> => {
    const file = path.join(dir, name);
    await writeFile(file, `${lines.join('\n')}\n`);
    return file;
  };
  const rows = ['ana@example.com,Ana,0491 570 156,03/04/1991', 'bo@example.com,Bo,0491 570 157,15/04/1991'];

  it('brings back the last mapping and options for the same headers, and for their errors.csv', async () => {
    const first = await openFile(app, await write('members.csv', ['Email,Name,Contact,Born', ...rows]));
    await app.call('mapping:apply', {
      fileId: first,
      mapping: [
        { column: 0, target: 'email' },
        { column: 1, target: 'first_name' },
        { column: 2, target: 'mobile_phone' },
        { column: 3, target: 'birth_date' },
      ],
    });
    const checked = valueOf<{ summary: { valid: number } }>(
      await checkAll(app, { fileId: first, options: { phoneRegion: 'AU', dateOrder: 'dmy' } }),
    );
    expect(checked.summary.valid).toBe(2);

    const again = await openFile(app, await write('members-june.csv', ['email,name,contact,born', ...rows]));
    const suggested = valueOf<Suggested & { options: Record<string, string>; differences: string[] }>(
      await app.call('mapping:suggest', { fileId: again }),
    );
    expect(suggested.template).toMatchObject({ remembered: true });
    expect(suggested.message).toBe(
      'These are the headers you checked before, so the mapping and options you used then come back.',
    );
    expect(suggested.options).toEqual({
      match: 'email',
      onInvalidValue: 'reject',
      phoneRegion: 'AU',
      dateOrder: 'dmy',
    });
    expect(suggested.columns.map((c) => c.target)).toEqual([
      'email',
      'first_name',
      'mobile_phone',
      'birth_date',
    ]);
    expect(suggested.differences).toEqual([]);

    const errors = await openFile(
      app,
      await write('errors.csv', ['Email,Name,Contact,Born,error', `${rows[0]},"Line 2, column C: refused"`]),
    );
    const fromErrors = valueOf<Suggested>(await app.call('mapping:suggest', { fileId: errors }));
    expect(fromErrors.message).toMatch(
      /^This is an errors.csv from an earlier import \(its error column is not imported\)\. /,
    );
    expect(fromErrors.columns.map((c) => c.target)).toEqual([
      'email',
      'first_name',
      'mobile_phone',
      'birth_date',
      null,
    ]);
  });

  it('applies a template to a close match, saying what differs; lists, renames, chooses and deletes templates', async () => {
    const saved = valueOf<{ template: { id: string } }>(
      await app.call('mapping:save-template', {
        name: 'Shop',
        headers: ['Email', 'Given', 'Family', 'Mobile', 'Notes'],
        mapping: [
          { column: 0, target: 'email' },
          { column: 1, target: 'first_name' },
          { column: 2, target: 'last_name' },
          { column: 3, target: 'mobile_phone' },
        ],
        options: { phoneRegion: 'NZ' },
      }),
    );
    const close = await openFile(
      app,
      await write('shop.csv', [
        'Email,Given,Family,Mobile,Gender',
        'cy@example.com,Cy,Ng,021 555 0101,female',
      ]),
    );
    const suggested = valueOf<Suggested & { options: Record<string, string>; differences: string[] }>(
      await app.call('mapping:suggest', { fileId: close }),
    );
    expect(suggested.message).toBe(
      "This file's headers nearly match 'Shop', so its mapping and options are applied — check what differs.",
    );
    expect(suggested.differences).toEqual(["'Gender' is new: suggested gender"]);
    expect(suggested.options).toEqual({ phoneRegion: 'NZ' });
    expect(suggested.columns.map((c) => c.target)).toEqual([
      'email',
      'first_name',
      'last_name',
      'mobile_phone',
      'gender',
    ]);

    const renamed = valueOf<{ template: { name: string } }>(
      await app.call('mapping:rename-template', { id: saved.template.id, name: 'Shop export' }),
    );
    expect(renamed.template.name).toBe('Shop export');
    const unrelated = await openFile(app, await write('other.csv', ['Given,Email', 'Di,di@example.com']));
    const chosen = valueOf<Suggested & { differences: string[] }>(
      await app.call('mapping:use-template', { fileId: unrelated, id: saved.template.id }),
    );
    expect(chosen.template).toMatchObject({ name: 'Shop export' });
    expect(chosen.columns.map((c) => c.target)).toEqual(['first_name', 'email']);
    expect(chosen.differences).toEqual([
      "'Family' (last_name) is not in this file",
      "'Mobile' (mobile_phone) is not in this file",
    ]);

    expect(valueOf(await app.call('mapping:delete-template', { id: saved.template.id }))).toEqual({
      deleted: true,
    });
    const names = valueOf<{ templates: { name: string }[] }>(await app.call('mapping:list-templates'));
    expect(names.templates.map((t) => t.name)).not.toContain('Shop export');
    expect(
      await app.call('mapping:use-template', { fileId: unrelated, id: saved.template.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
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
