/**
 * Retry timing of Omneo calls and batch polling: exponential back-off with full jitter (what is
 * retried and when a call gives up is decided once, in ./retry-policy.ts).
 *
 * A pure function of the attempt number and an injected random source, so it can be tested with a
 * fake clock and stays deterministic under a seed ("full jitter" — AWS Architecture Blog,
 * "Exponential Backoff And Jitter"; the same shape as Signal's `exponentialBackoff.std.ts`).
 */

/** How retries are spaced and how many are allowed. Times in milliseconds. */
export interface BackoffPolicy {
  /** Delay ceiling for the first retry (attempt 1), before jitter. */
  readonly baseMs: number;
  /** No single delay ever exceeds this. */
  readonly capMs: number;
  /** Retries allowed after the first try; the batch is failed once they are used up. */
  readonly maxRetries: number;
}

/** Back-off after a failed Omneo call (any call: see retry-policy.ts): 0.5 s, 1 s, 2 s … capped at 30 s, 6 retries. */
export const defaultSendBackoff: BackoffPolicy = { baseMs: 500, capMs: 30_000, maxRetries: 6 };

/** Defaults for following a batch to its outcome: polls start fast and settle at 5 s apart. */
export const defaultPollBackoff: BackoffPolicy = { baseMs: 250, capMs: 5_000, maxRetries: 200 };

/**
 * The delay before retry number `attempt` (1 = first retry), in milliseconds.
 *
 * Full jitter: uniformly random in [0, min(cap, base × 2^(attempt−1))]. `random` returns a number in
 * [0, 1) like `Math.random`. Throws RangeError for an attempt below 1.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be ≥ 1, got ${attempt}`);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt - 1, 52));
  return Math.floor(random() * ceiling);
}

/**
 * The longest wait honoured from a `Retry-After` header: 5 minutes, in milliseconds.
 *
 * A server asking for longer (or a hostile one sending `Retry-After: 3000000`, which also overflows
 * Node's 32-bit timers into a 1 ms busy loop) gets this wait instead, and the user is told
 * ({@link cappedWaitNotice}); the batch is tried again after it as usual.
 */
export const maxRetryAfterMs = 5 * 60_000;

/**
 * The delay before the next try after a rate-limited answer (429), in milliseconds.
 *
 * The server's `Retry-After` wins when given (it knows when its window reopens), capped at
 * {@link maxRetryAfterMs}, plus a little jitter (up to 10%, at most 1 s) so parallel senders don't
 * return in lock-step; without it, back off as for any retryable failure. Omneo's rate limits are
 * undocumented; Laravel sends `Retry-After` in seconds (see ../shared/omneo-api.md).
 */
export function rateLimitDelayMs(
  retryAfterMs: number | null,
  attempt: number,
  policy: BackoffPolicy,
  random: () => number,
): number {
  if (retryAfterMs === null) return backoffDelayMs(attempt, policy, random);
  const wait = Math.min(Math.max(0, retryAfterMs), maxRetryAfterMs);
  return wait + Math.floor(random() * Math.min(1_000, wait * 0.1));
}

/**
 * What to tell the user about a rate-limit wait of `delayMs` (as {@link rateLimitDelayMs} gave
 * it): a sentence when the server asked for longer than {@link maxRetryAfterMs} and the importer
 * waits the cap instead, else null. Back-off delays never reach the cap, so the delay alone says it.
 */
export function cappedWaitNotice(delayMs: number): string | null {
  if (delayMs < maxRetryAfterMs) return null;
  return (
    `Omneo asked to wait longer than ${describeWait(maxRetryAfterMs)}; the importer waits ` +
    `${describeWait(maxRetryAfterMs)} (its limit) and then tries again.`
  );
}

function describeWait(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

/**
 * Reads an HTTP `Retry-After` header into milliseconds from now.
 *
 * Accepts delta-seconds (`"30"`, `"1.5"`) or an HTTP-date (RFC 9110 §10.2.3). A date is read
 * against the server's own clock — its `Date` header (`serverDate`) when readable, else `nowMs` —
 * so a skewed local clock neither stalls nor hurries the retry; a date in the past gives 0.
 * Returns null when absent or unreadable, so the caller falls back to back-off. The value is not
 * capped here; {@link rateLimitDelayMs} caps the wait.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
  serverDate?: string | null,
): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  const serverNow = serverDate ? Date.parse(serverDate) : Number.NaN;
  return Math.max(0, at - (Number.isNaN(serverNow) ? nowMs : serverNow));
}
