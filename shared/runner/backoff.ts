/**
 * Retry timing for batch sends and batch polling: exponential back-off with full jitter.
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

/** Defaults for sending a batch: 0.5 s, 1 s, 2 s … capped at 30 s, 6 retries. */
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
 * The delay before the next try after a rate-limited answer (429), in milliseconds.
 *
 * The server's `Retry-After` wins when given (it knows when its window reopens), plus a little jitter
 * (up to 10%, at most 1 s) so parallel senders don't return in lock-step; without it, back off as for
 * any retryable failure. Omneo's rate limits are undocumented; Laravel sends `Retry-After` in
 * seconds (see ../shared/omneo-api.md).
 */
export function rateLimitDelayMs(
  retryAfterMs: number | null,
  attempt: number,
  policy: BackoffPolicy,
  random: () => number,
): number {
  if (retryAfterMs === null) return backoffDelayMs(attempt, policy, random);
  return retryAfterMs + Math.floor(random() * Math.min(1_000, retryAfterMs * 0.1));
}

/**
 * Reads an HTTP `Retry-After` header into milliseconds from `nowMs`.
 *
 * Accepts delta-seconds (`"30"`, `"1.5"`) or an HTTP-date (RFC 9110 §10.2.3); a date in the past
 * gives 0. Returns null when absent or unreadable, so the caller falls back to back-off.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}
