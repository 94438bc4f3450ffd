import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { casePath } from '../../support/shared-paths';
import { cleanText, isFormulaLike } from '../../../shared/normalise/text';
import { neutraliseCsvCell } from '../../../shared/report/csv-safety';
import { normaliseEmail } from '../../../shared/normalise/email';

function readCase(name: string): string[][] {
  const text = readFileSync(casePath(name), 'utf8');
  return Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
}

describe('cleanText', () => {
  it.each([
    // raw, value, note codes
    ['plain', 'plain', []],
    ['', '', []],
    ['  spaced  ', 'spaced', []],
    ['ana.example@example.com ', 'ana.example@example.com', []],
    ['\u00a0chloe\u00a0', 'chloe', ['whitespace-trimmed']],
    ['\u200bdan', 'dan', ['whitespace-trimmed']],
    ['eve\t', 'eve', ['whitespace-trimmed']],
    ['\ufeffemail', 'email', ['whitespace-trimmed']],
    ['\u2060x\u200c\u200d', 'x', ['whitespace-trimmed']],
    ['a\u0000b', 'ab', ['nul-removed']],
    ['\u0000\u00a0a b\u0000 ', 'a b', ['nul-removed', 'whitespace-trimmed']],
    ['inner\u00a0nbsp kept', 'inner\u00a0nbsp kept', []],
    ['line one\nline two', 'line one\nline two', []],
    ['Jose\u0301', 'José', []],
    ['  Zoe\u0308 ', 'Zoë', []],
  ] as const)('%j → %j %j', (raw, value, codes) => {
    const result = cleanText(raw);
    expect(result.value).toBe(value);
    expect(result.notes.map((n) => n.code)).toEqual(codes);
  });

  it('names the invisible characters it removed', () => {
    expect(cleanText('\u00a0x\u200b').notes[0]?.message).toMatch(/non-breaking space.*zero-width space/);
  });

  it('cleans every email of case 24 to a valid address, with a note for the invisible ones', () => {
    const [header, ...rows] = readCase('24-email-whitespace-nbsp.csv');
    expect(header?.[0]).toBe('email');
    const out = rows.map((row) => {
      const cleaned = cleanText(row[0] ?? '');
      const email = normaliseEmail(cleaned.value);
      return { email: email.ok ? email.value : email.message, notes: cleaned.notes.map((n) => n.code) };
    });
    expect(out).toEqual([
      { email: 'ana.example@example.com', notes: [] },
      { email: 'bruno.sample@example.com', notes: [] },
      { email: 'chloe.test@example.com', notes: ['whitespace-trimmed'] },
      { email: 'dan.demo@example.com', notes: ['whitespace-trimmed'] },
      { email: 'eve.example@example.com', notes: ['whitespace-trimmed'] },
    ]);
  });

  it('is idempotent, leaves no NUL and nothing trimmable at the ends (property)', () => {
    const junk = fc.constantFrom(
      ' ',
      '\u00a0',
      '\u200b',
      '\u200c',
      '\u200d',
      '\u2060',
      '\ufeff',
      '\t',
      '\u0000',
      'a',
      'é',
      'e\u0301',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme' }),
          fc.array(junk).map((a) => a.join('')),
        ),
        (raw) => {
          const once = cleanText(raw).value;
          expect(cleanText(once).value).toBe(once);
          expect(once).not.toContain('\u0000');
          expect(once).toBe(once.normalize('NFC'));
          expect(/^[\s\u200b-\u200d\u2060]|[\s\u200b-\u200d\u2060]$/.test(once)).toBe(false);
        },
      ),
    );
  });
});

describe('isFormulaLike', () => {
  it.each([
    ['=HYPERLINK("http://example.com/x","Click")', true],
    ['+1+2', true],
    ['@SUM(1+1)', true],
    ['-5 points after return', true],
    ['=2+5', true],
    ['\tcmd', true],
    ['\rcmd', true],
    ['plain note', false],
    ['vip', false],
    ['', false],
    ['a=b', false],
    // Spreadsheets skip leading whitespace before reading a formula.
    [' =1+1', true],
    ['   +1+2', true],
    ['\u00a0@SUM(1)', true],
    ['\n-2+3', true],
    [' \t=1', true],
    ['  plain', false],
    ['   ', false],
    [' a=b', false],
  ] as const)('%j → %s', (text, expected) => {
    expect(isFormulaLike(text)).toBe(expected);
    expect(isFormulaLike(text)).toBe(neutraliseCsvCell(text) !== text);
  });

  it('flags exactly the formula-like cells of case 26', () => {
    const [, ...rows] = readCase('26-formula-injection.csv');
    const flagged = rows.flatMap((row, r) =>
      row.flatMap((cell, c) => (isFormulaLike(cleanText(cell).value) ? [`${r + 2}:${c}`] : [])),
    );
    // line:column index — first_name of line 2; last_name, tags, notes of line 3; tags of line 4
    expect(flagged).toEqual(['2:1', '3:2', '3:3', '3:4', '4:3']);
  });
});
