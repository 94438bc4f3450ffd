/**
 * Locks down every web contents the app creates: no new windows (https links open in the user's
 * browser instead), no navigation away from our page, no <webview>, no permissions.
 */
import type { Session, Shell, WebContents } from 'electron';
import { isAppUrl, type RendererLocation } from './trusted-origin';
import { shellContentSecurityPolicy } from './window-options';

/** True for a link we may hand to the OS browser: https only. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Applies the window-open, navigation and webview rules to one web contents. */
export function hardenContents(
  contents: Pick<WebContents, 'setWindowOpenHandler' | 'on'>,
  location: RendererLocation,
  shell: Pick<Shell, 'openExternal'>,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, location)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, location)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Session rules: the CSP header on every response, and every permission request refused. */
export function hardenSession(
  session: Pick<Session, 'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
) {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [shellContentSecurityPolicy],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
