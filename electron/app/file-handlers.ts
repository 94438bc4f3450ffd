/**
 * Handlers for `file:*`: open a file main chose (native dialog, or a ref main issued for an
 * upload, a drop or `--open`), read it again with forced settings, pick a sheet, close it.
 */
import type { AppContext } from './app-services';
import { OperationFailure, type Handlers } from './handler-registry';

/** The handlers of `file:open`, `file:reopen`, `file:choose-sheet` and `file:close`. */
export function createFileHandlers(app: AppContext): Handlers {
  async function reopen(fileId: string, options: Parameters<AppContext['files']['reopen']>[1]) {
    const result = await app.files.reopen(fileId, options);
    if (!result) throw new OperationFailure('not-found', 'That file is no longer open. Open it again.');
    return result;
  }

  return {
    'file:open': async (input) => {
      if (input.via === 'dialog') {
        if (!app.deps.dialogs) {
          throw new OperationFailure(
            'not-supported',
            'There is no file dialog here: choose or drop the file in the page.',
          );
        }
        const chosen = await app.deps.dialogs.chooseFile();
        return chosen === null ? { kind: 'cancelled' } : app.files.open(chosen);
      }
      const filePath = app.files.pathOf(input.ref);
      if (filePath === null)
        throw new OperationFailure('not-found', 'That file is not known here. Choose it again.');
      return app.files.open(filePath, input.options ?? {});
    },
    'file:reopen': ({ fileId, options }) => reopen(fileId, options),
    'file:choose-sheet': ({ fileId, sheet }) => reopen(fileId, { sheet }),
    'file:close': ({ fileId }) => ({ closed: app.files.close(fileId) }),
  };
}
