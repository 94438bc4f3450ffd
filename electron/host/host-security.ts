/**
 * The browser host's gatekeeping: only this computer's browser, holding this run's session token,
 * talking to our own origin, may use the app.
 *
 * The host listens on 127.0.0.1, but any web page the user visits can send requests to loopback
 * and any DNS name can be rebound to it, so each request is checked: the `Host` header names our
 * address (DNS rebinding), an `Origin` header, when sent, is ours (cross-site requests), and the
 * session token from the start URL is presented as a cookie or a header.
 */
import { contentSecurityPolicy } from '../../shared/app/content-security-policy';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Cookie that carries the session token after the first page load. */
export const sessionCookieName = 'omneo_session';
/** Header a non-browser client (tests, automation) may use instead of the cookie. */
export const sessionHeaderName = 'x-omneo-session';

/** Content-Security-Policy of every response: the app's one policy. */
export const hostContentSecurityPolicy = contentSecurityPolicy;

/** Headers set on every response. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': hostContentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** Why a request was refused. */
export type Refusal = { readonly status: 403 | 421; readonly message: string };

/** The hosts a request may name: our address and port, as 127.0.0.1 or localhost. */
export function allowedHosts(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** Compares tokens in constant time. */
export function sameToken(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The session token a request presents: header, else `?session=` (the start link), else cookie.
 *
 * The link wins over the cookie: after a restart the browser still holds the last run's cookie
 * (cookies ignore ports, so any earlier host on 127.0.0.1 set it), and the fresh link is what the
 * user was just given.
 */
export function presentedToken(request: IncomingMessage, url: URL): string | null {
  const header = request.headers[sessionHeaderName];
  if (typeof header === 'string') return header;
  const fromLink = url.searchParams.get('session');
  if (fromLink !== null) return fromLink;
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookieName) return value.join('=');
  }
  return null;
}

/**
 * Checks Host, Origin and the session token; null when the request may proceed.
 *
 * 421 for a foreign Host (the request was not meant for us), 403 for a foreign Origin or a
 * missing or wrong token.
 */
export function refuseRequest(
  request: IncomingMessage,
  url: URL,
  port: number,
  token: string,
): Refusal | null {
  const hosts = allowedHosts(port);
  if (!hosts.has((request.headers.host ?? '').toLowerCase())) {
    return { status: 421, message: 'This address is not served here.' };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.has(origin.toLowerCase().replace(/^http:\/\//, ''))) {
    return { status: 403, message: 'Requests from other sites are refused.' };
  }
  if (origin !== undefined && !origin.toLowerCase().startsWith('http://')) {
    return { status: 403, message: 'Requests from other sites are refused.' };
  }
  if (!sameToken(presentedToken(request, url), token)) {
    return {
      status: 403,
      message: 'Open the app with the link printed when it started (it holds the session key).',
    };
  }
  return null;
}

/** Sets the session cookie: HttpOnly, SameSite=Strict, for the whole site. */
export function setSessionCookie(response: ServerResponse, token: string): void {
  response.setHeader('Set-Cookie', `${sessionCookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`);
}
