/**
 * Checks an Omneo base URL before any token is sent to it.
 *
 * Omneo tenants live at `https://api.{tenant}.getomneo.com/api/v3` (older ones at
 * `{tenant}.omneoapp.io`) — omneo-api.md "Connection" — so the URL is a free field, but a token may
 * only travel over https; plain http is allowed for loopback addresses (the simulator, local proxies).
 */

/** The outcome of {@link checkBaseUrl}: the normalised URL, or why it can't be used. */
export type BaseUrlCheck =
  | {
      readonly ok: true;
      readonly url: string;
      /** Scheme, host and port (`https://api.x.getomneo.com`): where a token may be sent. */
      readonly origin: string;
      readonly loopback: boolean;
    }
  | { readonly ok: false; readonly reason: 'invalid' | 'not-https'; readonly message: string };

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for `localhost`, `127.x.x.x` and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  return loopbackHosts.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Parses and checks a base URL: https anywhere, http only on loopback; no credentials, query or hash.
 *
 * Returns the URL without a trailing slash, so paths can be appended (`${url}/auth/verify`).
 */
export function checkBaseUrl(input: string): BaseUrlCheck {
  // Parsed by hand: shared/ is pure and has no WHATWG URL type. Scheme, authority, path only.
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]*)([^?#\s]*)([?#].*)?$/i.exec(input.trim());
  if (!match) {
    return { ok: false, reason: 'invalid', message: `"${input}" is not a URL (expected https://…).` };
  }
  const [, scheme = '', authority = '', path = '', rest] = match;
  if (authority.includes('@') || rest) {
    return {
      ok: false,
      reason: 'invalid',
      message: 'The base URL must not contain a user name, password, query or #fragment.',
    };
  }
  const host = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(authority);
  const hostname = host?.[1]?.toLowerCase() ?? '';
  const port = host?.[2];
  if (!host || hostname === '' || (port !== undefined && Number(port) > 65535)) {
    return { ok: false, reason: 'invalid', message: `"${input}" has no valid host name.` };
  }
  const protocol = scheme.toLowerCase();
  const loopback = isLoopbackHost(hostname);
  if (protocol !== 'https' && !(protocol === 'http' && loopback)) {
    return {
      ok: false,
      reason: 'not-https',
      message:
        protocol === 'http'
          ? 'Use https:// — plain http is allowed only for this computer (127.0.0.1/localhost).'
          : `Use https:// — ${protocol}:// cannot reach Omneo.`,
    };
  }
  const origin = `${protocol}://${hostname}${port === undefined ? '' : `:${port}`}`;
  return { ok: true, url: origin + path.replace(/\/+$/, ''), origin, loopback };
}

/** The origin (scheme, host, port) of a base URL, or null when {@link checkBaseUrl} refuses it. */
export function baseUrlOrigin(input: string): string | null {
  const checked = checkBaseUrl(input);
  return checked.ok ? checked.origin : null;
}
