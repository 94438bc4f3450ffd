import { describe, expect, it } from 'vitest';
import { splitList } from '../../../shared/normalise/lists';

describe('splitList', () => {
  it.each([
    ['vip', ['vip']],
    ['vip,newsletter', ['vip', 'newsletter']],
    ['vip; newsletter', ['vip', 'newsletter']],
    ['vip | newsletter | vip', ['vip', 'newsletter']],
    [' vip ,, ;| newsletter ', ['vip', 'newsletter']],
    ['\u00a0vip\u200b,news', ['vip', 'news']],
    ['VIP,vip', ['VIP', 'vip']],
    ['gold member, silver member', ['gold member', 'silver member']],
    ['', []],
    [',;|', []],
  ] as const)('%j → %j', (text, expected) => {
    expect(splitList(text)).toEqual(expected);
  });
});
