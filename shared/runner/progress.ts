/**
 * Progress maths for an import: rows per second over a sliding window, and the time left.
 *
 * A sliding window (not the average since the start) so the rate follows the server's current pace
 * after a pause or a burst of 429s. Pure: the caller supplies the clock readings.
 */

/** One observation: `rows` acknowledged at time `atMs`. */
export interface ProgressSample {
  readonly atMs: number;
  readonly rows: number;
}

/** Samples kept inside the window, oldest first. */
export interface ProgressWindow {
  readonly windowMs: number;
  readonly startedAtMs: number;
  readonly samples: readonly ProgressSample[];
}

/** A new window of `windowMs` (default 10 s) starting at `nowMs`. */
export function createProgressWindow(nowMs: number, windowMs = 10_000): ProgressWindow {
  return { windowMs, startedAtMs: nowMs, samples: [] };
}

/** Adds a sample and drops those older than the window. */
export function recordProgress(window: ProgressWindow, atMs: number, rows: number): ProgressWindow {
  const from = atMs - window.windowMs;
  const samples = [...window.samples.filter((s) => s.atMs > from), { atMs, rows }];
  return { ...window, samples };
}

/**
 * Rows per second over the window ending at `nowMs`.
 *
 * The span is the window length, or the time since the start when the run is younger than that
 * (at least 1 s, so the first batch does not report an absurd rate). 0 when nothing was recorded.
 */
export function rowsPerSecond(window: ProgressWindow, nowMs: number): number {
  const from = nowMs - window.windowMs;
  const rows = window.samples.reduce((sum, s) => (s.atMs > from ? sum + s.rows : sum), 0);
  if (rows === 0) return 0;
  const spanMs = Math.max(1_000, Math.min(window.windowMs, nowMs - window.startedAtMs));
  return (rows * 1000) / spanMs;
}

/** Seconds left for `remainingRows` at `rate` rows/s, rounded up; null when unknown (rate 0). */
export function etaSeconds(remainingRows: number, rate: number): number | null {
  if (remainingRows <= 0) return 0;
  if (!(rate > 0)) return null;
  return Math.ceil(remainingRows / rate);
}
