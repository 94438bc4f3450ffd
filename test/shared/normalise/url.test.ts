import { describe, expect, it } from 'vitest';
import { normaliseUrl } from '../../../shared/normalise/url';

describe('normaliseUrl', () => {
  it.each([
    ['http://www.shea.biz/', 'http://www.shea.biz/', []],
    ['https://example.com', 'https://example.com/', []],
    ['HTTPS://Example.COM/Path?q=1#x', 'https://example.com/Path?q=1#x', []],
    ['https://cdn.example.com/avatars/ana.png', 'https://cdn.example.com/avatars/ana.png', []],
    ['http://localhost:8080/a', 'http://localhost:8080/a', []],
    ['www.example.com', 'https://www.example.com/', ['url-scheme-added']],
    ['example.com/avatar.png', 'https://example.com/avatar.png', ['url-scheme-added']],
    ['www.example.com:8443/x', 'https://www.example.com:8443/x', ['url-scheme-added']],
  ] as const)('%j → %j', (text, expected, codes) => {
    const r = normaliseUrl(text);
    expect(r.ok && r.value).toBe(expected);
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(codes);
  });

  it.each([
    ['javascript:alert(1)', /only http and https/],
    ['ftp://example.com/file', /only http and https/],
    ['mailto:ana@example.com', /only http and https/],
    ['https://user:pw@example.com/', /user name or password/],
    ['https://intranet/', /no domain/],
    ['http://exa mple.com', /space/],
    ['not a url', /not a web address/],
    ['', /not a web address/],
    ['https://', /not a web address/],
  ] as const)('%j → url-invalid %s', (text, reason) => {
    const r = normaliseUrl(text);
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.code).toBe('url-invalid');
    expect(r.ok === false && r.message).toMatch(reason);
  });
});
