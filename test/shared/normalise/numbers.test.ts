import { describe, expect, it } from 'vitest';
import { normaliseFloat, normaliseInteger } from '../../../shared/normalise/numbers';

const outcome = (r: { ok: true; value: number } | { ok: false; code: string }): number | string =>
  r.ok ? r.value : r.code;

describe('normaliseInteger', () => {
  it.each([
    ['42', undefined, 42],
    ['+42', undefined, 42],
    ['-7', undefined, -7],
    ['007', undefined, 7],
    ['-0', undefined, 0],
    ['1,234,567', undefined, 1234567],
    ['12.0', undefined, 12],
    ['9007199254740991', undefined, 9007199254740991],
    ['9007199254740993', undefined, 'integer-too-large'],
    ['918273645546372819', undefined, 'integer-too-large'],
    ['12.5', undefined, 'integer-invalid'],
    ['1e3', undefined, 1000],
    ['twelve', undefined, 'integer-invalid'],
    ['', undefined, 'integer-invalid'],
    ['12 apples', undefined, 'integer-invalid'],
    ['31', { min: 1, max: 31 }, 31],
    ['0', { min: 1, max: 31 }, 'integer-out-of-range'],
    ['32', { min: 1, max: 31 }, 'integer-out-of-range'],
    ['-5', { min: 0 }, 'integer-out-of-range'],
    ['5000', { max: 9999 }, 5000],
  ] as const)('%j in %j → %s', (text, range, expected) => {
    expect(outcome(normaliseInteger(text, range))).toBe(expected);
  });

  it('warns when a decimal point was dropped', () => {
    const r = normaliseInteger('12.0');
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(['integer-decimal-dropped']);
  });

  it('names the range in its message', () => {
    const r = normaliseInteger('32', { min: 1, max: 31 });
    expect(r.ok === false && r.message).toBe("'32' is outside 1 to 31");
  });
});

describe('normaliseFloat', () => {
  it.each([
    ['12.5', 12.5],
    ['-12.5', -12.5],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1.5E-2', 0.015],
    ['42', 42],
    ['1.234', 1.234],
    ['0,125', 0.125],
    ['1,234.50', 1234.5],
    ['1,234,567', 1234567],
    ['1.234,50', 1234.5],
    ['1.234.567,89', 1234567.89],
    ['1 234,50', 1234.5],
    ['12,5', 12.5],
    ['12,50', 12.5],
    ['1234,5678', 1234.5678],
    ['1234,567', 1234.567],
    ['1,234', 'float-ambiguous'],
    ['-1,234', 'float-ambiguous'],
    ['1,2,3', 'float-invalid'],
    ['1.2.3', 'float-invalid'],
    ['NaN', 'float-invalid'],
    ['Infinity', 'float-invalid'],
    ['1e999', 'float-invalid'],
    ['$12', 'float-invalid'],
    ['', 'float-invalid'],
    ['-0', 0],
  ] as const)('%j → %s', (text, expected) => {
    expect(outcome(normaliseFloat(text))).toBe(expected);
  });
});

describe('a decimal comma says which separator it assumed', () => {
  it.each([
    ['1.234,50', 1234.5],
    ['12,5', 12.5],
    ['1 234,5', 1234.5],
  ])('%s → %d with warning decimal-comma', (text, value) => {
    const result = normaliseFloat(text);
    expect(result).toMatchObject({ ok: true, value });
    if (result.ok) {
      expect(result.warnings.map((w) => w.code)).toEqual(['decimal-comma']);
      expect(result.warnings[0]?.message).toContain("',' as the decimal separator");
    }
  });

  it.each(['12.5', '1,234.50', '3'])('%s reads with no warning', (text) => {
    const result = normaliseFloat(text);
    expect(result.ok && result.warnings).toEqual([]);
  });
});
