import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  maxRetryAfterMs,
  parseRetryAfter,
  rateLimitDelayMs,
  cappedWaitNotice,
  defaultSendBackoff,
  type BackoffPolicy,
} from '../../../shared/runner/backoff';

const policy: BackoffPolicy = { baseMs: 500, capMs: 8_000, maxRetries: 6 };

describe('backoffDelayMs (full jitter)', () => {
  it.each([
    [1, 500],
    [2, 1_000],
    [3, 2_000],
    [4, 4_000],
    [5, 8_000],
    [6, 8_000],
    [60, 8_000],
  ])('attempt %i is at most %i ms', (attempt, ceiling) => {
    expect(backoffDelayMs(attempt, policy, () => 0.999999)).toBe(Math.floor(0.999999 * ceiling));
    expect(backoffDelayMs(attempt, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(attempt, policy, () => 0.5)).toBe(ceiling / 2);
  });

  it('rejects attempts below 1', () => {
    expect(() => backoffDelayMs(0, policy, () => 0.5)).toThrow(RangeError);
  });

  it('never exceeds the cap for any random value', () => {
    for (let attempt = 1; attempt < 40; attempt++) {
      for (const r of [0, 0.1, 0.5, 0.9, 0.999]) {
        const d = backoffDelayMs(attempt, policy, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(policy.capMs);
      }
    }
  });
});

describe('rateLimitDelayMs', () => {
  it.each([
    [2_000, 0, 2_000],
    [2_000, 0.5, 2_100],
    [30_000, 0.99, 30_990],
    [0, 0.7, 0],
  ])('Retry-After %i ms with random %f waits %i ms', (retryAfter, r, expected) => {
    expect(rateLimitDelayMs(retryAfter, 1, policy, () => r)).toBe(expected);
  });

  it('falls back to back-off without Retry-After', () => {
    expect(rateLimitDelayMs(null, 3, policy, () => 0.5)).toBe(1_000);
  });

  it.each([maxRetryAfterMs + 1, 3_000_000_000, Number.MAX_SAFE_INTEGER])(
    'waits at most the cap (plus 1 s jitter) for Retry-After %i ms, well inside a 32-bit timer',
    (retryAfter) => {
      const wait = rateLimitDelayMs(retryAfter, 1, policy, () => 0.999);
      expect(wait).toBeGreaterThanOrEqual(maxRetryAfterMs);
      expect(wait).toBeLessThan(maxRetryAfterMs + 1_000);
      expect(wait).toBeLessThan(2 ** 31 - 1);
    },
  );
});

describe('cappedWaitNotice', () => {
  it('says nothing for a wait below the cap (every back-off delay is)', () => {
    expect(cappedWaitNotice(0)).toBeNull();
    expect(cappedWaitNotice(defaultSendBackoff.capMs)).toBeNull();
    expect(cappedWaitNotice(maxRetryAfterMs - 1)).toBeNull();
  });

  it('tells the user the wait was capped, for any capped Retry-After', () => {
    const delay = rateLimitDelayMs(3_000_000_000, 1, policy, () => 0.5);
    expect(cappedWaitNotice(delay)).toBe(
      'Omneo asked to wait longer than 5 min; the importer waits 5 min (its limit) and then tries again.',
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it.each([
    ['30', 30_000],
    ['0', 0],
    [' 1.5 ', 1_500],
    ['Wed, 01 Jan 2025 00:00:10 GMT', 10_000],
    ['Tue, 31 Dec 2024 23:59:00 GMT', 0],
    ['soon', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%s → %s', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it("reads an HTTP-date against the server's Date header, not the local clock", () => {
    const retryAt = 'Wed, 01 Jan 2025 00:00:30 GMT';
    const serverDate = 'Wed, 01 Jan 2025 00:00:20 GMT';
    // The local clock is a day behind: the server still means "in 10 s".
    expect(parseRetryAfter(retryAt, now - 86_400_000, serverDate)).toBe(10_000);
    expect(parseRetryAfter(retryAt, now + 86_400_000, serverDate)).toBe(10_000);
    expect(parseRetryAfter(retryAt, now, 'not a date')).toBe(30_000);
    expect(parseRetryAfter('12', now - 86_400_000, serverDate)).toBe(12_000);
  });
});
