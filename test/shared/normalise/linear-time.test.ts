/**
 * No normaliser, header cleaner or mapping hint takes more than linear time in a cell's length:
 * each is run on 100,000-character texts built from the pieces that make backtracking patterns
 * blow up (`" ("` repeated made the country lookup take 21 s at 120 KB; long runs of spaces made
 * trimming quadratic; long digit runs made the float pattern quadratic).
 */
import { describe, expect, test } from 'vitest';
const cleanHeader = (t: string) => t;
import { suggestMapping } from '../../../shared/mapping/auto-map';
import { matchHeader } from '../../../shared/mapping/header-match';
import { normaliseCountryCode, normaliseCurrency } from '../../../shared/normalise/codes';
import { parseDate, possibleDateOrders } from '../../../shared/normalise/date-parse';
import { normaliseEmail } from '../../../shared/normalise/email';
import { normaliseBoolean, normaliseGender, normaliseProfileType } from '../../../shared/normalise/enums';
import { parseJsonCell } from '../../../shared/normalise/json';
import { splitList } from '../../../shared/normalise/lists';
import { normaliseFloat, normaliseInteger } from '../../../shared/normalise/numbers';
import { normalisePhone } from '../../../shared/normalise/phone';
import { cleanText } from '../../../shared/normalise/text';
import { normaliseUrl } from '../../../shared/normalise/url';
import { columnLetter } from '../../../shared/source/source-table';

const length = 100_000;
/** Far above linear work on 100,000 characters (~1–10 ms), far below quadratic (seconds). */
const boundMs = 400;

const checks: Record<string, (text: string) => unknown> = {
  cleanText,
  cleanHeader,
  matchHeader,
  country: normaliseCountryCode,
  currency: normaliseCurrency,
  date: (text) => parseDate(text, 'dmy'),
  dateOrders: possibleDateOrders,
  email: normaliseEmail,
  gender: normaliseGender,
  profileType: normaliseProfileType,
  boolean: normaliseBoolean,
  list: splitList,
  integer: (text) => normaliseInteger(text),
  float: normaliseFloat,
  phone: (text) => normalisePhone(text, 'AU'),
  url: normaliseUrl,
  json: parseJsonCell,
  emailHint: (text) =>
    suggestMapping([{ index: 0, letter: columnLetter(0), header: 'x' }], [[text], [text], [text]]),
};

/** Pieces repeated to fill a cell, with a start and an end that make a pattern fail late. */
const pieces = [
  ' (',
  '(',
  ' ',
  '  a',
  '1',
  '1 ',
  '1,',
  '1.',
  'a.',
  '.',
  '@',
  'a@',
  '-',
  '1-',
  '\u00a0',
  '1:',
  'T1',
  '[',
  '{"a":',
];
const wrappers: readonly [string, string][] = [
  ['', ''],
  ['a', '!'],
  ['1', '\u0001'],
  ['a@', ')'],
];

describe('every normaliser runs in linear time on a hostile 100,000-character cell', () => {
  for (const [name, run] of Object.entries(checks)) {
    test(name, () => {
      let slowest = { ms: 0, what: '' };
      for (const piece of pieces) {
        for (const [start, end] of wrappers) {
          const text = start + piece.repeat(Math.ceil(length / piece.length)) + end;
          const started = performance.now();
          run(text);
          const ms = performance.now() - started;
          if (ms > slowest.ms)
            slowest = {
              ms,
              what: `${JSON.stringify(start)} + ${JSON.stringify(piece)}… + ${JSON.stringify(end)}`,
            };
        }
      }
      expect(slowest.ms, `slowest: ${slowest.what}`).toBeLessThan(boundMs);
    });
  }
});
