/**
 * Our own hard delimited files, generated in a temp folder: one per kind of fault the shared
 * cases stand for, so the whole kind is handled and not just the shared file.
 */
import { describe, expect, test } from 'vitest';
import { openTable } from '../../../electron/files/open-table';
import { casePath } from '../../support/shared-paths';
import { collectRows, fileErrorOf, readAll, tempDir, writeTemp } from './read-all';

const dir = tempDir();
const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

describe('encodings', () => {
  const text = 'email\tname\r\nzoe@example.com\tZoë Müller\r\nmisaki@example.com\t美咲\r\n';
  test.each([
    { name: 'utf-16be with BOM', bytes: utf16be(`\ufeff${text}`), encoding: 'utf-16be', source: 'bom' },
    {
      name: 'utf-16le without BOM',
      bytes: Buffer.from(text, 'utf16le'),
      encoding: 'utf-16le',
      source: 'detected',
    },
    { name: 'utf-16be without BOM', bytes: utf16be(text), encoding: 'utf-16be', source: 'detected' },
    { name: 'utf-8 with BOM', bytes: Buffer.from(`\ufeff${text}`), encoding: 'utf-8', source: 'bom' },
  ])('$name', async ({ name, bytes, encoding, source }) => {
    const { info, rows } = await readAll(writeTemp(dir, `${name}.csv`, bytes));
    expect(info).toMatchObject({ encoding, encodingSource: source, delimiter: '\t' });
    expect(info.columns.map((c) => c.header)).toEqual(['email', 'name']);
    expect(rows.map((r) => r.cells[1])).toEqual(['Zoë Müller', '美咲']);
  });

  test('invalid UTF-8 only after the first 64 KiB still falls back to windows-1252', async () => {
    const filler = 'a@example.com,Ann\n'.repeat(5000);
    const bytes = Buffer.concat([
      Buffer.from(`email,name\n${filler}`),
      Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x0a]),
    ]);
    const { info, rows } = await readAll(writeTemp(dir, 'late-1252.csv', bytes));
    expect(info.encoding).toBe('windows-1252');
    expect(rows.at(-1)?.cells).toEqual(['José']);
  });

  test('a UTF-8 character split across read chunks decodes whole', async () => {
    const line = 'é@example.com,Zoë 美咲\n';
    const { rows } = await readAll(writeTemp(dir, 'split-utf8.csv', `email,name\n${line.repeat(80000)}`));
    expect(rows).toHaveLength(80000);
    expect(rows.every((r) => r.cells[1] === 'Zoë 美咲')).toBe(true);
  });

  test('the user can force an encoding; a wrong forced UTF-8 marks each line, never a silent U+FFFD', async () => {
    const forced = await readAll(casePath('02-windows1252-names.csv'), { encoding: 'windows-1252' });
    expect(forced.info).toMatchObject({ encoding: 'windows-1252', encodingSource: 'user' });
    expect(forced.rows.some((r) => r.notes !== undefined)).toBe(false);
    const wrong = await readAll(casePath('02-windows1252-names.csv'), { encoding: 'utf-8' });
    expect(wrong.info).toMatchObject({ encoding: 'utf-8', encodingSource: 'user' });
    const replaced = wrong.rows.filter((r) => r.cells.some((c) => c.includes('\ufffd')));
    expect(replaced.length).toBeGreaterThan(0);
    for (const row of replaced) {
      const columns = row.cells.flatMap((c, i) => (c.includes('\ufffd') ? [i] : []));
      expect(row.notes?.map((n) => n.column)).toEqual(columns);
    }
  });
});

describe('delimiters and line endings', () => {
  test.each([
    { name: 'pipe', text: 'email|name|spend\na@x.com|Ann|1,50\nb@x.com|Bo|2,00\n', delimiter: '|' },
    {
      name: 'tab with commas',
      text: 'email\tname\na@x.com\tSmith, Ann\nb@x.com\tJones, Bo\n',
      delimiter: '\t',
    },
    {
      name: 'quoted commas',
      text: 'email,name\na@x.com,"Smith, Ann"\nb@x.com,"Jones, Bo, Jr"\n',
      delimiter: ',',
    },
    {
      name: 'semicolon, decimal commas only',
      text: 'email;spend\na@x.com;1,50\nb@x.com;2,75\n',
      delimiter: ';',
    },
  ])('$name is detected', async ({ name, text, delimiter }) => {
    const { info, rows } = await readAll(writeTemp(dir, `${name}.csv`, text));
    expect(info).toMatchObject({ delimiter, delimiterSource: 'detected' });
    expect(rows.map((r) => r.cells.length)).toEqual([info.columns.length, info.columns.length]);
  });

  test('Excel sep= line sets the delimiter and is not the header', async () => {
    const file = writeTemp(dir, 'sep.csv', 'sep=;\r\nemail;name\r\na@x.com;Smith, Ann\r\n');
    const { info, rows } = await readAll(file);
    expect(info).toMatchObject({ delimiter: ';', delimiterSource: 'detected', headerRow: 2 });
    expect(info.columns.map((c) => c.header)).toEqual(['email', 'name']);
    expect(rows).toEqual([{ line: 3, cells: ['a@x.com', 'Smith, Ann'] }]);
  });

  test('a user delimiter overrides detection; an impossible one is a bad option', async () => {
    const file = writeTemp(dir, 'override.csv', 'a;b,c\n1;2,3\n');
    const { info, rows } = await readAll(file, { delimiter: ';' });
    expect(info).toMatchObject({ delimiter: ';', delimiterSource: 'user' });
    expect(rows[0]?.cells).toEqual(['1', '2,3']);
    expect((await fileErrorOf(file, { delimiter: '"' })).code).toBe('bad-option');
  });

  test.each([
    { name: 'CR only', text: 'email,name\r"a@x.com","Ann\rMarie"\rb@x.com,Bo\r', lines: [2, 4] },
    {
      name: 'mixed CRLF and LF',
      text: 'email,name\r\na@x.com,Ann\nb@x.com,"Bo"\r\nc@x.com,Cy',
      lines: [2, 3, 4],
    },
    { name: 'no final newline', text: 'email,name\na@x.com,Ann\nb@x.com,Bo', lines: [2, 3] },
  ])('$name: records and lines', async ({ name, text, lines }) => {
    const { rows } = await readAll(writeTemp(dir, `${name}.csv`, text));
    expect(rows.map((r) => r.line)).toEqual(lines);
    expect(rows.every((r) => r.cells.length === 2 && !r.cells.some((c) => c.endsWith('\r')))).toBe(true);
  });

  test('the final newline is not a row, but trailing blank lines are', async () => {
    const { rows } = await readAll(writeTemp(dir, 'trailing.csv', 'email\na@x.com\n\n\n'));
    expect(rows).toEqual([
      { line: 2, cells: ['a@x.com'] },
      { line: 3, cells: [''] },
      { line: 4, cells: [''] },
    ]);
  });
});

describe('header row', () => {
  test('default header is the first non-blank row', async () => {
    const { info, rows } = await readAll(
      writeTemp(dir, 'leading-blank.csv', '\n,,\n email , name\na@x.com,Ann\n'),
    );
    expect(info.headerRow).toBe(3);
    expect(info.columns.map((c) => c.header)).toEqual(['email', 'name']);
    expect(rows).toEqual([{ line: 4, cells: ['a@x.com', 'Ann'] }]);
  });

  test('the user picks a header row below a title; rows above it are not data', async () => {
    const file = writeTemp(
      dir,
      'title.csv',
      'Customer export 2024\nGenerated by shop\nemail,name\na@x.com,Ann\n',
    );
    const { info, rows } = await readAll(file, { headerRow: 3 });
    expect(info.columns.map((c) => c.header)).toEqual(['email', 'name']);
    expect(rows).toEqual([{ line: 4, cells: ['a@x.com', 'Ann'] }]);
    expect((await fileErrorOf(file, { headerRow: 9 })).code).toBe('bad-option');
  });

  test('a header row inside a multi-line field is a bad option', async () => {
    const file = writeTemp(dir, 'inside.csv', 'email,note\na@x.com,"two\nlines"\n');
    expect(await fileErrorOf(file, { headerRow: 3 })).toMatchObject({ code: 'bad-option', line: 3 });
  });

  test('headers are trimmed of NBSP, BOM and zero-width; blanks stay blank, never invented', async () => {
    const file = writeTemp(dir, 'headers.csv', '\u00a0email\u200b,,\ufeffname ,\na@x.com,x,Ann,y\n');
    const { info } = await readAll(file);
    expect(info.columns.map((c) => [c.letter, c.header])).toEqual([
      ['A', 'email'],
      ['B', ''],
      ['C', 'name'],
      ['D', ''],
    ]);
  });
});

describe('file errors', () => {
  test.each([
    { name: 'empty', content: '', code: 'empty-file' },
    { name: 'blank lines only', content: '\r\n  \r\n,,,\r\n', code: 'no-header' },
    { name: 'BOM only', content: '\ufeff', code: 'no-header' },
    {
      name: 'png',
      content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      code: 'unsupported-format',
    },
    {
      name: 'binary',
      content: Buffer.from([1, 0, 0, 0, 7, 0, 0, 3, 0, 0, 0, 9, 0, 0, 0, 0]),
      code: 'unsupported-format',
    },
  ])('$name → $code, naming the file', async ({ name, content, code }) => {
    const error = await fileErrorOf(writeTemp(dir, `${name}.csv`, content));
    expect(error.code).toBe(code);
    expect(error.message).toContain(`${name}.csv`);
  });

  test('a missing file is unreadable', async () => {
    expect((await fileErrorOf(`${dir}/nope.csv`)).code).toBe('unreadable');
  });

  test('a quote closed mid-field that swallowed lines is an error at the line it opened', async () => {
    const file = writeTemp(dir, 'swallow.csv', 'email,note\na@x.com,ok\nb@x.com,"said "hi\nc@x.com,"fine"\n');
    expect(await fileErrorOf(file)).toMatchObject({ code: 'unclosed-quote', line: 3, column: 'note' });
  });

  test('a malformed quote closed on its own line is kept as papaparse reads it', async () => {
    const { rows } = await readAll(writeTemp(dir, 'stray.csv', 'email,size\na@x.com,"5" wide"\nb@x.com,6\n'));
    expect(rows).toEqual([
      { line: 2, cells: ['a@x.com', '5" wide'] },
      { line: 3, cells: ['b@x.com', '6'] },
    ]);
  });

  test('a stray opening quote with no close anywhere swallows the file: a file error', async () => {
    const file = writeTemp(dir, 'stray-open.csv', 'email,size\na@x.com,"5 screen\nb@x.com,6\n');
    expect(await fileErrorOf(file)).toMatchObject({ code: 'unclosed-quote', line: 2, column: 'size' });
  });
});

describe('streaming', () => {
  /** Case 36's row shape (gen-million-rows.py), with a multi-line quoted note every 1,000th row. */
  function generate(count: number): { text: string; lines: number[] } {
    const parts = ['email,first_name,last_name,phone,birthday,note\r\n'];
    const lines: number[] = [];
    let line = 2;
    for (let i = 1; i <= count; i++) {
      const id = String(i).padStart(7, '0');
      const multi = i % 1000 === 0;
      const note = multi ? '"line one\r\nline ""two"", still\r\nthree"' : 'plain';
      parts.push(
        `user${id}@example.com,User,R${id},07700 900${String(i % 1000).padStart(3, '0')},1990-01-01,${note}\r\n`,
      );
      lines.push(line);
      line += multi ? 3 : 1;
    }
    return { text: parts.join(''), lines };
  }

  test('120,000 rows across many read chunks keep their lines; rows() can be read twice', async () => {
    const { text, lines } = generate(120_000);
    const file = writeTemp(dir, 'big.csv', text);
    let progress = 0;
    const table = await openTable(file, { chunkRows: 7000, onProgress: (p) => (progress = p.bytesRead) });
    const sizes: number[] = [];
    const rows = [];
    for await (const chunk of table.rows()) {
      sizes.push(chunk.length);
      rows.push(...chunk);
    }
    expect(rows.map((r) => r.line)).toEqual(lines);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(7000);
    expect(rows[0]?.cells[0]).toBe('user0000001@example.com');
    expect(rows.at(-1)?.cells[0]).toBe('user0120000@example.com');
    expect(rows[999]?.cells[5]).toBe('line one\r\nline "two", still\r\nthree');
    expect(progress).toBe(table.info.size);
    const again = await collectRows(table);
    expect(again.length).toBe(rows.length);
    expect(again.at(-1)).toEqual(rows.at(-1));
  });

  test('an unclosed quote far into a big file names its line', async () => {
    const body = 'a@x.com,ok\n'.repeat(200_000);
    const file = writeTemp(dir, 'late-quote.csv', `email,note\n${body}b@x.com,"never closed\n${body}`);
    expect(await fileErrorOf(file)).toMatchObject({ code: 'unclosed-quote', line: 200_002, column: 'note' });
  });

  test('an aborted read stops with the abort reason', async () => {
    const controller = new AbortController();
    const table = await openTable(writeTemp(dir, 'abort.csv', 'email\n' + 'a@x.com\n'.repeat(300_000)), {
      signal: controller.signal,
    });
    const read = async () => {
      for await (const _chunk of table.rows()) controller.abort(new Error('stopped by user'));
    };
    await expect(read()).rejects.toThrow('stopped by user');
  });
});
