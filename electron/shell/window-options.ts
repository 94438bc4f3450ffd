/**
 * The main window's options and the page's Content-Security-Policy: the secure settings, in one
 * place, so a test can hold them to account.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { contentSecurityPolicy } from '../../shared/app/content-security-policy';

/** CSP for every page the shell loads (sent as a response header and repeated in index.html). */
export const shellContentSecurityPolicy = contentSecurityPolicy;

/**
 * Options of the main window: isolated, sandboxed renderer without Node, web security on, only
 * our bundled preload; shown once ready so no blank window flashes.
 */
export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Omneo Profile Importer',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  };
}
