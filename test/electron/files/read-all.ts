/**
 * Test helpers for the file readers: read a whole table, catch a file error.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileErrorException, type FileError, type SourceRow } from '../../../shared/source/source-table';
import { openTable, type OpenTableOptions, type TableSource } from '../../../electron/files/open-table';

/** Every data row of a source, in order. */
export async function collectRows(table: TableSource): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const chunk of table.rows()) rows.push(...chunk);
  return rows;
}

/** Opens a file and reads all its rows. */
export async function readAll(filePath: string, options?: OpenTableOptions) {
  const table = await openTable(filePath, options);
  return { info: table.info, rows: await collectRows(table) };
}

/** The file error thrown by opening and reading the whole file; fails if none is thrown. */
export async function fileErrorOf(filePath: string, options?: OpenTableOptions): Promise<FileError> {
  try {
    await readAll(filePath, options);
  } catch (error) {
    if (error instanceof FileErrorException) return error.fileError;
    throw error;
  }
  throw new Error(`expected a file error from ${filePath}`);
}

/** A fresh temporary folder for generated files. */
export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'omneo-files-'));
}

/** Writes `content` (text as UTF-8, or raw bytes) to `name` in `dir` and returns its path. */
export function writeTemp(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** True when no cell holds a character the reader must never produce from decoding. */
export function hasNoBadCharacters(rows: readonly SourceRow[], headers: readonly string[]): boolean {
  const forbidden = ['\ufffd', '\ufeff', '\u0000'];
  const bad = { test: (text: string) => forbidden.some((ch) => text.includes(ch)) };
  return !headers.some((h) => bad.test(h)) && !rows.some((r) => r.cells.some((c) => bad.test(c)));
}
