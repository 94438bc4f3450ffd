/**
 * The page's session with the browser host: a start link's single-use code (in the URL fragment,
 * `#start=<code>`) exchanged once for a session key, kept in this tab's sessionStorage — which no
 * other origin or port can read — and sent as the `X-Omneo-Session` header on every call. No
 * cookie: cookies ignore ports, so other local servers would receive one (see host-sessions.ts).
 */

/** Header the host reads the session key from. */
export const sessionHeader = 'X-Omneo-Session';
const storageKey = 'omneo-session';

function stored(): string | null {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** The start code in the address, removed from it (and from the history) at once. */
function takeStartCode(): string | null {
  const match = /(?:^#|&)start=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (!match?.[1]) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return match[1];
}

/**
 * The session key: exchanged from the start link when the page was opened with one, else the one
 * this tab kept (a reload). Null when there is none; calls then answer "forbidden" with the host's
 * advice. Never throws.
 */
export async function establishSession(base = ''): Promise<string | null> {
  if (typeof location === 'undefined') return null;
  const code = takeStartCode();
  if (code === null) return stored();
  try {
    const response = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'omit',
      body: JSON.stringify({ code }),
    });
    const answer = (await response.json()) as { ok?: boolean; value?: { session?: unknown } };
    const session = answer.ok && typeof answer.value?.session === 'string' ? answer.value.session : null;
    if (session === null) return stored();
    try {
      sessionStorage.setItem(storageKey, session);
    } catch {
      // Storage refused (private mode quotas): the key lives in memory for this page only.
    }
    return session;
  } catch {
    return stored();
  }
}

/** What using a start link in this tab gave. */
export type Pairing = 'paired' | 'other-address' | 'refused' | 'not-a-start-link';

/**
 * Uses a start link the user pasted (or opened in this tab) to pair this tab with a restarted
 * host: the same single-use code exchange as opening the link, so the security model is the one
 * of a fresh start. A link for another address (the host could not get its old port) cannot be
 * used from this page: the caller opens it instead. Never throws.
 */
export async function pairWithStartLink(link: string): Promise<Pairing> {
  let url: URL;
  try {
    url = new URL(link.trim(), location.href);
  } catch {
    return 'not-a-start-link';
  }
  const code = /(?:^#|&)start=([A-Za-z0-9_-]+)/.exec(url.hash)?.[1];
  if (!code) return 'not-a-start-link';
  if (url.origin !== location.origin) return 'other-address';
  try {
    const response = await fetch('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'omit',
      body: JSON.stringify({ code }),
    });
    const answer = (await response.json()) as { ok?: boolean; value?: { session?: unknown } };
    const session = answer.ok && typeof answer.value?.session === 'string' ? answer.value.session : null;
    if (session === null) return 'refused';
    sessionStorage.setItem(storageKey, session);
    return 'paired';
  } catch {
    return 'refused';
  }
}
