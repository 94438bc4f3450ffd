/**
 * The one retry decision for every Omneo call — sending a batch, following it, the token check,
 * compare's look-ups and undo's reads and writes: what is retried, how long it waits, when it
 * gives up, and what the user is told then.
 *
 * - Retried: 429 (rate limited), 5xx and 408, a dropped connection, no answer in time.
 * - Not retried: 401/403 (the caller pauses or stops for new credentials), 422 and other 4xx, a
 *   cancel. Those reach the caller at once.
 * - 429 waits the server's `Retry-After` (capped at 5 minutes, {@link rateLimitDelayMs}) or backs
 *   off; at most {@link RetryPolicy.maxRateLimited} answers of 429 per call.
 * - Other failures back off with full jitter (0.5 s doubling to 30 s), at most
 *   `backoff.maxRetries` retries per call.
 * - A call counts its own failures; a success ends the count (a batch's follow is a new call).
 *
 * Pure: the random source is injected, so the decision is tested without a clock or a network
 * (shape after Signal's `exponentialBackoff.std.ts`).
 */
import { backoffDelayMs, defaultSendBackoff, rateLimitDelayMs, type BackoffPolicy } from './backoff';

/** How long every Omneo call keeps trying. */
export interface RetryPolicy {
  /** Spacing of retries after 5xx, timeouts and dropped connections, and how many are allowed. */
  readonly backoff: BackoffPolicy;
  /** Most 429 answers one call may get before it gives up. */
  readonly maxRateLimited: number;
}

/**
 * The policy of every Omneo call: 6 retries of a failure (about a minute of back-off at most) and
 * 100 answers of 429 (each waited out, so a rate-limited tenant is waited for, not failed).
 */
export const omneoRetryPolicy: RetryPolicy = { backoff: defaultSendBackoff, maxRateLimited: 100 };

/** A failure the policy retries, as the API client reports it. */
export type RetryableFailure =
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number | null }
  | { readonly kind: 'server-error' | 'network-error' | 'timeout'; readonly message: string };

/** What one call has met so far. Start from {@link noFailuresYet}. */
export interface RetryTally {
  /** 5xx, timeouts and dropped connections. */
  readonly failures: number;
  /** 429 answers. */
  readonly rateLimited: number;
}

/** The tally of a call that has not failed yet. */
export const noFailuresYet: RetryTally = { failures: 0, rateLimited: 0 };

/** Try again after `delayMs`, or give up with `message` (the sentence the user reads). */
export type RetryDecision =
  | {
      readonly kind: 'retry';
      readonly delayMs: number;
      /** 1 for the first retry of this call. */
      readonly retry: number;
      readonly tally: RetryTally;
    }
  | { readonly kind: 'give-up'; readonly message: string; readonly tally: RetryTally };

/** Whether an API outcome is one the policy retries (the others reach the caller at once). */
export function isRetryableFailure(outcome: { readonly kind: string }): outcome is RetryableFailure {
  return ['rate-limited', 'server-error', 'network-error', 'timeout'].includes(outcome.kind);
}

/**
 * Decides what follows `failure`, given what the call met before it (`tally`, without this one).
 * `random` returns a number in [0, 1) like `Math.random`.
 */
export function decideRetry(
  failure: RetryableFailure,
  tally: RetryTally,
  policy: RetryPolicy = omneoRetryPolicy,
  random: () => number = Math.random,
): RetryDecision {
  if (failure.kind === 'rate-limited') {
    const next = { ...tally, rateLimited: tally.rateLimited + 1 };
    if (next.rateLimited > policy.maxRateLimited) {
      return {
        kind: 'give-up',
        tally: next,
        message: `Omneo kept answering 429 Too Many Requests (${next.rateLimited} times); gave up.`,
      };
    }
    const delayMs = rateLimitDelayMs(failure.retryAfterMs, next.rateLimited, policy.backoff, random);
    return { kind: 'retry', delayMs, retry: next.failures + next.rateLimited, tally: next };
  }
  const next = { ...tally, failures: tally.failures + 1 };
  if (next.failures > policy.backoff.maxRetries) {
    return {
      kind: 'give-up',
      tally: next,
      message: `Gave up after ${next.failures} failed tries: ${failure.message}`,
    };
  }
  const delayMs = backoffDelayMs(next.failures, policy.backoff, random);
  return { kind: 'retry', delayMs, retry: next.failures + next.rateLimited, tally: next };
}
