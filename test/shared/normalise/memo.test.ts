import { describe, expect, it } from 'vitest';
import { createBoundedMemo, quoteValue } from '../../../shared/normalise/memo';

describe('createBoundedMemo', () => {
  it('computes once per key while the key is held', () => {
    const memo = createBoundedMemo<number>(10);
    let calls = 0;
    const square = (n: number) => memo.get(String(n), () => (calls++, n * n));
    expect([square(3), square(3), square(4), square(3)]).toEqual([9, 9, 16, 9]);
    expect(calls).toBe(2);
    expect(memo.size).toBe(2);
  });

  it('never holds more than its limit: it clears when full', () => {
    const memo = createBoundedMemo<string>(3);
    for (let i = 0; i < 100; i++) {
      memo.get(`k${i}`, () => `v${i}`);
      expect(memo.size).toBeLessThanOrEqual(3);
    }
    expect(memo.size).toBe(1);
    expect(memo.get('k99', () => 'recomputed')).toBe('v99');
  });

  it('can be cleared', () => {
    const memo = createBoundedMemo<string>();
    memo.get('a', () => 'x');
    memo.clear();
    expect(memo.size).toBe(0);
    expect(memo.get('a', () => 'y')).toBe('y');
  });
});

describe('quoteValue', () => {
  it.each([
    ['abc', "'abc'"],
    ['', "''"],
    ['x'.repeat(61), `'${'x'.repeat(59)}…'`],
    ['x'.repeat(60), `'${'x'.repeat(60)}'`],
  ] as const)('%j → %j', (text, expected) => {
    expect(quoteValue(text)).toBe(expected);
  });
});
