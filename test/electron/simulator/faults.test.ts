import { describe, expect, it } from 'vitest';
import { DEFAULT_FAULTS, drawFate, RateLimiter } from '../../../electron/simulator/faults';
import { seededRandom } from '../../../electron/simulator/prng';

describe('RateLimiter (token bucket, fake clock)', () => {
  it('allows one second of requests at once, then refills at the per-minute rate', () => {
    const limiter = new RateLimiter(600); // 10 a second, burst 10
    const at0 = Array.from({ length: 11 }, () => limiter.take('t', 0));
    expect(at0.filter((d) => d.allowed)).toHaveLength(10);
    expect(at0[10]).toMatchObject({ allowed: false, remaining: 0, limit: 600, retryAfterSeconds: 1 });
    expect(limiter.take('t', 100).allowed).toBe(true); // 0.1 s refills one
    expect(limiter.take('t', 100).allowed).toBe(false);
    expect(limiter.take('other', 100).allowed).toBe(true); // buckets are per token
  });

  it('gives Retry-After in whole seconds, rounded up, for slow limits', () => {
    const limiter = new RateLimiter(6); // one every 10 s
    expect(limiter.take('t', 0).allowed).toBe(true);
    expect(limiter.take('t', 2500)).toMatchObject({ allowed: false, retryAfterSeconds: 8 });
    expect(limiter.take('t', 10_000).allowed).toBe(true);
  });

  it('lets through, over a long run, the configured rate', () => {
    const limiter = new RateLimiter(1200); // 20 a second
    let allowed = 0;
    for (let ms = 0; ms < 60_000; ms += 5) if (limiter.take('t', ms).allowed) allowed++;
    expect(allowed).toBeGreaterThanOrEqual(1200);
    expect(allowed).toBeLessThanOrEqual(1200 + 20);
  });
});

describe('drawFate', () => {
  it('gives the same fates for the same seed and draws four numbers whatever the settings', () => {
    const settings = { ...DEFAULT_FAULTS, faultRate: 0.3, dropConnectionRate: 0.2, lostResponseRate: 0.5 };
    const a = seededRandom(5);
    const b = seededRandom(5);
    const fatesA = Array.from({ length: 50 }, () => drawFate(a, settings));
    const fatesB = Array.from({ length: 50 }, () => drawFate(b, settings));
    expect(fatesA).toEqual(fatesB);
    expect(fatesA.some((f) => f.serverError !== null)).toBe(true);
    const quiet = seededRandom(5);
    drawFate(quiet, DEFAULT_FAULTS);
    const next = seededRandom(5);
    for (let i = 0; i < 4; i++) next();
    expect(quiet()).toBe(next());
  });
});
