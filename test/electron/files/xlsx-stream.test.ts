/**
 * The streaming .xlsx reader against the SheetJS reader on the same workbooks (the shared samples
 * and workbooks written here from raw XML: shared and inline strings, rich text with phonetic runs,
 * cached formula values, booleans, errors, date styles, lost digits, merged ranges, blank headers,
 * sheet and header-row choice), then what only the streaming reader refuses.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openWorkbook } from '../../../electron/files/excel-table';
import { openWorkbookPlan, workbookRows } from '../../../electron/files/workbook-reader';
import type { ReadOptions, SourceRow } from '../../../shared/source/source-table';
import { casePath, fixturePath } from '../../support/shared-paths';
import { number, row, shared, text, xlsxBook, xlsxFile } from '../../support/xlsx-file';
import { fileErrorOf, tempDir, writeTemp } from './read-all';

const dir = tempDir();

const file = (filePath: string) => ({
  path: filePath,
  name: path.basename(filePath),
  size: statSync(filePath).size,
  format: 'xlsx' as const,
});

async function streamed(filePath: string, options: ReadOptions = {}) {
  const opened = await openWorkbookPlan(file(filePath), options);
  expect(opened.plan.reader).toBe('stream');
  const rows: SourceRow[] = [];
  for await (const chunk of workbookRows(file(filePath), opened.plan, 3)) rows.push(...chunk);
  return { info: opened.info, notices: opened.notices, rows };
}

async function bySheetJs(filePath: string, options: ReadOptions = {}) {
  const source = await openWorkbook(file(filePath), options);
  const rows: SourceRow[] = [];
  for await (const chunk of source.rows()) rows.push(...chunk);
  return { info: source.info, notices: source.notices ?? [], rows };
}

const cell = (ref: string, body: string, attributes = ''): string => `<c r="${ref}"${attributes}>${body}</c>`;

/** A workbook with one of everything a sheet's cells can hold. */
function everything(): string {
  const people = [
    row(1, shared('A1', 0), shared('B1', 1), shared('C1', 2), shared('D1', 3), shared('E1', 4)),
    row(
      2,
      text('A2', 'a@x.com'),
      shared('B2', 5),
      cell('C2', '<v>45000.75</v>', ' s="1"'),
      number('D2', '1.23456789012346E+17'),
      cell('E2', '<v>1</v>', ' t="b"'),
      text('G2', 'beyond the header'),
    ),
    row(
      3,
      cell('A3', '<f>LOWER("B@X.COM")</f><v>b@x.com</v>', ' t="str"'),
      shared('B3', 6),
      cell('C3', '<v>60</v>', ' s="2"'),
      number('D3', '447700900101'),
      cell('E3', '<v>#N/A</v>', ' t="e"'),
    ),
    row(
      5,
      text('A5', 'c@x.com'),
      shared('B5', 7),
      cell('C5', '<v>1</v>'),
      cell('D5', '<f>1+1</f><v>2</v>'),
      cell('E5', '<v>0</v>', ' t="b"'),
    ),
    row(6, text('A6', 'd@x.com'), shared('B6', 8), cell('C6', '<v>29220.5</v>', ' s="3"')),
    row(7, text('A7', 'e@x.com'), text('G7', 'more')),
  ].join('');
  const other = [
    row(2, text('A2', 'title')),
    row(4, text('A4', 'email'), text('B4', 'x')),
    row(5, text('A5', 'f@x.com')),
  ];
  return writeTemp(
    dir,
    'everything.xlsx',
    xlsxBook({
      sheets: [
        { sheetName: 'Hidden', rows: row(1, text('A1', 'secret')), state: 'hidden' },
        { sheetName: 'People & co', rows: people, merges: ['B5:B7', 'A1:B1', 'C6:D7'] },
        { sheetName: 'Other', rows: other.join('') },
      ],
      sharedStrings: [
        '<t>email</t>',
        '<t>name</t>',
        '<t>when</t>',
        '<t>loyalty</t>',
        '<t>flag</t>',
        '<r><t>An</t></r><r><rPr><b/></rPr><t>a &amp; Bo</t></r><rPh sb="0" eb="1"><t>アナ</t></rPh>',
        '<t xml:space="preserve">  spaced  </t>',
        '<t>line_x000D_break</t>',
        '<t></t>',
      ],
      styles: [0, 'dd/mm/yyyy hh:mm', 14, '[h]:mm:ss'],
    }),
  );
}

describe('the streaming reader reads as SheetJS does', () => {
  const cases: [string, () => string, ReadOptions][] = [
    ['customers-100.xlsx', () => fixturePath('customers-100.xlsx'), {}],
    ['14-xlsx-date-serials.xlsx', () => casePath('14-xlsx-date-serials.xlsx'), {}],
    ['29-xlsx-hidden-and-multi-sheet.xlsx', () => casePath('29-xlsx-hidden-and-multi-sheet.xlsx'), {}],
    ['every kind of cell, the first visible sheet', everything, {}],
    ['every kind of cell, header on row 2', everything, { headerRow: 2 }],
    ['every kind of cell, another sheet', everything, { sheet: 'Other' }],
    [
      'the 1904 date system',
      () =>
        writeTemp(
          dir,
          'd1904.xlsx',
          xlsxBook({
            sheets: [{ rows: row(1, text('A1', 'when')) + row(2, cell('A2', '<v>0</v>', ' s="1"')) }],
            styles: [0, 14],
            date1904: true,
          }),
        ),
      {},
    ],
    [
      'the active tab',
      () =>
        writeTemp(
          dir,
          'active.xlsx',
          xlsxBook({
            sheets: [
              { rows: row(1, text('A1', 'one')) + row(2, text('A2', '1')) },
              { rows: row(1, text('A1', 'two')) + row(2, text('A2', '2')) },
            ],
            activeTab: 1,
          }),
        ),
      {},
    ],
  ];

  test.each(cases)('%s', async (_, make, options) => {
    const filePath = make();
    const expected = await bySheetJs(filePath, options);
    expect(await streamed(filePath, options)).toEqual(expected);
    expect(expected.rows.length).toBeGreaterThan(0);
  });

  test('the cells read as Excel shows them', async () => {
    const { rows, notices } = await streamed(everything());
    expect(rows.map((r) => [r.line, ...r.cells])).toEqual([
      [
        2,
        'a@x.com',
        'Ana & Bo',
        '2023-03-15T18:00:00',
        '123456789012346000',
        'TRUE',
        '',
        'beyond the header',
      ],
      [3, 'b@x.com', '  spaced  ', '1900-02-29', '447700900101', '#N/A'],
      [4],
      [5, 'c@x.com', 'line\rbreak', '1', '2', 'FALSE'],
      [6, 'd@x.com', 'line\rbreak', '1979-12-31T12:00:00'],
      [7, 'e@x.com', 'line\rbreak', '1979-12-31T12:00:00', '', '', '', 'more'],
    ]);
    expect(rows[0]?.notes?.map((n) => n.code)).toEqual(['excel-digits-lost']);
    expect(notices.map((n) => n.code)).toEqual(['merged-cells-filled', 'header-blank-with-values']);
  });
});

describe('what only the streaming reader refuses', () => {
  const refused = async (name: string, content: Buffer) =>
    (await fileErrorOf(writeTemp(dir, name, content))).message;

  test('rows out of order', async () => {
    const rows = row(1, text('A1', 'email')) + row(3, text('A3', 'a@x.com')) + row(2, text('A2', 'b@x.com'));
    expect(await refused('order.xlsx', xlsxFile({ rows }))).toBe(
      'order.xlsx, sheet Customers: row 2 comes after row 3, out of order; open the file in Excel, save it and try again.',
    );
  });

  test('a cell beyond XFD1048576', async () => {
    const rows = row(1, text('A1', 'email'), text('XFE1', 'x'));
    expect(await refused('wide.xlsx', xlsxFile({ rows }))).toContain("cell XFE1 is outside Excel's grid");
  });

  test('elements nested deeper than 64 levels', async () => {
    const rows = row(1, text('A1', 'email')) + '<x>'.repeat(100_000) + '</x>'.repeat(100_000);
    expect(await refused('deep.xlsx', xlsxFile({ rows }))).toContain(
      'nests elements deeper than the 64 levels',
    );
  });

  test('megabytes of text in one run', async () => {
    const rows = row(1, text('A1', 'email')) + ' '.repeat(5 * 1024 * 1024);
    expect(await refused('spaces.xlsx', xlsxFile({ rows }))).toContain('in one run between tags');
  });

  test('a damaged ZIP', async () => {
    const whole = xlsxFile({ rows: row(1, text('A1', 'email')) });
    expect(await refused('broken.xlsx', whole.subarray(0, whole.length - 30))).toMatch(
      /^broken\.xlsx could not be read as an Excel workbook \(/,
    );
  });
});
