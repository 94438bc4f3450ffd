/**
 * One Omneo call that is safe to repeat (the token check, compare's look-ups, undo's reads and its
 * idempotent PUT/DELETE) retried as every Omneo call is: the decision is
 * ../../shared/runner/retry-policy.ts (`decideRetry`), the same one batch sends and batch follows
 * use. 401/403 and anything unexpected end at once; a call that gives up returns its last failure
 * with the policy's sentence as its `message`.
 *
 * So one 503 or a reset connection on the token check does not stop an import before it starts.
 */
import type { Clock } from '../../shared/runner/clock';
import {
  decideRetry,
  isRetryableFailure,
  noFailuresYet,
  omneoRetryPolicy,
  type RetryPolicy,
} from '../../shared/runner/retry-policy';
import { systemClock } from '../time/system-clock';
import type { ApiFailure, ApiOutcome } from './api-outcome';

/** How to retry, and who hears about each retry. */
export interface RetryOptions {
  /** Default: {@link omneoRetryPolicy}, the policy of every Omneo call; tests shorten it. */
  readonly policy?: RetryPolicy;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Ends the waiting early; the last outcome is then returned. */
  readonly signal?: AbortSignal;
  /** Told before each wait: the failure, the retry number (1 = first) and the delay in ms. */
  readonly onRetry?: (failure: ApiFailure, retry: number, delayMs: number) => void;
}

/**
 * Calls `call` until it succeeds, fails for good, or the policy gives up; returns the last outcome
 * (on giving up, with the policy's message). Never throws for a server's answer.
 */
export async function callWithRetry<T>(
  call: (signal?: AbortSignal) => Promise<ApiOutcome<T>>,
  options: RetryOptions = {},
): Promise<ApiOutcome<T>> {
  const clock = options.clock ?? systemClock;
  let tally = noFailuresYet;
  for (;;) {
    const outcome = await call(options.signal);
    if (!isRetryableFailure(outcome)) return outcome;
    const decision = decideRetry(outcome, tally, options.policy ?? omneoRetryPolicy, options.random);
    if (decision.kind === 'give-up') return { ...outcome, message: decision.message };
    tally = decision.tally;
    if (options.signal?.aborted) return outcome;
    options.onRetry?.(outcome, decision.retry, decision.delayMs);
    await clock.sleep(decision.delayMs, options.signal);
    if (options.signal?.aborted) return outcome;
  }
}
