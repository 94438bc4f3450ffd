/**
 * `fetch` for API calls that follows a redirect only within the base URL's origin.
 *
 * Built-in fetch follows redirects anywhere, so a `307` from the base URL to a plain `http://` host
 * re-posted a batch (customer data) in clear, and a redirect to another host would carry the
 * request body there. Here redirects are followed by hand: to the same origin (scheme, host and
 * port) only, at most {@link maxRedirects} times; anything else ends the call with
 * {@link RedirectRefusedError}. The `Authorization` header therefore never leaves the origin either.
 */

/** Most redirects followed for one call. */
export const maxRedirects = 5;

/** A redirect the client will not follow; its message names the target's origin, never a path. */
export class RedirectRefusedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RedirectRefusedError';
  }
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * Sends `init` to `url`, following same-origin redirects (307/308 keep the method and body;
 * 301/302/303 are followed only for GET, since turning a POST into a GET would drop the batch).
 * Answers the final response; throws {@link RedirectRefusedError} for a redirect to another
 * origin, to plain http from https, without a usable `Location`, or one too many; rethrows
 * fetch's own errors.
 */
export async function fetchWithinOrigin(url: string, init: RequestInit): Promise<Response> {
  const origin = new URL(url).origin;
  let current = url;
  for (let hop = 0; ; hop += 1) {
    const response = await fetch(current, { ...init, redirect: 'manual' });
    if (!redirectStatuses.has(response.status)) return response;
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    let target: URL;
    try {
      if (location === null) throw new Error('no Location');
      target = new URL(location, current);
    } catch {
      throw new RedirectRefusedError(
        response.status,
        `the server answered a redirect (HTTP ${response.status}) with no usable Location`,
      );
    }
    if (target.origin !== origin) {
      const clear = target.protocol === 'http:' && !origin.startsWith('http:') ? ', over plain http' : '';
      throw new RedirectRefusedError(
        response.status,
        `the server redirected (HTTP ${response.status}) to ${target.origin}${clear}; API calls are ` +
          `never followed to another address, so nothing was sent there. Check the base URL.`,
      );
    }
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && response.status !== 307 && response.status !== 308) {
      throw new RedirectRefusedError(
        response.status,
        `the server redirected a ${method} (HTTP ${response.status}) in a way that would drop its body. Check the base URL.`,
      );
    }
    if (hop >= maxRedirects) {
      throw new RedirectRefusedError(
        response.status,
        `the server redirected more than ${maxRedirects} times`,
      );
    }
    current = target.href;
  }
}
