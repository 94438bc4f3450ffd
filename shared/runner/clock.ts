/**
 * Time as the runner sees it, injectable so retry timing can be tested with a fake clock.
 */

/** The part of `AbortSignal` a sleep needs (shared/ has no DOM or Node types to name it). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Reads the time and waits. `sleep` resolves early (never rejects) when `signal` aborts. */
export interface Clock {
  /** Milliseconds since an arbitrary origin; only differences matter. */
  now(): number;
  sleep(ms: number, signal?: AbortSignalLike): Promise<void>;
}
