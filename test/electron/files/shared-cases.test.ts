/**
 * The reading cases of ../shared/cases, asserted at the reader level (headers, encoding,
 * delimiter, line numbers, cell texts) as the cases README states them.
 */
import { describe, expect, test } from 'vitest';
import { casePath } from '../../support/shared-paths';
import { fileErrorOf, hasNoBadCharacters, readAll } from './read-all';

const headersOf = (info: { columns: readonly { header: string }[] }) => info.columns.map((c) => c.header);

describe('shared reading cases', () => {
  test('01 UTF-8 BOM is stripped from the first header', async () => {
    const { info, rows } = await readAll(casePath('01-utf8-bom-header.csv'));
    expect(headersOf(info)).toEqual(['email', 'first_name', 'last_name', 'phone']);
    expect(info).toMatchObject({ encoding: 'utf-8', encodingSource: 'bom', delimiter: ',' });
    expect(rows.map((r) => r.cells[3])).toEqual(['07700 900101', '07700 900102']);
    expect(hasNoBadCharacters(rows, headersOf(info))).toBe(true);
  });

  test('02 Windows-1252 is detected and decoded, with the curly apostrophe', async () => {
    const { info, rows } = await readAll(casePath('02-windows1252-names.csv'));
    expect(info).toMatchObject({ encoding: 'windows-1252', encodingSource: 'detected' });
    expect(rows.map((r) => [r.cells[0], r.cells[1], r.cells[3]])).toEqual([
      ['José', 'Núñez', 'Málaga'],
      ['Zoë', 'Müller', 'Zürich'],
      ['Siobhán', 'O\u2019Example', 'Cork'],
    ]);
    expect(hasNoBadCharacters(rows, headersOf(info))).toBe(true);
  });

  test('04 UTF-16LE "Unicode Text" named .csv is tab separated', async () => {
    const { info, rows } = await readAll(casePath('04-utf16le-unicode-text.csv'));
    expect(info).toMatchObject({
      format: 'delimited',
      encoding: 'utf-16le',
      encodingSource: 'bom',
      delimiter: '\t',
    });
    expect(headersOf(info)).toEqual(['first_name', 'last_name', 'email', 'phone']);
    expect(rows.map((r) => `${r.cells[0]} ${r.cells[1]}`)).toEqual(['Łukasz Przykład', '美咲 例']);
    expect(rows.map((r) => r.cells[3])).toEqual(['0491 570 156', '0491 570 157']);
  });

  test('06 semicolons with decimal commas: `;` wins, commas stay in cells', async () => {
    const { info, rows } = await readAll(casePath('06-semicolon-decimal-comma.csv'));
    expect(info.delimiter).toBe(';');
    expect(info.columns).toHaveLength(6);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.cells.length === 6)).toBe(true);
    expect(rows[0]?.cells[3]).toBe('Musterstraße 1, 10115 Berlin');
    expect(rows[0]?.cells[4]).toBe('1.234,50');
    expect(rows[0]?.cells[5]).toBe('vip, newsletter');
  });

  test('09 multi-line quoted address: records start on lines 2 and 5', async () => {
    const { rows } = await readAll(casePath('09-multiline-quoted-address.csv'));
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
    expect(rows[0]?.cells[3]?.split(/\r?\n/)).toEqual(['Flat 2', '10 Example Street', 'Exampletown EX1 2AB']);
    expect(rows[0]?.cells[4]).toBe('Prefers "Ana", not "Anna"');
  });

  test('11 blank, comma-only and whitespace rows are yielded as blank rows', async () => {
    const { rows } = await readAll(casePath('11-comma-only-and-blank-rows.csv'));
    const blank = rows.filter((r) => r.cells.every((c) => c.trim() === ''));
    const filled = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
    expect(filled.map((r) => r.line)).toEqual([2, 4]);
    expect(blank.map((r) => r.line)).toEqual([3, 5, 6, 7, 8]);
  });

  test('12 duplicate headers stay two distinct columns D and E', async () => {
    const { info, rows } = await readAll(casePath('12-duplicate-headers.csv'));
    expect(info.columns.slice(3)).toEqual([
      { index: 3, letter: 'D', header: 'phone' },
      { index: 4, letter: 'E', header: 'phone' },
    ]);
    expect(rows[0]?.cells.slice(3)).toEqual(['07700 900131', '020 7946 0131']);
  });

  test('19, 20, 22: digits stay text exactly as written', async () => {
    const leading = await readAll(casePath('19-phone-leading-zero.csv'));
    expect(leading.rows.map((r) => [r.cells[2], r.cells[3]])).toEqual([
      ['07700900151', '02134'],
      ['0491570156', '0800'],
      ['00447700900153', '01001'],
    ]);
    const scientific = await readAll(casePath('20-phone-scientific-notation.csv'));
    expect(scientific.rows.map((r) => r.cells[2])).toEqual(['6.14916E+10', '4.47701E+11', '+61 491 570 157']);
    const ids = await readAll(casePath('22-long-loyalty-id.csv'));
    expect(ids.rows.map((r) => r.cells[2])).toEqual([
      '918273645546372819',
      '40210000000000000017',
      '9007199254740993',
      '000000000000042',
    ]);
  });

  test('24 whitespace around emails is kept for the normaliser to trim', async () => {
    const { rows } = await readAll(casePath('24-email-whitespace-nbsp.csv'));
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.cells[0])).toEqual([
      'ana.example@example.com ',
      ' bruno.sample@example.com',
      'chloe.test@example.com\u00a0',
      '\u200bdan.demo@example.com',
      'eve.example@example.com\t',
    ]);
  });

  test('26 formula-like cells are literal text', async () => {
    const { rows } = await readAll(casePath('26-formula-injection.csv'));
    expect(rows[0]?.cells[1]).toBe('=HYPERLINK("http://example.com/x","Click")');
    expect(rows[1]?.cells.slice(2)).toEqual(['+1+2', '@SUM(1+1)', '-5 points after return']);
    expect(rows[2]?.cells[3]).toBe('=2+5');
  });

  test('30 ragged rows keep their real field count', async () => {
    const { info, rows } = await readAll(casePath('30-ragged-rows.csv'));
    expect(info.columns).toHaveLength(5);
    expect(rows.map((r) => [r.line, r.cells.length])).toEqual([
      [2, 5],
      [3, 6],
      [4, 4],
      [5, 5],
    ]);
  });

  test('31 unclosed quote is a file error naming line 3, column notes', async () => {
    const error = await fileErrorOf(casePath('31-unclosed-quote.csv'));
    expect(error).toMatchObject({ code: 'unclosed-quote', line: 3, column: 'notes' });
    expect(error.message).toContain('31-unclosed-quote.csv line 3, column notes');
  });

  test('36 the seed file reads with the right first and last rows', async () => {
    const { info, rows } = await readAll(casePath('36-million-rows-seed.csv'));
    expect(headersOf(info)).toEqual(['email', 'first_name', 'last_name', 'phone', 'birthday']);
    expect(rows[0]).toEqual({
      line: 2,
      cells: ['user0000001@example.com', 'User', 'R0000001', '07700 900001', '1990-01-01'],
    });
  });

  test('14 Excel date serials become ISO text, the phantom 29 Feb 1900 included', async () => {
    const { info, rows } = await readAll(casePath('14-xlsx-date-serials.xlsx'));
    expect(info).toMatchObject({ format: 'xlsx', sheet: 'Customers', encoding: null, delimiter: null });
    expect(rows.map((r) => [r.line, r.cells[2]])).toEqual([
      [2, '1985-06-07'],
      [3, '1900-01-01'],
      [4, '1900-02-29'],
      [5, '1919-02-02'],
      [6, '2000-02-29'],
    ]);
  });

  test('29 hidden first sheet is listed; the active sheet Customers is read', async () => {
    const { info, rows } = await readAll(casePath('29-xlsx-hidden-and-multi-sheet.xlsx'));
    expect(info.sheets).toEqual([
      { name: 'Lists', hidden: true, rows: 3 },
      { name: 'Customers', hidden: false, rows: 3 },
      { name: 'Archived 2019', hidden: false, rows: 3 },
    ]);
    expect(info.sheet).toBe('Customers');
    expect(rows.map((r) => r.cells[0])).toEqual(['ana.example@example.com', 'bruno.sample@example.com']);
  });

  test('29 the user can pick another sheet, and a missing one is a file error', async () => {
    const archived = await readAll(casePath('29-xlsx-hidden-and-multi-sheet.xlsx'), {
      sheet: 'Archived 2019',
    });
    expect(archived.rows.map((r) => r.cells[1])).toEqual(['Olga', 'Otto']);
    const error = await fileErrorOf(casePath('29-xlsx-hidden-and-multi-sheet.xlsx'), { sheet: 'Nope' });
    expect(error.code).toBe('sheet-not-found');
    expect(error.message).toContain('"Customers"');
  });
});

describe.each(['UTC', 'Pacific/Auckland'])('time zone %s', (zone) => {
  test('Excel dates read the same', async () => {
    const before = process.env.TZ;
    process.env.TZ = zone;
    try {
      const { rows } = await readAll(casePath('14-xlsx-date-serials.xlsx'));
      expect(rows.map((r) => r.cells[2])).toEqual([
        '1985-06-07',
        '1900-01-01',
        '1900-02-29',
        '1919-02-02',
        '2000-02-29',
      ]);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
