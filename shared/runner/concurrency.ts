/**
 * Adaptive concurrency for batch sends: additive increase, multiplicative decrease (AIMD).
 *
 * When the server pushes back (429) the number of batches in flight halves; after a run of
 * successes as long as the current limit (about one round of requests) it grows by one, never past
 * the configured maximum nor below one. The same rule TCP congestion control uses (RFC 5681), so
 * the runner settles just under the server's allowed rate instead of hammering it.
 */

/** The current limit and how many successes have been seen since it last changed. */
export interface ConcurrencyState {
  readonly limit: number;
  readonly max: number;
  readonly successStreak: number;
}

/** Starts at the configured maximum (clamped to at least 1). */
export function initialConcurrency(max: number): ConcurrencyState {
  const top = Math.max(1, Math.floor(max));
  return { limit: top, max: top, successStreak: 0 };
}

/** A 429 answer: halve the limit (rounding down, at least 1) and start counting successes again. */
export function onRateLimited(state: ConcurrencyState): ConcurrencyState {
  return { ...state, limit: Math.max(1, Math.floor(state.limit / 2)), successStreak: 0 };
}

/** A successful request: after `limit` successes in a row, raise the limit by one (up to max). */
export function onRequestSucceeded(state: ConcurrencyState): ConcurrencyState {
  const streak = state.successStreak + 1;
  if (state.limit >= state.max) return { ...state, successStreak: 0 };
  if (streak >= state.limit) return { ...state, limit: state.limit + 1, successStreak: 0 };
  return { ...state, successStreak: streak };
}
