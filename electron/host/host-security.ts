/**
 * The browser host's gatekeeping: only this computer's browser, holding a session key of this
 * run, talking to our own origin, may use the app.
 *
 * The host listens on 127.0.0.1, but any web page the user visits can send requests to loopback
 * and any DNS name can be rebound to it, so each request is checked: the `Host` header names our
 * address (DNS rebinding), an `Origin` header, when sent, is ours (cross-site requests), and every
 * API call presents a session key in the `X-Omneo-Session` header (see host-sessions.ts). The key
 * is never a cookie: cookies ignore ports, so any other local server would receive it, and a
 * custom header cannot be sent cross-origin without a CORS preflight, which the host never grants.
 */
import { contentSecurityPolicy } from '../../shared/app/content-security-policy';
import type { IncomingMessage } from 'node:http';

/** Header every API call carries its session key in. */
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

/** The session key a request presents in the {@link sessionHeaderName} header, or null. */
export function presentedSession(request: IncomingMessage): string | null {
  const header = request.headers[sessionHeaderName];
  return typeof header === 'string' ? header : null;
}

/**
 * Checks Host and Origin; null when the request may proceed.
 *
 * 421 for a foreign Host (the request was not meant for us: DNS rebinding), 403 for a foreign or
 * https Origin (another site's page). Every request passes this, with or without a session.
 */
export function refuseRequest(request: IncomingMessage, port: number): Refusal | null {
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
  return null;
}

/** The refusal of an API request without a valid session key. */
export const noSession: Refusal = {
  status: 403,
  message: 'Open the app with a start link from the terminal it runs in (press Enter there for a new one).',
};
