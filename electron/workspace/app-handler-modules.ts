/**
 * The handler modules of the app, composed once for the Electron shell and the browser host.
 *
 * Kept here, above every module it names (connections and files in app/, the workspace here), so
 * app-services.ts stays below the workspace it serves (eslint-rules/electron-layers.js).
 */
import { createConnectionHandlers } from '../app/connection-handlers';
import type { HandlerModule } from '../app/app-services';
import { createFileHandlers } from '../app/file-handlers';
import { createWorkspaceHandlers } from './workspace-handlers';

/** Connections, files and the workspace (mapping, check, rows, import, jobs, reports). */
export const appHandlerModules: readonly HandlerModule[] = [
  createConnectionHandlers,
  createFileHandlers,
  createWorkspaceHandlers,
];
