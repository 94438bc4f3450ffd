/**
 * The real clock: `performance.now()` and timers. Tests pass a fake {@link Clock} instead.
 */
import type { Clock } from '../../shared/runner/clock';

/** Wall-clock time and `setTimeout`; `sleep` resolves early when its signal aborts. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};
