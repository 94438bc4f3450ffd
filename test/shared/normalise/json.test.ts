import { describe, expect, it } from 'vitest';
import { fileLimits } from '../../../shared/limits/file-limits';
import { jsonDepth, parseJsonCell } from '../../../shared/normalise/json';

const nested = (depth: number, open = '[', close = ']'): string => open.repeat(depth) + close.repeat(depth);

describe('jsonDepth', () => {
  it.each([
    ['1', 0],
    ['[]', 1],
    ['{"a":[1,{"b":2}]}', 3],
    ['["[[[[", "]]]"]', 1],
    [String.raw`["\"[[[["]`, 1],
    [nested(10, '{"a":', '}'), 10],
  ])('%s → %i', (text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
  });

  it('stops counting once past the limit', () => {
    expect(jsonDepth(nested(100_000), 5)).toBe(6);
  });
});

describe('parseJsonCell', () => {
  it('accepts nesting up to the limit', () => {
    const ok = parseJsonCell(nested(fileLimits.maxJsonDepth));
    expect(ok.ok).toBe(true);
  });

  it.each([
    ['arrays', nested(fileLimits.maxJsonDepth + 1)],
    ['4,000 levels (8 KB)', nested(4_000)],
    ['objects', nested(5_000, '{"a":', '}')],
    ['unclosed', '['.repeat(100_000)],
  ])('refuses deeper nesting as json-too-deep: %s', (_, text) => {
    const result = parseJsonCell(text);
    expect(result).toMatchObject({ ok: false, code: 'json-too-deep' });
    if (!result.ok) expect(result.message).toContain(`${fileLimits.maxJsonDepth} levels`);
  });

  it('still names a syntax error', () => {
    expect(parseJsonCell('{"a":')).toMatchObject({ ok: false, code: 'json-invalid' });
  });
});
