/**
 * Repeatable Omneo calls made politely: at most `concurrency` at once, spaced to stay within the
 * tenant's requests per minute, each retried through 429 (`Retry-After`), 5xx and dropped
 * connections by the one retry policy of every Omneo call (../omneo/retrying-call.ts), and counted.
 *
 * Used by compare's look-ups and by undo, so both are rate-limited like sending.
 */
import type { Clock } from '../../shared/runner/clock';
import type { ApiOutcome } from '../omneo/api-outcome';
import { callWithRetry } from '../omneo/retrying-call';
import type { RetryPolicy } from '../../shared/runner/retry-policy';
import { systemClock } from '../time/system-clock';

/** How to pace calls. */
export interface PoolOptions {
  /** Calls in flight at once, 1–32 (default 4). */
  readonly concurrency?: number;
  /** Most calls per minute (the token's `throttle` from `GET /users/me`); null = no pacing. */
  readonly requestsPerMinute?: number | null;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  /** Default: the policy of every Omneo call (shared/runner/retry-policy.ts); tests shorten it. */
  readonly retryPolicy?: RetryPolicy;
}

/** A pool of paced, retried calls. `requests` counts every HTTP request made, retries included. */
export interface RequestPool {
  /** Run one call (retried as above); resolves with its last outcome. */
  call<T>(request: (signal?: AbortSignal) => Promise<ApiOutcome<T>>): Promise<ApiOutcome<T>>;
  /** Run `work` over `items`, at most `concurrency` at once; stops starting new ones when aborted. */
  each<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void>;
  readonly requests: number;
}

/** Make a pool. */
export function createRequestPool(options: PoolOptions = {}): RequestPool {
  const clock = options.clock ?? systemClock;
  const concurrency = Math.max(1, Math.min(32, options.concurrency ?? 4));
  const intervalMs = options.requestsPerMinute ? 60_000 / options.requestsPerMinute : 0;
  let nextSlot = 0;
  let requests = 0;
  const paced = async (): Promise<void> => {
    if (intervalMs === 0) return;
    const now = clock.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + intervalMs;
    if (slot > now) await clock.sleep(slot - now, options.signal);
  };
  return {
    get requests() {
      return requests;
    },
    call: (request) =>
      callWithRetry(
        async (signal) => {
          await paced();
          requests += 1;
          return request(signal);
        },
        { signal: options.signal, clock, policy: options.retryPolicy },
      ),
    each: async (items, work) => {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < items.length && !options.signal?.aborted) {
          const item = items[next++] as (typeof items)[number];
          await work(item);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    },
  };
}
