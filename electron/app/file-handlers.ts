/**
 * Handlers for `file:*`: open a file main chose (native dialog, or a ref main issued for an
 * upload, a drop or `--open`), read it again with forced settings, pick a sheet, show its first
 * rows as they are, close it.
 */
import type { AppContext } from './app-services';
import { readHead } from './file-head';
import { OperationFailure, type Handlers } from './handler-registry';

/**
 * The handlers of `file:open`, `file:reopen`, `file:choose-sheet`, `file:head` and `file:close`.
 * A read stops when the call's `signal` (set by the workspace's `file:cancel-read`) aborts.
 */
export function createFileHandlers(app: AppContext): Handlers {
  async function reopen(
    fileId: string,
    options: Parameters<AppContext['files']['reopen']>[1],
    signal: AbortSignal | undefined,
  ) {
    const result = await app.files.reopen(fileId, options, signal);
    if (!result) throw new OperationFailure('not-found', 'That file is no longer open. Open it again.');
    return result;
  }

  return {
    'file:open': async (input, { signal }) => {
      if (input.via === 'dialog') {
        if (!app.deps.dialogs) {
          throw new OperationFailure(
            'not-supported',
            'There is no file dialog here: choose or drop the file in the page.',
          );
        }
        const chosen = await app.deps.dialogs.chooseFile();
        return chosen === null ? { kind: 'cancelled' } : app.files.open(chosen, {}, signal);
      }
      const filePath = app.files.pathOf(input.ref);
      if (filePath === null)
        throw new OperationFailure('not-found', 'That file is not known here. Choose it again.');
      return app.files.open(filePath, input.options ?? {}, signal);
    },
    'file:reopen': ({ fileId, options }, { signal }) => reopen(fileId, options, signal),
    'file:choose-sheet': ({ fileId, sheet }, { signal }) => reopen(fileId, { sheet }, signal),
    'file:head': async ({ fileId }) => {
      const open = app.files.get(fileId);
      if (!open) throw new OperationFailure('not-found', 'That file is no longer open. Open it again.');
      return { rows: await readHead(app.deps.openTable, open) };
    },
    'file:close': ({ fileId }) => ({ closed: app.files.close(fileId) }),
  };
}
