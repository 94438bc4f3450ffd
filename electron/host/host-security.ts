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
import { refuseForeignRequest, type Refusal } from '../http/loopback-guard';

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

/** The session key a request presents in the {@link sessionHeaderName} header, or null. */
export function presentedSession(request: IncomingMessage): string | null {
  const header = request.headers[sessionHeaderName];
  return typeof header === 'string' ? header : null;
}

/**
 * Checks Host and Origin; null when the request may proceed (see loopback-guard.ts). Every request
 * passes this, with or without a session. The host answers on 127.0.0.1 and localhost only.
 */
export function refuseRequest(request: IncomingMessage, port: number): Refusal | null {
  return refuseForeignRequest(request, hostNames(port));
}

function hostNames(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** The refusal of an API request without a valid session key. */
export const noSession: Refusal = {
  status: 403,
  message: 'Open the app with a start link from the terminal it runs in (press Enter there for a new one).',
};
