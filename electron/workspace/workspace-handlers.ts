/**
 * The workspace's handler module: mapping, checking, reviewing rows, importing, jobs and reports
 * over the app's open files. Plugged into the app by `appHandlerModules` (app-handler-modules.ts).
 */
import type { OperationOutput } from '../../shared/ipc/contract';
import type { AppContext } from '../app/app-services';
import { createFileHandlers } from '../app/file-handlers';
import { OperationFailure, type Handler, type Handlers } from '../app/handler-registry';
import { createImportHandlers } from './import-handlers';
import { AppCompare } from './app-compare';
import { AppJobs } from './app-jobs';
import { AppUndo } from './app-undo';
import { createCompareHandlers } from './compare-handlers';
import { createMappingHandlers } from './mapping-handlers';
import { createReviewHandlers } from './review-handlers';
import { createReviewViewHandlers } from './review-view-handlers';
import { createWorkspaceStore, UnreadableRowsFailure, type WorkspaceStore } from './workspace-store';

type FileAnswer = OperationOutput<'file:open'>;

/**
 * `file:open`, `file:reopen` and `file:choose-sheet` as the app's file handlers answer them, plus
 * the row count: the workspace reads the rows right away (the mapping needs them next anyway), so
 * the File step shows how many rows the file has as soon as it is read. A file whose rows cannot
 * be read (malformed further down) still opens, with `rowsError` naming line and column, so the
 * File step shows it at once and the later steps stay closed until a readable file is open.
 *
 * Each read can be stopped by `file:cancel-read` (a 1 GB file the user did not mean): the reader
 * stops at its next chunk, the file is closed, and the call answers `cancelled`.
 */
function withRowCounts(app: AppContext, store: WorkspaceStore): Handlers {
  const files = createFileHandlers(app);
  const reads = new Set<AbortController>();
  type FileOperation = 'file:open' | 'file:reopen' | 'file:choose-sheet';
  function counted<K extends FileOperation>(handler: Handler<K> | undefined): Handler<K> {
    return async (input, context) => {
      if (!handler) throw new OperationFailure('not-implemented', 'Files cannot be opened here.');
      const read = new AbortController();
      reads.add(read);
      const cancelled = (fileId: string | null): OperationOutput<K> => {
        if (fileId !== null) app.files.close(fileId);
        return { kind: 'cancelled' } as OperationOutput<K>;
      };
      try {
        // The three operations answer the same schema (fileOpenOutputSchema).
        const answer = (await handler(input, { ...context, signal: read.signal })) as FileAnswer;
        if (answer.kind !== 'opened') return answer as OperationOutput<K>;
        if (read.signal.aborted) return cancelled(answer.fileId);
        try {
          const workspace = await store.get(answer.fileId);
          if (read.signal.aborted) return cancelled(answer.fileId);
          return { ...answer, rows: workspace.rows.size } as OperationOutput<K>;
        } catch (error) {
          if (read.signal.aborted) return cancelled(answer.fileId);
          if (error instanceof UnreadableRowsFailure)
            return { ...answer, rowsError: error.fileError } as OperationOutput<K>;
          return answer as OperationOutput<K>;
        }
      } finally {
        reads.delete(read);
      }
    };
  }
  return {
    'file:open': counted(files['file:open']),
    'file:reopen': counted(files['file:reopen']),
    'file:choose-sheet': counted(files['file:choose-sheet']),
    'file:head': files['file:head'],
    'file:status': ({ fileId }) => {
      const open = app.files.get(fileId);
      if (!open) return { open: false };
      const rows = store.peek(fileId)?.rows.size;
      return { open: true, info: open.table.info, ...(rows !== undefined && { rows }) };
    },
    'file:cancel-read': () => {
      const cancelled = reads.size;
      for (const read of reads) read.abort();
      return { cancelled };
    },
  };
}

/** Every workspace operation's handler, sharing one store of loaded files and one set of jobs. */
export function createWorkspaceHandlers(app: AppContext): Handlers {
  const store = createWorkspaceStore(app);
  const jobs = new AppJobs(app, store);
  const compare = new AppCompare(app, store);
  return {
    ...withRowCounts(app, store),
    ...createMappingHandlers(app, store),
    ...createReviewHandlers(app, store),
    ...createReviewViewHandlers(app, store, compare),
    ...createImportHandlers(app, store, jobs, compare),
    ...createCompareHandlers(compare, new AppUndo(app, jobs)),
  };
}
