/**
 * Native open and save dialogs, and the report sink that saves exports through the save dialog.
 */
import type { BrowserWindow, Dialog } from 'electron';
import path from 'node:path';
import { writePrivateFile } from '../files/private-files';
import type { Dialogs, ReportSink } from '../app/app-services';

/** Dialogs attached to the window the user is looking at. */
export function nativeDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  window: () => BrowserWindow | null,
): Dialogs {
  return {
    async chooseFile() {
      const options = {
        title: 'Open a customer file',
        properties: ['openFile'] as 'openFile'[],
        filters: [
          { name: 'Spreadsheets', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'xls'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const owner = window();
      const result = owner
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSaveFile(suggestedName) {
      const options = {
        title: 'Save report',
        defaultPath: suggestedName,
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      };
      const owner = window();
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

/** Saves a report where the user picks (UTF-8, as written by the report builder; file 0600). */
export function saveReportWithDialog(dialogs: Dialogs): ReportSink {
  return async (name, content, rows) => {
    const target = await dialogs.chooseSaveFile(name);
    if (target === null) return { kind: 'cancelled' };
    await writePrivateFile(target, content, { userFolder: true });
    return { kind: 'saved', name: path.basename(target), rows };
  };
}
