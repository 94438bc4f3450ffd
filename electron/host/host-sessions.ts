/**
 * The browser host's keys: single-use start codes and the session keys they are exchanged for.
 *
 * A start link (`http://127.0.0.1:P/#start=<code>`) carries a code that works once, within
 * {@link startCodeLifetimeMs}; the page exchanges it (`POST /api/session`) for a session key that
 * it keeps in its own tab (sessionStorage, which other origins and ports cannot read) and sends as
 * the `X-Omneo-Session` header. No cookie is set: cookies ignore ports, so every local server saw
 * the old session cookie. The code is in the URL's fragment, which browsers never send to a server
 * nor put in a Referer. Keys are kept only as SHA-256 digests, compared by lookup.
 */
import { createHash, randomBytes } from 'node:crypto';

/** How long a start link works, in milliseconds (2 minutes; ask the host for a new one after). */
export const startCodeLifetimeMs = 2 * 60_000;

/** Issues start codes and session keys, and checks them. */
export interface HostSessions {
  /** A new single-use start code; `onUsed` runs when it is exchanged or expires (to delete a launcher file). */
  issueStartCode(onUsed?: () => void): string;
  /** Exchanges a start code for a new session key; null when the code is unknown, used or expired. */
  exchange(code: string): string | null;
  /** True for a key {@link exchange} gave. */
  isSession(key: string | null): boolean;
  /** Forgets every code (running their `onUsed`). */
  close(): void;
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');
const newKey = (): string => randomBytes(32).toString('base64url');

/** Creates the key store of one host run; `now` is injectable for tests (ms since the epoch). */
export function createHostSessions(now: () => number = Date.now): HostSessions {
  const codes = new Map<string, { expiresAt: number; onUsed?: () => void; timer: NodeJS.Timeout }>();
  const sessions = new Set<string>();

  function retire(hash: string): boolean {
    const entry = codes.get(hash);
    if (!entry) return false;
    codes.delete(hash);
    clearTimeout(entry.timer);
    entry.onUsed?.();
    return true;
  }

  return {
    issueStartCode(onUsed) {
      const code = newKey();
      const hash = digest(code);
      const timer = setTimeout(() => retire(hash), startCodeLifetimeMs);
      timer.unref();
      codes.set(hash, { expiresAt: now() + startCodeLifetimeMs, onUsed, timer });
      return code;
    },
    exchange(code) {
      const hash = digest(code);
      const entry = codes.get(hash);
      if (!entry) return null;
      const fresh = now() < entry.expiresAt;
      retire(hash);
      if (!fresh) return null;
      const key = newKey();
      sessions.add(digest(key));
      return key;
    },
    isSession: (key) => key !== null && sessions.has(digest(key)),
    close() {
      for (const hash of [...codes.keys()]) retire(hash);
      sessions.clear();
    },
  };
}
