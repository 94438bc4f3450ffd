/**
 * Time as the runner sees it, injectable so retry timing can be tested with a fake clock.
 */

/** Reads the time and waits. `sleep` resolves early (never rejects) when `signal` aborts. */
export interface Clock {
  /** Milliseconds since an arbitrary origin; only differences matter. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
