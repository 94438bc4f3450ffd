/**
 * One idempotent Omneo call (a GET such as `/auth/verify`) retried through transient failures with
 * the same policy as batch sends: 429 waits `Retry-After` (else back-off), 5xx/408, timeouts and
 * dropped connections back off with full jitter; 401/403 and anything unexpected end at once.
 *
 * So one 503 or a reset connection on the token check does not stop an import before it starts.
 */
import {
  backoffDelayMs,
  defaultSendBackoff,
  rateLimitDelayMs,
  type BackoffPolicy,
} from '../../shared/runner/backoff';
import type { Clock } from '../../shared/runner/clock';
import { systemClock } from '../time/system-clock';
import type { ApiFailure, ApiOutcome } from './api-outcome';

/** How to retry, and who hears about each retry. */
export interface RetryOptions {
  /** Default: the batch send policy (0.5 s doubling to 30 s, 6 retries). */
  readonly policy?: BackoffPolicy;
  /** Most 429 answers before giving up (default 20). */
  readonly maxRateLimited?: number;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Ends the waiting early; the last outcome is then returned. */
  readonly signal?: AbortSignal;
  /** Told before each wait: the failure, the retry number (1 = first) and the delay in ms. */
  readonly onRetry?: (failure: ApiFailure, retry: number, delayMs: number) => void;
}

/**
 * Calls `call` until it succeeds, fails for good, or the retries run out; returns the last outcome.
 *
 * Only for calls that are safe to repeat (GETs). Never throws for a server's answer.
 */
export async function callWithRetry<T>(
  call: (signal?: AbortSignal) => Promise<ApiOutcome<T>>,
  options: RetryOptions = {},
): Promise<ApiOutcome<T>> {
  const policy = options.policy ?? defaultSendBackoff;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  let failures = 0;
  let rateLimited = 0;
  for (;;) {
    const outcome = await call(options.signal);
    let delayMs: number;
    switch (outcome.kind) {
      case 'rate-limited':
        rateLimited += 1;
        if (rateLimited > (options.maxRateLimited ?? 20)) return outcome;
        delayMs = rateLimitDelayMs(outcome.retryAfterMs, rateLimited, policy, random);
        break;
      case 'server-error':
      case 'network-error':
      case 'timeout':
        failures += 1;
        if (failures > policy.maxRetries) return outcome;
        delayMs = backoffDelayMs(failures, policy, random);
        break;
      default:
        return outcome;
    }
    if (options.signal?.aborted) return outcome;
    options.onRetry?.(outcome, failures + rateLimited, delayMs);
    await clock.sleep(delayMs, options.signal);
    if (options.signal?.aborted) return outcome;
  }
}
