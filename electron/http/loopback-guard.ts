/**
 * The Host and Origin check of every loopback server the importer runs (the browser host and the
 * Omneo simulator, standalone or as the app's Sandbox).
 *
 * Listening on 127.0.0.1 is not enough: any web page the user visits can send requests to
 * loopback, and any DNS name can be rebound to 127.0.0.1. So a request must name our address and
 * port in `Host` (else 421: DNS rebinding), and an `Origin`, when a browser sends one, must be our
 * own plain-http origin (else 403: another site's page). API clients (Node's fetch, curl) send no
 * Origin and pass.
 */
import type { IncomingMessage } from 'node:http';

/** Why a request was refused. */
export type Refusal = { readonly status: 403 | 421; readonly message: string };

/**
 * The `host:port` values a request may name: 127.0.0.1, localhost and [::1] on `port`, plus
 * `boundHost` (e.g. 127.0.0.2) when the server listens on another loopback address.
 */
export function allowedHosts(port: number, boundHost?: string): ReadonlySet<string> {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  if (boundHost !== undefined) names.push(boundHost.includes(':') ? `[${boundHost}]` : boundHost);
  return new Set(names.map((name) => `${name.toLowerCase()}:${port}`));
}

/** Checks Host and Origin against `hosts`; null when the request may proceed. */
export function refuseForeignRequest(request: IncomingMessage, hosts: ReadonlySet<string>): Refusal | null {
  if (!hosts.has((request.headers.host ?? '').toLowerCase())) {
    return { status: 421, message: 'This address is not served here.' };
  }
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const lower = origin.toLowerCase();
    if (!lower.startsWith('http://') || !hosts.has(lower.slice('http://'.length))) {
      return { status: 403, message: 'Requests from other sites are refused.' };
    }
  }
  return null;
}
