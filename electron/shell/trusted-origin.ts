/**
 * Which pages are the app's own: the built renderer's `index.html` over file://, or the vite dev
 * server in development. IPC handlers and navigation checks ask this before anything else.
 */

/** Where the renderer is loaded from. */
export interface RendererLocation {
  /** file:// URL of dist/renderer/index.html. */
  readonly indexUrl: string;
  /** The dev server's URL, only when developing (never in a packaged app). */
  readonly devServerUrl: string | null;
}

/** True when `url` is our index page (any hash or query) or a page of the dev server. */
export function isAppUrl(url: string, location: RendererLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    const index = new URL(location.indexUrl);
    return parsed.pathname === index.pathname && parsed.host === index.host;
  }
  if (location.devServerUrl !== null) {
    return parsed.origin === new URL(location.devServerUrl).origin;
  }
  return false;
}

/** The part of Electron's `WebFrameMain` the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** True when an IPC message comes from the top frame of one of our pages. */
export function isTrustedSender(frame: SenderFrame | null | undefined, location: RendererLocation): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url, location);
}
