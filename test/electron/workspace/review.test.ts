import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePath } from '../../support/shared-paths';
import { checkAll, openFile, startWorkspace, valueOf, type WorkspaceHarness } from './workspace-harness';

interface Summary {
  rows: number;
  valid: number;
  invalid: number;
  blank: number;
  duplicate: number;
  skipped: number;
  batches: number;
}
interface ReviewRow {
  line: number;
  status: string;
  cells: string[];
  issues: { code: string; letter: string | null; severity: string }[];
  edited: number[];
  skipReason: string | null;
}
interface Page {
  total: number;
  rows: ReviewRow[];
}

const addsUp = (s: Summary) => s.valid + s.invalid + s.blank + s.duplicate + s.skipped;

describe('review of case 30 (ragged rows): check, page, edit, skip, undo', () => {
  let app: WorkspaceHarness;
  let fileId: string;
  beforeAll(async () => {
    app = await startWorkspace();
    fileId = await openFile(app, casePath('30-ragged-rows.csv'));
  });
  afterAll(() => app.close());

  it('suggests a mapping with sample values, confidence and reasons', async () => {
    const suggested = valueOf<{
      columns: {
        header: string;
        target: string | null;
        samples: string[];
        confidence: number;
        source: string;
      }[];
      template: unknown;
    }>(await app.call('mapping:suggest', { fileId }));
    const email = suggested.columns.find((c) => c.header === 'email');
    expect(email).toMatchObject({ target: 'email', source: 'auto' });
    expect(email?.samples[0]).toBe('ana.example@example.com');
    expect(email?.confidence).toBeGreaterThan(0.5);
    expect(suggested.template).toBeNull();
  });

  it('refuses rows:page before a check', async () => {
    const reply = await app.call('rows:page', { fileId, offset: 0, limit: 10 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  let summary: Summary;
  it('checks: line 3 is a ragged-row error, the rest valid, counts add up', async () => {
    const checked = valueOf<{ kind: string; summary: Summary; blocker: string | null }>(
      await checkAll(app, { fileId, options: { phoneRegion: 'GB' } }),
    );
    expect(checked.kind).toBe('checked');
    summary = checked.summary;
    expect(summary).toMatchObject({ rows: 4, valid: 3, invalid: 1, skipped: 0 });
    expect(addsUp(summary)).toBe(summary.rows);
    expect(checked.blocker).toBeNull();
    expect(app.events.some((e) => e.event === 'check:progress')).toBe(true);
  });

  it('pages by filter and issue code', async () => {
    const errors = valueOf<Page>(
      await app.call('rows:page', { fileId, offset: 0, limit: 10, filter: 'errors' }),
    );
    expect(errors.total).toBe(1);
    expect(errors.rows[0]).toMatchObject({ line: 3, status: 'invalid' });
    expect(errors.rows[0]?.issues.map((i) => i.code)).toEqual(['ragged-row']);
    const short = valueOf<Page>(
      await app.call('rows:page', { fileId, offset: 0, limit: 10, issueCode: 'ragged-row-short' }),
    );
    expect(short.rows.map((r) => r.line)).toEqual([4]);
    const all = valueOf<Page>(await app.call('rows:page', { fileId, offset: 1, limit: 2 }));
    expect(all).toMatchObject({ total: 4, offset: 1 });
    expect(all.rows.map((r) => r.line)).toEqual([3, 4]);
  });

  it('an edit that breaks the email makes the row invalid at once, with the cell named', async () => {
    const edited = valueOf<{ row: ReviewRow; summary: Summary; canUndo: boolean }>(
      await app.call('rows:edit', { fileId, line: 2, column: 2, value: 'not-an-email' }),
    );
    expect(edited.row).toMatchObject({ line: 2, status: 'invalid', edited: [2] });
    expect(edited.row.cells[2]).toBe('not-an-email');
    expect(edited.row.issues.find((i) => i.severity === 'error')?.letter).toBe('C');
    expect(edited.summary).toMatchObject({ valid: 2, invalid: 2 });
    expect(edited.canUndo).toBe(true);
  });

  it("an edit that copies another row's email makes it a duplicate; undo restores it", async () => {
    const dup = valueOf<{ row: ReviewRow; summary: Summary }>(
      await app.call('rows:edit', { fileId, line: 2, column: 2, value: 'dan.demo@example.com' }),
    );
    expect(dup.row.status).toBe('valid');
    const line5 = valueOf<Page>(
      await app.call('rows:page', { fileId, offset: 0, limit: 10, filter: 'duplicates' }),
    );
    expect(line5.rows.map((r) => r.line)).toEqual([5]);
    // skipping line 2 frees the email: line 5 is sent instead
    const skipped = valueOf<{ row: ReviewRow; summary: Summary }>(
      await app.call('rows:skip', { fileId, line: 2, skipped: true, reason: 'test customer' }),
    );
    expect(skipped.row).toMatchObject({ status: 'skipped', skipReason: 'test customer' });
    expect(skipped.summary).toMatchObject({ rows: 4, skipped: 1, duplicate: 0, valid: 2 });
    expect(addsUp(skipped.summary)).toBe(4);
    await app.call('rows:undo', { fileId }); // unskip
    await app.call('rows:undo', { fileId }); // back to not-an-email
    const back = valueOf<{ row: ReviewRow; summary: Summary }>(await app.call('rows:undo', { fileId }));
    expect(back.row).toMatchObject({ line: 2, status: 'valid', edited: [] });
    expect(back.summary).toMatchObject(summary);
  });

  it('shows the exact profile for a row, and none for an invalid row', async () => {
    const payload = valueOf<{ profile: Record<string, unknown> | null }>(
      await app.call('rows:payload', { fileId, line: 2 }),
    );
    expect(payload.profile).toMatchObject({
      email: 'ana.example@example.com',
      first_name: 'Ana',
      mobile_phone: '+447700900191',
    });
    const none = valueOf<{ profile: unknown; issues: unknown[] }>(
      await app.call('rows:payload', { fileId, line: 3 }),
    );
    expect(none.profile).toBeNull();
    expect(none.issues).toHaveLength(1);
  });

  it('summarises problems by kind with a plain hint', async () => {
    const issues = valueOf<{ groups: { code: string; count: number; message: string }[] }>(
      await app.call('issues:summary', { fileId }),
    );
    expect(issues.groups.find((g) => g.code === 'ragged-row')).toMatchObject({
      count: 1,
      message: '1 row has more fields than the header — check for an unquoted delimiter',
    });
  });

  it('names a line the file does not have', async () => {
    const reply = await app.call('rows:edit', { fileId, line: 99, column: 0, value: 'x' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('review of a UTF-8 file with a line of invalid bytes', () => {
  let app: WorkspaceHarness;
  let fileId: string;
  beforeAll(async () => {
    app = await startWorkspace();
    const dir = await mkdtemp(path.join(tmpdir(), 'omneo-invalid-bytes-'));
    const file = path.join(dir, 'mixed.csv');
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from('email,first_name,last_name\na@example.com,José,Núñez\nb@example.com,Jos'),
        Buffer.from([0xe9]),
        Buffer.from(',Zoë\nc@example.com,Ana,Müller\n'),
      ]),
    );
    fileId = await openFile(app, file);
  });
  afterAll(() => app.close());

  it('the line is invalid with the cell named, the others keep their UTF-8 names', async () => {
    const checked = valueOf<{ summary: Summary }>(await checkAll(app, { fileId, options: {} }));
    expect(checked.summary).toMatchObject({ rows: 3, valid: 2, invalid: 1 });
    const page = valueOf<Page>(await app.call('rows:page', { fileId, offset: 0, limit: 10 }));
    expect(page.rows.map((r) => r.cells[1])).toEqual(['José', 'Jos\ufffd', 'Ana']);
    expect(page.rows[1]?.issues).toEqual([
      expect.objectContaining({ code: 'encoding-invalid-bytes', letter: 'B', severity: 'error' }),
    ]);
    const groups = valueOf<{ groups: { code: string; message: string }[] }>(
      await app.call('issues:summary', { fileId }),
    );
    expect(groups.groups.find((g) => g.code === 'encoding-invalid-bytes')?.message).toContain(
      "1 cell holds bytes that are not valid in the file's encoding",
    );
  });

  it('editing another cell of the line keeps it invalid; correcting the cell sends it', async () => {
    const other = valueOf<{ row: ReviewRow }>(
      await app.call('rows:edit', { fileId, line: 3, column: 2, value: 'Zoe' }),
    );
    expect(other.row.status).toBe('invalid');
    const fixed = valueOf<{ row: ReviewRow; summary: Summary }>(
      await app.call('rows:edit', { fileId, line: 3, column: 1, value: 'José' }),
    );
    expect(fixed.row.status).toBe('valid');
    expect(fixed.summary).toMatchObject({ valid: 3, invalid: 0 });
  });
});
