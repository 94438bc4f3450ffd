import { describe, expect, it } from 'vitest';
import { normaliseEmail } from '../../../shared/normalise/email';

describe('normaliseEmail', () => {
  it.each([
    ['ana.example@example.com', 'ana.example@example.com'],
    ['Ana.Example@Example.COM', 'ana.example@example.com'],
    ['first+tag@sub.example.co.uk', 'first+tag@sub.example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['user_1-x@my-domain.io', 'user_1-x@my-domain.io'],
    ['JOSÉ@EXAMPLE.ES', 'josé@example.es'],
    ['jose\u0301@example.es', 'josé@example.es'],
    ['用户@例子.广告', '用户@例子.广告'],
    ['a@xn--bcher-kva.example', 'a@xn--bcher-kva.example'],
    ['marieyates@gomez-spencer.info', 'marieyates@gomez-spencer.info'],
  ] as const)('%j → %j', (text, expected) => {
    expect(normaliseEmail(text)).toEqual({ ok: true, value: expected, warnings: [] });
  });

  it.each([
    ['', /empty/],
    ['ana.example', /no '@'/],
    ['a@b@example.com', /more than one '@'/],
    ['@example.com', /nothing before/],
    ['ana@', /nothing after/],
    ['ana example@example.com', /space/],
    ['\u200bana@example.com', /invisible/],
    ['ana@example', /has no '\.'/],
    ['.ana@example.com', /misplaced '\.'/],
    ['ana.@example.com', /misplaced '\.'/],
    ['an..a@example.com', /misplaced '\.'/],
    ['ana@-example.com', /not a valid domain/],
    ['ana@example..com', /not a valid domain/],
    ['ana@example.c', /top-level/],
    ['ana@example.123', /top-level/],
    ['an(a)@example.com', /not allowed/],
    [`${'a'.repeat(65)}@example.com`, /64/],
    [`a@${Array.from({ length: 5 }, () => 'b'.repeat(60)).join('.')}.com`, /254/],
  ] as const)('%j → email-invalid %s', (text, reason) => {
    const result = normaliseEmail(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('email-invalid');
    expect(result.message).toMatch(reason);
  });
});
