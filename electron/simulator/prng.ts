/**
 * A small seeded pseudo-random number generator for the simulator's faults.
 *
 * Faults must be reproducible: the same seed and the same order of requests give the same
 * 429s, 5xx answers and dropped sockets, so a failing test can be re-run exactly. This is
 * mulberry32 (public domain, Tommy Ettinger), 32-bit state, period 2^32 — plenty for tests.
 */

/** A source of numbers in [0, 1), advanced one step per call. */
export type Random = () => number;

/**
 * Make a generator from a seed.
 *
 * Any finite number works as a seed; it is truncated to 32 bits. The sequence depends only on
 * the seed.
 */
export function seededRandom(seed: number): Random {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
