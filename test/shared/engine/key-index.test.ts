import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../../../shared/engine/key-index';

describe('KeyIndex', () => {
  it('holds exactly what a Map holds, through growth, for any keys (emoji, accents, empty)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', 'a', 'é', '😀')),
            fc.nat(),
          ),
          {
            maxLength: 3000,
          },
        ),
        (entries) => {
          const index = new KeyIndex(2, 8);
          const map = new Map<string, [number, number]>();
          for (const [key, value] of entries) {
            const { slot, added } = index.upsert(key);
            expect(added).toBe(!map.has(key));
            const known = map.get(key);
            const next: [number, number] = [known ? known[0] : value, (known ? known[1] : 0) + 1];
            map.set(key, next);
            index.set(slot, 0, next[0]);
            index.set(slot, 1, next[1]);
          }
          expect(index.size).toBe(map.size);
          for (const [key, [first, count]] of map) {
            const slot = index.find(key);
            expect([index.get(slot, 0), index.get(slot, 1)]).toEqual([first, count]);
          }
          expect(index.find('\u0000not-a-key\u0000')).toBe(
            map.has('\u0000not-a-key\u0000') ? expect.any(Number) : -1,
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('tells apart 200,000 similar keys (no two merged)', () => {
    const index = new KeyIndex(1);
    for (let i = 0; i < 200_000; i += 1) index.set(index.upsert(`user${i}@example.com`).slot, 0, i + 2);
    expect(index.size).toBe(200_000);
    for (let i = 0; i < 200_000; i += 7919)
      expect(index.get(index.find(`user${i}@example.com`), 0)).toBe(i + 2);
    expect(index.find('user200000@example.com')).toBe(-1);
  });
});
