/**
 * The files main knows: files registered by a ref (an upload, a drop, a dialog choice, `--open`),
 * and the files opened from them, by file id. The renderer only ever holds refs and file ids; the
 * paths stay here.
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { OperationOutput } from '../../shared/ipc/contract';
import type { RegisteredFile } from '../../shared/ipc/bridge';
import { FileErrorException, type ReadOptions } from '../../shared/source/source-table';
import type { OpenTableOptions, TableSource } from '../files/open-table';

/** Opens a table: the readers' `openTable` (tests may wrap it). Throws FileErrorException for bad files. */
export type OpenTable = (filePath: string, options?: OpenTableOptions) => Promise<TableSource>;

/** Bytes read so far while a file is opened, for `file:progress`. */
export type ReadProgress = (fileId: string, progress: { bytesRead: number; totalBytes: number }) => void;

/** One opened file: where it is, how it was read, and the reader's table (its `rows()` stream). */
export interface OpenFile {
  readonly fileId: string;
  readonly path: string;
  readonly options: ReadOptions;
  readonly table: TableSource;
}

export type FileOpenResult = OperationOutput<'file:open'>;

/** Files by ref and by file id. */
export interface FileStore {
  /** Makes a file on disk openable by a ref. Throws when it is not a readable regular file. */
  register(filePath: string, displayName?: string): Promise<RegisteredFile>;
  /** The path behind a ref, or null. */
  pathOf(ref: string): string | null;
  /**
   * Opens a file by path (main chose it) and keeps it under a new file id. `signal` stops the
   * read (answered `cancelled`) and stays with the table: once aborted, its rows cannot be read.
   */
  open(filePath: string, options?: ReadOptions, signal?: AbortSignal): Promise<FileOpenResult>;
  /** Reads an open file again with other options, keeping its file id. */
  reopen(fileId: string, options: ReadOptions, signal?: AbortSignal): Promise<FileOpenResult | null>;
  get(fileId: string): OpenFile | null;
  close(fileId: string): boolean;
}

/** A new, empty store over a reader. */
export function createFileStore(openTable: OpenTable, onProgress: ReadProgress = () => {}): FileStore {
  const refs = new Map<string, string>();
  const files = new Map<string, OpenFile>();

  async function read(
    fileId: string,
    filePath: string,
    options: ReadOptions,
    signal: AbortSignal | undefined,
  ): Promise<FileOpenResult> {
    try {
      const table = await openTable(filePath, {
        ...options,
        onProgress: (p) => onProgress(fileId, p),
        ...(signal && { signal }),
      });
      if (signal?.aborted) return { kind: 'cancelled' };
      files.set(fileId, { fileId, path: filePath, options, table });
      return { kind: 'opened', fileId, info: table.info };
    } catch (error) {
      if (signal?.aborted) return { kind: 'cancelled' };
      if (error instanceof FileErrorException) return { kind: 'file-error', error: error.fileError };
      const code = (error as { code?: unknown }).code;
      return {
        kind: 'file-error',
        error: {
          code: 'unreadable',
          message: `${path.basename(filePath)} could not be read${typeof code === 'string' ? ` (${code})` : ''}.`,
          line: null,
          column: null,
        },
      };
    }
  }

  return {
    async register(filePath, displayName) {
      const info = await stat(filePath);
      if (!info.isFile()) throw new Error(`${path.basename(filePath)} is not a file.`);
      const ref = randomUUID();
      refs.set(ref, filePath);
      return { ref, name: displayName ?? path.basename(filePath), size: info.size };
    },
    pathOf: (ref) => refs.get(ref) ?? null,
    open: (filePath, options = {}, signal) => read(randomUUID(), filePath, options, signal),
    async reopen(fileId, options, signal) {
      const file = files.get(fileId);
      return file ? read(fileId, file.path, { ...file.options, ...options }, signal) : null;
    },
    get: (fileId) => files.get(fileId) ?? null,
    close: (fileId) => files.delete(fileId),
  };
}
