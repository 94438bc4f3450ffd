/**
 * Workbooks are read in a worker thread with a heap and a time limit: a workbook that needs more
 * is a file error naming the file and the limit, and this process goes on reading the next one.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openWorkbookIsolated, type WorkbookReaderLimits } from '../../../electron/files/workbook-isolation';
import { FileErrorException } from '../../../shared/source/source-table';
import { row, shared, text, xlsxBook, xlsxFile } from '../../support/xlsx-file';
import { collectRows, tempDir, writeTemp } from './read-all';

const dir = tempDir();
const small = writeTemp(
  dir,
  'small.xlsx',
  xlsxFile({ rows: row(1, text('A1', 'email')) + row(2, text('A2', 'a@x.com')) }),
);
/** 300,000 distinct shared strings: tens of MB once read. */
const wordy = writeTemp(
  dir,
  'wordy.xlsx',
  xlsxBook({
    sheets: [{ rows: row(1, shared('A1', 0)) + row(2, shared('A2', 1)) }],
    sharedStrings: Array.from({ length: 300_000 }, (_, i) => `<t>${i}-${'x'.repeat(60)}</t>`),
  }),
);

const workbook = (filePath: string) => ({
  path: filePath,
  name: path.basename(filePath),
  size: statSync(filePath).size,
  format: 'xlsx' as const,
});

async function failure(filePath: string, limits: WorkbookReaderLimits): Promise<string> {
  try {
    await collectRows(await openWorkbookIsolated(workbook(filePath), {}, limits));
  } catch (error) {
    if (error instanceof FileErrorException) return error.message;
    throw error;
  }
  throw new Error('expected a file error');
}

describe('the workbook reader worker', () => {
  test('reads a workbook off this thread', async () => {
    const table = await openWorkbookIsolated(workbook(small), {});
    expect(table.info.columns.map((c) => c.header)).toEqual(['email']);
    expect((await collectRows(table)).map((r) => r.cells)).toEqual([['a@x.com']]);
  });

  test('running out of memory is a file error naming the limit, and the next workbook still opens', async () => {
    expect(await failure(wordy, { heapMb: 24, answerMs: 60_000 })).toBe(
      'wordy.xlsx needs more memory than the 24 MB a workbook may use while it is read; save the sheet as CSV and import that.',
    );
    const table = await openWorkbookIsolated(workbook(wordy), {});
    expect((await collectRows(table)).map((r) => r.cells)).toEqual([[`1-${'x'.repeat(60)}`]]);
  });

  test('running out of time is a file error naming the limit', async () => {
    expect(await failure(wordy, { heapMb: 1024, answerMs: 100 })).toBe(
      'wordy.xlsx took longer than the 0.1 s a workbook may take to read; save the sheet as CSV and import that.',
    );
  });

  test('a cancelled read stops with the reason', async () => {
    const controller = new AbortController();
    const opening = openWorkbookIsolated(workbook(wordy), { signal: controller.signal });
    controller.abort(new Error('cancelled by the user'));
    await expect(opening).rejects.toThrow('cancelled by the user');
  });
});
