/**
 * The loaded files' workspaces, by file id: reads an open file's rows once into an on-disk row
 * store (row-store.ts; again after `file:reopen` or `file:choose-sheet` gave it a new table), and
 * prepares checks from those rows with the engine's own `prepareSource`, so the app decides mappings, date orders and file
 * issues exactly as the CLI does without reading the file again.
 */
import type { CheckOptions } from '../../shared/engine/check-options';
import type { ColumnMapping } from '../../shared/mapping/column-mapping';
import type { MappingProblem } from '../../shared/mapping/validate-mapping';
import { FileErrorException, type FileError, type SourceRow } from '../../shared/source/source-table';
import path from 'node:path';
import type { AppContext } from '../app/app-services';
import { OperationFailure } from '../app/handler-registry';
import { prepareSource } from '../engine/prepare-check';
import { hashFile } from '../runner/file-hash';
import { ensurePrivateFolder } from '../files/private-files';
import { FileWorkspace, type PreparedPlan } from './file-workspace';
import { RowStore } from './row-store';

/** What preparing a check gave: a plan, or why rows cannot be checked. */
export type Preparation =
  | { readonly kind: 'ready'; readonly prepared: PreparedPlan }
  | { readonly kind: 'needs-mapping'; readonly problems: readonly MappingProblem[] }
  | { readonly kind: 'file-error'; readonly error: FileError };

/**
 * A file whose header opened but whose rows cannot be read (an unclosed quote further down).
 *
 * Still an `OperationFailure` (`conflict`, message naming line and column), with the reader's
 * error kept so `file:open` can show it on the File step at once.
 */
export class UnreadableRowsFailure extends OperationFailure {
  constructor(readonly fileError: FileError) {
    super('conflict', describe(fileError));
  }
}

/** Workspaces of the app's open files. */
export interface WorkspaceStore {
  /**
   * The workspace of an open file, reading its rows on first use. Throws {@link OperationFailure}
   * `not-found` when the file is not open and `conflict` when its rows cannot be read (the
   * message names line and column).
   */
  get(fileId: string): Promise<FileWorkspace>;
  /** The workspace if loaded and still current, without reading anything. */
  peek(fileId: string): FileWorkspace | null;
  /** Every loaded workspace (for finding the file of a job). */
  all(): readonly FileWorkspace[];
  /** Settles the workspace's mapping and options into a plan (reads the file's dates once). */
  prepare(workspace: FileWorkspace, options: CheckOptions): Promise<Preparation>;
}

/** A store over the app's open files. */
export function createWorkspaceStore(app: AppContext): WorkspaceStore {
  const workspaces = new Map<string, FileWorkspace>();
  const loading = new Map<string, Promise<FileWorkspace>>();

  function current(fileId: string): FileWorkspace | null {
    const open = app.files.get(fileId);
    const cached = workspaces.get(fileId);
    if (!open) {
      workspaces.delete(fileId);
      return null;
    }
    return cached && cached.source === open.table ? cached : null;
  }

  async function load(fileId: string): Promise<FileWorkspace> {
    const open = app.files.get(fileId);
    if (!open) throw new OperationFailure('not-found', 'That file is no longer open. Open it again.');
    const hashing = hashFile(open.path);
    let rows: RowStore;
    try {
      const folder = path.join(app.deps.dataDir, spillFolder);
      await ensurePrivateFolder(folder);
      rows = await RowStore.fill(open.table.rows(), folder);
    } catch (error) {
      hashing.catch(() => undefined);
      if (error instanceof FileErrorException) throw new UnreadableRowsFailure(error.fileError);
      throw error;
    }
    const sha256 = await hashing.catch(() => '');
    const workspace = new FileWorkspace(fileId, open.path, open.table.info, open.table, rows, sha256);
    // A running job keeps the workspace it started from; this one is the file as read now.
    workspaces.set(fileId, workspace);
    return workspace;
  }

  return {
    async get(fileId) {
      const found = current(fileId);
      if (found) return found;
      let pending = loading.get(fileId);
      if (!pending) {
        pending = load(fileId).finally(() => loading.delete(fileId));
        loading.set(fileId, pending);
      }
      return pending;
    },
    peek: current,
    all: () => [...workspaces.keys()].map(current).filter((w): w is FileWorkspace => w !== null),
    async prepare(workspace, options) {
      const open = app.files.get(workspace.fileId);
      if (!open) throw new OperationFailure('not-found', 'That file is no longer open. Open it again.');
      if (!workspace.mapping) return { kind: 'needs-mapping', problems: [] };
      return prepareRows(workspace, workspace.mapping, options);
    },
  };
}

/** Folder of the data folder where open files' rows are spilled (see row-store.ts). */
const spillFolder = 'open-files';

/** Rows per step of the date scan over the stored rows (each step is a yield to the event loop). */
const scanChunk = 5_000;

/**
 * Prepares a check of the workspace's rows with the engine's own `prepareSource` — the mapping and
 * options compiled into a plan, each date column's order decided from its values, the file's own
 * issues found — over the rows in memory (with the user's edits), so the app settles a file as
 * `check` does without reading it again. The workspace's `repeatedPhones` choice is its option.
 */
async function prepareRows(
  workspace: FileWorkspace,
  mapping: readonly ColumnMapping[],
  optionsInput: CheckOptions,
): Promise<Preparation> {
  const source = {
    info: workspace.info,
    async *rows(): AsyncGenerator<readonly SourceRow[]> {
      const rows = workspace.rows;
      for (let start = 0; start < rows.size; start += scanChunk) {
        const end = Math.min(rows.size, start + scanChunk);
        const chunk: SourceRow[] = [];
        for (let i = start; i < end; i += 1) {
          const row = rows.row(i);
          chunk.push(workspace.hasEdits ? { ...row, cells: workspace.cells(i) } : row);
        }
        yield chunk;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
  };
  const options = { ...optionsInput, repeatedPhones: workspace.repeatedPhones };
  const prepared = await prepareSource(source, { from: [...mapping], overrides: [] }, options);
  if (prepared.plan === null) return { kind: 'needs-mapping', problems: prepared.problems };
  const { plan, dateStates, ambiguousDateColumns, fileIssues } = prepared;
  return {
    kind: 'ready',
    prepared: { plan, dateStates, options: prepared.options, ambiguousDateColumns, fileIssues },
  };
}

/** A file error as one sentence naming where it is. */
export function describe(error: FileError): string {
  const where = [
    error.line !== null && `line ${error.line}`,
    error.column !== null && `column ${error.column}`,
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${error.message} (${where})` : error.message;
}
