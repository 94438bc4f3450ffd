/**
 * Encoding per line: a file that is mostly UTF-8 stays UTF-8, and each record holding bytes that
 * are not valid in its encoding carries a note naming the cell, wherever the bytes fall (the first
 * 64 KiB, after the first MB, across read chunks, at the end of the file, in a quoted multi-line
 * field). A file that is Windows-1252 throughout is still read as such, and binary data renamed
 * `.csv` is a file error. All files are generated here.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { SourceRow } from '../../../shared/source/source-table';
import { openTable } from '../../../electron/files/open-table';
import { fileErrorOf, readAll, tempDir, writeTemp } from './read-all';

const dir = tempDir();
const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
/** `José` with é as Windows-1252 writes it (0xE9): invalid in UTF-8. */
const jose1252 = [0x4a, 0x6f, 0x73, 0xe9];

/** [line, column] of every note, in order. */
const marked = (rows: readonly SourceRow[]) =>
  rows.flatMap((r) => (r.notes ?? []).map((n) => [r.line, n.column, n.code]));

describe('a mostly-UTF-8 file keeps UTF-8 and names the lines with invalid bytes', () => {
  test('one Windows-1252 name among UTF-8 ones: only its cell is marked', async () => {
    const file = writeTemp(
      dir,
      'mixed.csv',
      bytes('email,name\nj@x.com,José\nk@x.com,', jose1252, '\nm@x.com,Zoë\n'),
    );
    const { info, rows } = await readAll(file);
    expect(info).toMatchObject({ encoding: 'utf-8', encodingSource: 'detected' });
    expect(rows.map((r) => r.cells[1])).toEqual(['José', 'Jos\ufffd', 'Zoë']);
    expect(marked(rows)).toEqual([[3, 1, 'encoding-invalid-bytes']]);
    expect(rows[1]?.notes?.[0]).toMatchObject({ text: 'Jos\ufffd', severity: 'error' });
    expect(rows[1]?.notes?.[0]?.message).toContain('not valid UTF-8');
  });

  test.each([
    ['in the first 64 KiB', 10, 3000],
    ['only after the first MB', 70_000, 70_000],
  ])('an invalid byte %s', async (_where, before, after) => {
    const line = 'p@x.com,Zoë Müller 美咲\n';
    const file = writeTemp(
      dir,
      `late-${before}.csv`,
      bytes('email,name\n', line.repeat(before), 'bad@x.com,', jose1252, '\n', line.repeat(after)),
    );
    const { info, rows } = await readAll(file);
    expect(info.encoding).toBe('utf-8');
    expect(rows).toHaveLength(before + after + 1);
    expect(marked(rows)).toEqual([[before + 2, 1, 'encoding-invalid-bytes']]);
    expect(rows.filter((r) => r.cells[1] === 'Zoë Müller 美咲')).toHaveLength(before + after);
  });

  test('characters split across 64 KiB reads stay whole around a bad line', async () => {
    // 21-byte lines with 2-, 3- and 4-byte characters: the read boundaries cut them in every way.
    const line = 'é@x.com,美🎉ë\n';
    const file = writeTemp(
      dir,
      'split.csv',
      bytes('email,name\n', line.repeat(20_000), 'x@x.com,', [0xc3, 0x28], '\n', line.repeat(20_000)),
    );
    const { rows } = await readAll(file);
    expect(rows.filter((r) => r.cells[1] === '美🎉ë')).toHaveLength(40_000);
    expect(marked(rows)).toEqual([[20_002, 1, 'encoding-invalid-bytes']]);
  });

  test.each([
    ['an overlong slash', [0xc0, 0xaf]],
    ['an encoded surrogate (CESU-8)', [0xed, 0xa0, 0x80]],
    ['a lone continuation byte', [0x80]],
    ['a byte never in UTF-8', [0xff]],
  ])('%s marks its cell', async (name, bad) => {
    const file = writeTemp(
      dir,
      `${name}.csv`,
      bytes('email,note\na@x.com,Zoë Müller 美咲\nb@x.com,x', bad, 'y\n'),
    );
    const { info, rows } = await readAll(file);
    expect(info.encoding).toBe('utf-8');
    expect(marked(rows)).toEqual([[3, 1, 'encoding-invalid-bytes']]);
  });

  test('a character cut off by the end of the file marks the last line', async () => {
    const file = writeTemp(dir, 'cut.csv', bytes('email,name\na@x.com,Zoë\nb@x.com,Zo', [0xc3]));
    const { rows } = await readAll(file);
    expect(rows.at(-1)?.cells).toEqual(['b@x.com', 'Zo\ufffd']);
    expect(marked(rows)).toEqual([[3, 1, 'encoding-invalid-bytes']]);
  });

  test('a bad byte on the second line of a quoted field marks the record where it starts', async () => {
    const file = writeTemp(
      dir,
      'multi.csv',
      bytes('email,note,name\na@x.com,"one\ntwo ', [0xe9], '",Zoë\nb@x.com,ok,Zoë\n'),
    );
    const { rows } = await readAll(file);
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(marked(rows)).toEqual([[2, 1, 'encoding-invalid-bytes']]);
  });

  test('a header with an invalid byte is a warning naming the file and column, and stays mappable', async () => {
    const file = writeTemp(dir, 'header.csv', bytes('email,n', [0xe9], 'v\na@x.com,Zoë\n'));
    const table = await openTable(file);
    expect(table.info.columns.map((c) => c.header)).toEqual(['email', 'n\ufffdv']);
    expect(table.notices).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'encoding-invalid-bytes',
        line: 1,
        letter: 'B',
        message: expect.stringContaining('header.csv header row (line 1, column B)') as string,
      }),
    ]);
  });

  test('a U+FFFD written in a valid UTF-8 file is text, not a note', async () => {
    const { rows } = await readAll(writeTemp(dir, 'literal.csv', 'email,name\na@x.com,Jos\ufffd\n'));
    expect(rows[0]?.notes).toBeUndefined();
  });
});

describe('UTF-16 with invalid code units', () => {
  test.each([
    ['LE with BOM', 'utf-16le', true],
    ['BE without BOM', 'utf-16be', false],
  ] as const)('%s: a lone surrogate marks its cell', async (name, encoding, bom) => {
    const text = `${bom ? '\ufeff' : ''}email\tname\r\na@example.com\tZoë\r\nb@example.com\tx\ud83dy\r\n`;
    const data = Buffer.from(text, 'utf16le');
    if (encoding === 'utf-16be') data.swap16();
    const { info, rows } = await readAll(writeTemp(dir, `${name}.csv`, data));
    expect(info.encoding).toBe(encoding);
    expect(rows.map((r) => r.cells[1])).toEqual(['Zoë', 'x\ufffdy']);
    expect(marked(rows)).toEqual([[3, 1, 'encoding-invalid-bytes']]);
  });
});

describe('files that are not UTF-8 at all', () => {
  test('Windows-1252 throughout is still read as Windows-1252, with nothing marked', async () => {
    const file = writeTemp(
      dir,
      'latin.csv',
      bytes('email,name\na@x.com,', jose1252, '\nb@x.com,M', [0xfc], 'ller ', [0x92, 0x80], '\n'),
    );
    const { info, rows } = await readAll(file);
    expect(info).toMatchObject({ encoding: 'windows-1252', encodingSource: 'detected' });
    expect(rows.map((r) => r.cells[1])).toEqual(['José', 'Müller ’€']);
    expect(marked(rows)).toEqual([]);
  });

  test.each([
    ['random bytes', () => randomBytes(200_000)],
    ['NUL bytes', () => Buffer.alloc(100_000)],
    ['a text header, then random bytes', () => bytes('email,name\n', [...randomBytes(300_000)])],
  ])('%s renamed .csv: a file error naming the file, not garbage rows', async (name, make) => {
    const error = await fileErrorOf(writeTemp(dir, `${name}.csv`, make()));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toBe(`${name}.csv is not a text table or a workbook (it looks like binary data).`);
  });
});
