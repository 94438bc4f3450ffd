/**
 * The one entry point for reading a customer file: CSV/TSV/delimited text or an Excel workbook.
 *
 * The format is decided from the content (ZIP → .xlsx, OLE2 → .xls, otherwise text), never
 * the extension. The result describes the file ({@link FileInfo}) and streams its data rows.
 */
import path from 'node:path';
import type { Issue } from '../../shared/engine/issue';
import type { FileInfo, ReadOptions, SourceRow } from '../../shared/source/source-table';
import { FileErrorException } from '../../shared/source/source-table';
import { readHead } from './byte-chunks';
import { openDelimited } from './delimited-table';
import { fileError } from './file-error';
import { restoreOwnReport } from './own-report';
import { whyNotAFile } from './file-kind';
import { sniffFormat } from './sniff-format';
import { openWorkbookIsolated } from './workbook-isolation';

/** Reading options: the user's overrides plus cancellation, progress and chunk size. */
export interface OpenTableOptions extends ReadOptions {
  readonly signal?: AbortSignal;
  /** Called as bytes are consumed (delimited) or once per phase (Excel). */
  readonly onProgress?: (progress: { bytesRead: number; totalBytes: number }) => void;
  /** Most rows per yielded chunk (default 5,000; a text file yields what each 64 KiB read holds, often ~1,000). */
  readonly chunkRows?: number;
}

/** An opened file: what it looks like, and its data rows on demand. */
export interface TableSource {
  readonly info: FileInfo;
  /**
   * Streams the data rows after the header row, in file order, in chunks. Can be called again to
   * re-read from the start (the engine reads twice: date-order pre-scan, then check). Throws
   * FileErrorException for malformed input found while streaming (e.g. unclosed quote).
   */
  rows(): AsyncIterable<readonly SourceRow[]>;
  /**
   * What the reader noticed about the file as a whole, as warnings for the check (merged ranges
   * filled down, columns without a header that hold values); absent when nothing.
   */
  readonly notices?: readonly Issue[];
}

/** Bytes read up front for format, encoding and delimiter detection. */
const headBytes = 64 * 1024;

function unreadable(name: string, error: unknown): FileErrorException {
  const code = (error as { code?: unknown }).code;
  const why =
    code === 'ENOENT'
      ? 'the file does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : error instanceof Error
            ? error.message
            : String(error);
  return fileError('unreadable', `${name} cannot be read: ${why}.`);
}

/**
 * Opens a customer file for import.
 *
 * Reads only the start of a text file (the rows stream later); reads a workbook in a worker
 * thread with a heap and a time limit (`workbook-isolation.ts`). Throws FileErrorException: `empty-file`, `no-header`,
 * `unsupported-format`, `sheet-not-found`, `bad-option`, `unreadable` (missing file, no
 * permission, invalid bytes; a folder, named pipe or device, said at once without opening it), `unclosed-quote` (in or before the header row). Throws the
 * signal's reason when aborted.
 */
export async function openTable(filePath: string, options: OpenTableOptions = {}): Promise<TableSource> {
  const name = path.basename(filePath);
  let head: Uint8Array;
  let size: number;
  let notFile: string | null;
  try {
    notFile = await whyNotAFile(filePath);
  } catch (error) {
    throw unreadable(name, error);
  }
  if (notFile !== null) throw fileError('unreadable', `${name} cannot be read: ${notFile}.`);
  try {
    ({ head, size } = await readHead(filePath, headBytes));
  } catch (error) {
    throw unreadable(name, error);
  }
  if (size === 0) throw fileError('empty-file', `${name} is empty (0 bytes).`);
  const sniffed = sniffFormat(head);
  if (sniffed.kind === 'other') {
    throw fileError(
      'unsupported-format',
      `${name} is ${sniffed.what}, not a CSV/TSV text file or an Excel workbook.`,
    );
  }
  try {
    if (sniffed.format === 'delimited') {
      return restoreOwnReport(await openDelimited({ path: filePath, name, size, head }, options));
    }
    return await openWorkbookIsolated({ path: filePath, name, size, format: sniffed.format }, options);
  } catch (error) {
    if (error instanceof FileErrorException || options.signal?.aborted) throw error;
    throw unreadable(name, error);
  }
}
