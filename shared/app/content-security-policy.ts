/**
 * The Content-Security-Policy of every page of the app, in Electron and in the browser host alike.
 *
 * Our own scripts, styles and connections only; no plugins, no framing, no form posts. One
 * definition, so the desktop shell and the browser host cannot drift apart.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
