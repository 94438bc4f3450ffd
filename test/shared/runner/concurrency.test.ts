import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  initialConcurrency,
  onRateLimited,
  onRequestSucceeded,
  type ConcurrencyState,
} from '../../../shared/runner/concurrency';

describe('adaptive concurrency (AIMD)', () => {
  it.each([
    [8, 4],
    [5, 2],
    [2, 1],
    [1, 1],
  ])('a 429 at limit %i halves it to %i', (limit, halved) => {
    const state: ConcurrencyState = { limit, max: 8, successStreak: 3 };
    expect(onRateLimited(state)).toEqual({ limit: halved, max: 8, successStreak: 0 });
  });

  it('grows by one after a run of successes as long as the limit', () => {
    let state: ConcurrencyState = { limit: 2, max: 4, successStreak: 0 };
    state = onRequestSucceeded(state);
    expect(state.limit).toBe(2);
    state = onRequestSucceeded(state);
    expect(state).toEqual({ limit: 3, max: 4, successStreak: 0 });
    for (let i = 0; i < 3; i++) state = onRequestSucceeded(state);
    expect(state.limit).toBe(4);
    for (let i = 0; i < 20; i++) state = onRequestSucceeded(state);
    expect(state.limit).toBe(4);
  });

  it('starts at the maximum, never below 1', () => {
    expect(initialConcurrency(6)).toEqual({ limit: 6, max: 6, successStreak: 0 });
    expect(initialConcurrency(0).limit).toBe(1);
  });

  it('stays between 1 and max for any sequence of answers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 32 }),
        fc.array(fc.boolean(), { maxLength: 300 }),
        (max, answers) => {
          let state = initialConcurrency(max);
          for (const ok of answers) {
            state = ok ? onRequestSucceeded(state) : onRateLimited(state);
            expect(state.limit).toBeGreaterThanOrEqual(1);
            expect(state.limit).toBeLessThanOrEqual(max);
          }
        },
      ),
    );
  });
});
