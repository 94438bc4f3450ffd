/**
 * Workbooks built with SheetJS's writer in a temp folder: date systems, number digits, booleans,
 * cached formula values, errors, sheet choice, header row, BIFF .xls, and time-zone independence.
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, test } from 'vitest';
import { defaultSheetName } from '../../../electron/files/excel-table';
import { fileErrorOf, readAll, tempDir, writeTemp } from './read-all';

const dir = tempDir();
type Cell = XLSX.CellObject | string | number | boolean | null;

function sheetOf(rows: readonly (readonly Cell[])[]): XLSX.WorkSheet {
  const sheet = XLSX.utils.aoa_to_sheet(
    rows.map((row) => row.map((cell) => (cell && typeof cell === 'object' ? null : cell))),
  );
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell && typeof cell === 'object') sheet[XLSX.utils.encode_cell({ r, c })] = cell;
    }),
  );
  return sheet;
}

function writeBook(
  name: string,
  sheets: Record<string, readonly (readonly Cell[])[]>,
  options: { date1904?: boolean; hidden?: readonly string[]; bookType?: XLSX.BookType } = {},
): string {
  const book = XLSX.utils.book_new();
  for (const [sheetName, rows] of Object.entries(sheets))
    XLSX.utils.book_append_sheet(book, sheetOf(rows), sheetName);
  book.Workbook = {
    Sheets: Object.keys(sheets).map((s) => ({ name: s, Hidden: options.hidden?.includes(s) ? 1 : 0 })),
    WBProps: { date1904: options.date1904 ?? false },
  };
  const bytes = XLSX.write(book, { type: 'buffer', bookType: options.bookType ?? 'xlsx' }) as Buffer;
  return writeTemp(dir, name, bytes);
}

const date = (v: number, z = 'yyyy-mm-dd'): XLSX.CellObject => ({ t: 'n', v, z });

const datedRows: readonly (readonly Cell[])[] = [
  ['email', 'when'],
  ['a@x.com', date(1)],
  ['b@x.com', date(59)],
  ['c@x.com', date(60)],
  ['d@x.com', date(61)],
  ['e@x.com', date(45000.75, 'dd/mm/yyyy hh:mm')],
];

describe('Excel cell values', () => {
  test('1900 system: serials 1, 59, 60 (phantom), 61 and a date-time', async () => {
    const { info, rows } = await readAll(writeBook('dates-1900.xlsx', { People: datedRows }));
    expect(info.format).toBe('xlsx');
    expect(rows.map((r) => r.cells[1])).toEqual([
      '1900-01-01',
      '1900-02-28',
      '1900-02-29',
      '1900-03-01',
      '2023-03-15T18:00:00',
    ]);
  });

  test('1904 system: serial 0 is 1904-01-01', async () => {
    const file = writeBook(
      'dates-1904.xlsx',
      {
        People: [
          ['email', 'when'],
          ['a@x.com', date(0)],
          ['b@x.com', date(29220.5)],
        ],
      },
      { date1904: true },
    );
    const { rows } = await readAll(file);
    expect(rows.map((r) => r.cells[1])).toEqual(['1904-01-01', '1984-01-01T12:00:00']);
  });

  test.each(['UTC', 'Pacific/Auckland', 'America/St_Johns'])('same dates under TZ=%s', async (zone) => {
    const before = process.env.TZ;
    process.env.TZ = zone;
    try {
      const { rows } = await readAll(writeBook(`tz-${zone.replace('/', '-')}.xlsx`, { People: datedRows }));
      expect(rows.map((r) => r.cells[1])).toEqual([
        '1900-01-01',
        '1900-02-28',
        '1900-02-29',
        '1900-03-01',
        '2023-03-15T18:00:00',
      ]);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  test('numbers keep every digit, text stays text, booleans and errors read as shown', async () => {
    const file = writeBook('values.xlsx', {
      Values: [
        ['phone', 'id', 'spend', 'tiny', 'huge', 'flag', 'formula', 'error'],
        [
          447700900101,
          '00123',
          1234.5,
          1.5e-7,
          1e21,
          true,
          { t: 'n', v: -1199, f: '1-539-402-259' },
          { t: 'e', v: 0x2a },
        ],
        [
          61491570156,
          '918273645546372819',
          0.1,
          -0,
          0,
          false,
          { t: 's', v: 'cached', f: 'A1&"x"' },
          { t: 'e', v: 0x07 },
        ],
      ],
    });
    const { rows } = await readAll(file);
    expect(rows.map((r) => r.cells)).toEqual([
      ['447700900101', '00123', '1234.5', '0.00000015', '1000000000000000000000', 'TRUE', '-1199', '#N/A'],
      ['61491570156', '918273645546372819', '0.1', '0', '0', 'FALSE', 'cached', '#DIV/0!'],
    ]);
  });
});

describe('Excel sheets and rows', () => {
  test('header below a title, a blank row inside the data, values beyond the header', async () => {
    const file = writeBook('layout.xlsx', {
      Export: [
        ['Customer export'],
        [],
        ['email', 'name'],
        ['a@x.com', 'Ann'],
        [],
        ['b@x.com', 'Bo', 'extra'],
      ],
    });
    const byDefault = await readAll(file);
    expect(byDefault.info.headerRow).toBe(1);
    const { info, rows } = await readAll(file, { headerRow: 3 });
    expect(info.columns.map((c) => [c.letter, c.header])).toEqual([
      ['A', 'email'],
      ['B', 'name'],
      ['C', ''],
    ]);
    // Rows stop at their own last value and carry the sheet's width (a stray far cell costs nothing).
    expect(rows).toEqual([
      { line: 4, cells: ['a@x.com', 'Ann'], width: 3 },
      { line: 5, cells: [], width: 3 },
      { line: 6, cells: ['b@x.com', 'Bo', 'extra'], width: 3 },
    ]);
    expect((await fileErrorOf(file, { headerRow: 40 })).code).toBe('bad-option');
  });

  test('leading blank rows: the header is the first non-blank row', async () => {
    const { info, rows } = await readAll(writeBook('leading.xlsx', { S: [[], [], ['email'], ['a@x.com']] }));
    expect(info.headerRow).toBe(3);
    expect(rows).toEqual([{ line: 4, cells: ['a@x.com'], width: 1 }]);
  });

  test('a BIFF .xls named .csv is read as xls; a hidden first sheet is skipped', async () => {
    const file = writeBook(
      'legacy.csv',
      { Lists: [['tag'], ['vip']], Customers: [['email'], ['a@x.com'], ['b@x.com']] },
      { bookType: 'biff8', hidden: ['Lists'] },
    );
    const { info, rows } = await readAll(file);
    expect(info).toMatchObject({ format: 'xls', sheet: 'Customers' });
    expect(info.sheets).toEqual([
      { name: 'Lists', hidden: true, rows: 2 },
      { name: 'Customers', hidden: false, rows: 3 },
    ]);
    expect(rows.map((r) => r.cells[0])).toEqual(['a@x.com', 'b@x.com']);
  });

  test('an empty sheet has no header; a damaged workbook is unreadable', async () => {
    const empty = writeBook('empty-sheet.xlsx', { Blank: [] });
    expect((await fileErrorOf(empty)).code).toBe('no-header');
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]);
    const damaged = await fileErrorOf(writeTemp(dir, 'damaged.xlsx', zip));
    expect(damaged.code).toBe('unreadable');
    expect(damaged.message).toContain('damaged.xlsx');
  });

  test.each([
    {
      sheets: [
        { name: 'A', hidden: false },
        { name: 'B', hidden: false },
      ],
      active: 1,
      expected: 'B',
    },
    {
      sheets: [
        { name: 'A', hidden: true },
        { name: 'B', hidden: false },
      ],
      active: 0,
      expected: 'B',
    },
    {
      sheets: [
        { name: 'A', hidden: false },
        { name: 'B', hidden: true },
      ],
      active: 1,
      expected: 'A',
    },
    { sheets: [{ name: 'A', hidden: true }], active: 0, expected: 'A' },
    { sheets: [{ name: 'A', hidden: false }], active: 5, expected: 'A' },
  ])('default sheet with active tab $active → $expected', ({ sheets, active, expected }) => {
    expect(defaultSheetName(sheets, active)).toBe(expected);
  });
});
