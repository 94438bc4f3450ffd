/**
 * Value mapping through the app's host: a column's distinct values counted in the host (capped,
 * saying so), a value map applied by the check and shown as sent, and remembered with the mapping
 * so it comes back for the next file with the same headers.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valueMapLimit } from '../../../shared/mapping/value-map';
import { checkAll, openFile, startWorkspace, valueOf, type WorkspaceHarness } from './workspace-harness';

interface Counts {
  values: { value: string; count: number }[];
  capped: boolean;
  limit: number;
  cells: number;
}

describe('value mapping in the app host', () => {
  let app: WorkspaceHarness;
  let dir: string;
  beforeAll(async () => {
    app = await startWorkspace();
    dir = await mkdtemp(path.join(os.tmpdir(), 'value-mapping-'));
  });
  afterAll(() => app.close());

  const write = async (name: string, lines: string[]): Promise<string> => {
    const file = path.join(dir, name);
    await writeFile(file, `${lines.join('\n')}\n`);
    return file;
  };
  const rows = [
    'ana@example.com,M,Gold Member',
    'bo@example.com,man,gold member; VIP',
    'cy@example.com,F,Lapsed',
    'di@example.com,,Gold Member',
  ];

  it('counts distinct values in the host: list items one by one, spellings together', async () => {
    const fileId = await openFile(app, await write('members.csv', ['Email,Sex,Tier', ...rows]));
    const tiers = valueOf<Counts>(
      await app.call('mapping:values', { fileId, column: 2, target: 'statuses' }),
    );
    expect(tiers).toEqual({
      values: [
        { value: 'Gold Member', count: 3 },
        { value: 'VIP', count: 1 },
        { value: 'Lapsed', count: 1 },
      ],
      capped: false,
      limit: valueMapLimit,
      cells: 4,
    });
    const sexes = valueOf<Counts>(await app.call('mapping:values', { fileId, column: 1, target: 'gender' }));
    expect(sexes.values).toEqual([
      { value: 'M', count: 1 },
      { value: 'man', count: 1 },
      { value: 'F', count: 1 },
    ]);
  });

  it(`lists at most ${valueMapLimit} distinct values and says it stopped`, async () => {
    const many = Array.from({ length: valueMapLimit + 50 }, (_, i) => `p${i}@example.com,M,tier ${i}`);
    const fileId = await openFile(app, await write('many.csv', ['Email,Sex,Tier', ...many]));
    const counts = valueOf<Counts>(
      await app.call('mapping:values', { fileId, column: 2, target: 'statuses' }),
    );
    expect(counts.values).toHaveLength(valueMapLimit);
    expect(counts).toMatchObject({ capped: true, cells: valueMapLimit + 50 });
  });

  it('checks with the value map, shows the mapped value as sent, and remembers it', async () => {
    const fileId = await openFile(app, await write('march.csv', ['Email,Sex,Tier', ...rows]));
    const mapping = [
      { column: 0, target: 'email' },
      { column: 1, target: 'gender', values: { M: 'male', man: 'male' } },
      { column: 2, target: 'statuses', values: { 'Gold Member': 'gold', Lapsed: null } },
    ];
    const applied = valueOf<{ problems: unknown[] }>(await app.call('mapping:apply', { fileId, mapping }));
    expect(applied.problems).toEqual([]);
    const checked = valueOf<{ summary: { valid: number } }>(await checkAll(app, { fileId, options: {} }));
    expect(checked.summary.valid).toBe(4);
    const payload = valueOf<{ profile: Record<string, unknown> }>(
      await app.call('rows:payload', { fileId, line: 3 }),
    );
    expect(payload.profile).toMatchObject({ gender: 'male', statuses: ['gold', 'VIP'] });
    const page = valueOf<{ rows: { sent?: (string | null)[] }[] }>(
      await app.call('rows:page', { fileId, offset: 0, limit: 10 }),
    );
    expect(page.rows[0]?.sent?.slice(1)).toEqual(['male', '["gold"]']);

    const next = await openFile(app, await write('april.csv', ['Email,Sex,Tier', ...rows]));
    const suggested = valueOf<{
      columns: { target: string | null; values?: Record<string, string | null> }[];
    }>(await app.call('mapping:suggest', { fileId: next }));
    expect(suggested.columns[1]).toMatchObject({ target: 'gender', values: { M: 'male', man: 'male' } });
    expect(suggested.columns[2]?.values).toEqual({ 'Gold Member': 'gold', Lapsed: null });
  });

  it('refuses a value map the field does not take, naming the column', async () => {
    const fileId = await openFile(app, await write('bad.csv', ['Email,Sex,Tier', ...rows]));
    const { problems } = valueOf<{ problems: { letter: string; code: string; message: string }[] }>(
      await app.call('mapping:apply', {
        fileId,
        mapping: [
          { column: 0, target: 'email' },
          { column: 1, target: 'gender', values: { M: 'bloke' } },
        ],
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        letter: 'B',
        code: 'value-not-allowed',
        message: expect.stringContaining("'bloke'"),
      }),
    ]);
  });
});
