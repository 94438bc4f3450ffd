/**
 * The Electron main process: a thin shell over the app services. It creates the one window with
 * secure options, registers the contract's handlers, forwards events, and offers native menus,
 * dialogs and drag-and-drop. Everything else lives in electron/app (shared with the browser host).
 *
 * Bundled to dist/electron/main.cjs (package.json "main"); the preload to dist/electron/preload.cjs;
 * the renderer is dist/renderer/index.html. Set OMNEO_DEV_SERVER_URL to load a vite dev server
 * instead (ignored in a packaged app).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppServices, type AppServices } from '../app/app-services';
import { openTable } from '../files/open-table';
import { appHandlerModules } from '../workspace/app-handler-modules';
import { startSimulator } from '../simulator/simulator';
import { appMenuTemplate } from './app-menu';
import { hardenContents, hardenSession } from './harden-contents';
import { notifyFinishedImports } from './finish-notice';
import { eventChannel } from './ipc-channels';
import { forwardEvents, registerContractHandlers } from './ipc-handlers';
import { nativeDialogs, saveReportWithDialog } from './native-dialogs';
import { safeStorageEncryptor } from './safe-storage-encryptor';
import type { RendererLocation } from './trusted-origin';
import { mainWindowOptions } from './window-options';

const rendererIndex = path.join(__dirname, '..', 'renderer', 'index.html');
const location: RendererLocation = {
  indexUrl: pathToFileURL(rendererIndex).href,
  devServerUrl: !app.isPackaged ? (process.env.OMNEO_DEV_SERVER_URL ?? null) : null,
};

let mainWindow: BrowserWindow | null = null;
let services: AppServices | null = null;

function createWindow(appServices: AppServices): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs')));
  const stopEvents = forwardEvents(appServices, window.webContents);
  window.on('closed', () => {
    stopEvents();
    if (mainWindow === window) mainWindow = null;
  });
  window.once('ready-to-show', () => window.show());
  if (location.devServerUrl) void window.loadURL(location.devServerUrl);
  else void window.loadFile(rendererIndex);
  return window;
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, location, shell));

  const dialogs = nativeDialogs(dialog, () => mainWindow);
  const appServices = await createAppServices(
    {
      dataDir: app.getPath('userData'),
      encryptor: safeStorageEncryptor(safeStorage, process.platform),
      runtime: 'electron',
      productName: 'Omneo Profile Importer',
      version: app.getVersion(),
      platform: process.platform,
      dialogs,
      saveReport: saveReportWithDialog(dialogs),
      startSimulator,
      openTable,
      log: (line) => process.stderr.write(`[main] ${line}\n`),
    },
    appHandlerModules,
  );
  services = appServices;
  registerContractHandlers(ipcMain, appServices, location);

  const sendMenuCommand = (command: 'open-file' | 'about'): void =>
    mainWindow?.webContents.send(eventChannel('menu:command'), { command });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(process.platform, {
        openFile: () => sendMenuCommand('open-file'),
        about: () => app.showAboutPanel(),
      }),
    ),
  );

  const fileArgument = process.argv.slice(app.isPackaged ? 1 : 2).find((arg) => !arg.startsWith('-'));
  if (fileArgument) await appServices.setStartupFile(path.resolve(fileArgument)).catch(() => null);

  mainWindow = createWindow(appServices);
  notifyFinishedImports(appServices, () => mainWindow);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(appServices);
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void services?.close();
  });
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox(
      'Omneo Profile Importer could not start',
      error instanceof Error ? error.message : String(error),
    );
    app.quit();
  });
}
