/**
 * The Options step's use of the file's country column: which mapped column reads each row's
 * phones (the engine's own choice, row-region.ts), and the region most of its rows name, which the
 * default phone region starts from (issue 13).
 */
import { describe, expect, it } from 'vitest';
import { countryColumnOf, mostCommonRegion } from '../../renderer/app/phone-regions';

describe('countryColumnOf', () => {
  it.each([
    [[{ column: 1, target: 'email' }], null],
    [
      [
        { column: 2, target: 'region_country' },
        { column: 5, target: 'addresses.country' },
      ],
      5,
    ],
    [
      [
        { column: 3, target: 'addresses[2].iso' },
        { column: 4, target: 'addresses.country' },
        { column: 6, target: 'addresses.iso' },
      ],
      6,
    ],
    [[{ column: 7, target: 'not a path' }], null],
  ])('%j → column %s', (mapping, column) => {
    expect(countryColumnOf(mapping)?.column ?? null).toBe(column);
  });
});

describe('mostCommonRegion', () => {
  it('adds up spellings of one country and gives its share of the cells', () => {
    expect(
      mostCommonRegion([
        { value: 'United Kingdom', count: 3 },
        { value: 'Australia', count: 2 },
        { value: 'AU', count: 2 },
        { value: 'Atlantis', count: 3 },
      ]),
    ).toEqual({ code: 'AU', share: 0.4 });
  });

  it('is null when no value names a country', () => {
    expect(mostCommonRegion([{ value: 'Atlantis', count: 4 }])).toBeNull();
    expect(mostCommonRegion([])).toBeNull();
  });
});
