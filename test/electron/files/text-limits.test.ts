/**
 * Every limit of `shared/limits/file-limits.ts` that applies to a text file, enforced with a
 * message naming the file, the line and the limit (cell length and JSON depth are row errors,
 * tested with the engine and the CLI). Files are generated here.
 */
import { describe, expect, test } from 'vitest';
import { fileLimits, formatCount } from '../../../shared/limits/file-limits';
import { collectRows, fileErrorOf, readAll, tempDir, writeTemp } from './read-all';
import { openTable } from '../../../electron/files/open-table';

const dir = tempDir();
const fields = (n: number, name: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => name(i)).join(',');

describe('columns per line (fileLimits.maxColumns)', () => {
  const max = fileLimits.maxColumns;

  test('a header at the limit is read', async () => {
    const file = writeTemp(
      dir,
      'at-limit.csv',
      `${fields(max, (i) => `c${i}`)}\n${fields(max, () => 'v')}\n`,
    );
    const { info, rows } = await readAll(file);
    expect(info.columns).toHaveLength(max);
    expect(rows[0]?.cells).toHaveLength(max);
  });

  test('a header with 20,000 columns is a file error naming the file, the line and the limit', async () => {
    const file = writeTemp(
      dir,
      'wide.csv',
      `${fields(20_000, (i) => `c${i}`)}\n${fields(20_000, () => 'v')}\n`,
    );
    expect(await fileErrorOf(file)).toEqual({
      code: 'too-many-columns',
      line: 1,
      column: null,
      message: `wide.csv line 1 has 20,000 fields, more than the ${formatCount(max)} columns a file may have (Excel's own limit); check the delimiter and the quotes on that line.`,
    });
  });

  test('a data line beyond the limit stops the read at that line, after the rows before it', async () => {
    const file = writeTemp(
      dir,
      'wide-row.csv',
      `email,name\na@x.com,Ann\n${fields(max + 1, () => 'x')}\nb@x.com,Bo\n`,
    );
    const table = await openTable(file);
    const seen: number[] = [];
    const read = async () => {
      for await (const chunk of table.rows()) seen.push(...chunk.map((r) => r.line));
    };
    await expect(read()).rejects.toMatchObject({
      fileError: { code: 'too-many-columns', line: 3 },
    });
    expect(seen).toEqual([2]);
  });
});

describe('line length (fileLimits.maxRecordChars)', () => {
  test('a 40 MB line is a file error naming its line and the limit, read in linear time', async () => {
    const file = writeTemp(dir, 'long-line.csv', `email,name\n${'a'.repeat(40 * 1024 * 1024)}\n`);
    const started = performance.now();
    const error = await fileErrorOf(file);
    expect(error).toMatchObject({ code: 'unreadable', line: 2 });
    expect(error.message).toBe(
      'long-line.csv line 2 is longer than 32 MB, the longest line a table may have: this is not a table.',
    );
    // Parsed again on each 64 KiB read, this took 88 s; the bound is loose for a shared machine.
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 30_000);

  test('a quote never closed swallowing 33 MB is an unclosed quote at the line it opens', async () => {
    const file = writeTemp(
      dir,
      'open-quote.csv',
      `email,note\na@x.com,ok\nb@x.com,"${'a,b\n'.repeat(8.5 * 1024 * 1024)}`,
    );
    const error = await fileErrorOf(file);
    expect(error).toMatchObject({ code: 'unclosed-quote', line: 3, column: 'note' });
  }, 30_000);

  test('a quoted field of many lines just under the limit is one record', async () => {
    const note = 'line\n'.repeat(1024 * 1024);
    const file = writeTemp(dir, 'tall.csv', `email,note\na@x.com,"${note}"\nb@x.com,ok\n`);
    const table = await openTable(file);
    const rows = await collectRows(table);
    expect(rows.map((r) => r.line)).toEqual([2, 2 + 1024 * 1024 + 1]);
    expect(rows[0]?.cells[1]).toHaveLength(note.length);
  }, 30_000);
});
