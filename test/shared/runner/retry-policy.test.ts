/**
 * The one retry decision of every Omneo call, as a pure function: what is retried, how long it
 * waits, when it gives up and what it says then.
 */
import { describe, expect, it } from 'vitest';
import { maxRetryAfterMs } from '../../../shared/runner/backoff';
import {
  decideRetry,
  isRetryableFailure,
  noFailuresYet,
  omneoRetryPolicy,
  type RetryableFailure,
  type RetryTally,
} from '../../../shared/runner/retry-policy';

const serverError: RetryableFailure = { kind: 'server-error', message: 'HTTP 503 Service Unavailable' };
const rateLimited = (retryAfterMs: number | null): RetryableFailure => ({
  kind: 'rate-limited',
  retryAfterMs,
});

/** Decides `failure` after `times` earlier ones of the same kind, with the top of each jitter range. */
function after(times: number, failure: RetryableFailure, tally: RetryTally = noFailuresYet) {
  let current = tally;
  for (let i = 0; i < times; i++) {
    const decision = decideRetry(failure, current, omneoRetryPolicy, () => 0.999);
    if (decision.kind !== 'retry') throw new Error(`gave up at ${i + 1}`);
    current = decision.tally;
  }
  return decideRetry(failure, current, omneoRetryPolicy, () => 0.999);
}

describe('decideRetry with the policy of every Omneo call', () => {
  it.each([
    ['rate-limited', true],
    ['server-error', true],
    ['network-error', true],
    ['timeout', true],
    ['unauthorised', false],
    ['unexpected', false],
    ['invalid', false],
    ['aborted', false],
    ['ok', false],
  ])('%s is retried: %s', (kind, retried) => {
    expect(isRetryableFailure({ kind })).toBe(retried);
  });

  it.each([
    // failures before, the delay ceiling of the next retry (base 0.5 s doubling, capped at 30 s)
    [0, 500],
    [1, 1_000],
    [2, 2_000],
    [5, 16_000],
  ])('after %i failures the next retry waits under %i ms', (before, ceiling) => {
    const decision = after(before, serverError);
    expect(decision).toMatchObject({ kind: 'retry', retry: before + 1 });
    expect(decision.kind === 'retry' && decision.delayMs).toBe(Math.floor(0.999 * ceiling));
  });

  it('gives up on the 7th failure (6 retries), saying how many tries and the last failure', () => {
    expect(after(6, serverError)).toEqual({
      kind: 'give-up',
      tally: { failures: 7, rateLimited: 0 },
      message: 'Gave up after 7 failed tries: HTTP 503 Service Unavailable',
    });
  });

  it.each([
    [3_000, 3_000, 3_300],
    [null, 0, 500],
    [3_000_000_000, maxRetryAfterMs, maxRetryAfterMs + 1_000],
  ])('a 429 with Retry-After %s ms waits from %i to %i ms', (retryAfterMs, low, high) => {
    const decision = decideRetry(rateLimited(retryAfterMs), noFailuresYet, omneoRetryPolicy, () => 0.999);
    expect(decision.kind).toBe('retry');
    const delay = decision.kind === 'retry' ? decision.delayMs : -1;
    expect(delay).toBeGreaterThanOrEqual(low);
    expect(delay).toBeLessThan(high);
  });

  it('waits out 100 answers of 429 and gives up on the 101st', () => {
    expect(after(99, rateLimited(1_000)).kind).toBe('retry');
    expect(after(100, rateLimited(1_000))).toMatchObject({
      kind: 'give-up',
      message: 'Omneo kept answering 429 Too Many Requests (101 times); gave up.',
    });
  });

  it('counts 429s apart from failures: rate limiting does not use up the retries of a failing server', () => {
    const limited = after(50, rateLimited(1_000));
    expect(limited.kind).toBe('retry');
    const tally = limited.tally;
    expect(after(5, serverError, tally)).toMatchObject({ kind: 'retry', retry: 51 + 6 });
    expect(after(6, serverError, tally).kind).toBe('give-up');
  });
});
