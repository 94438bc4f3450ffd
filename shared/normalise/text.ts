/**
 * Text cleaning applied to every cell before any field-specific normaliser.
 *
 * Spreadsheets carry invisible characters that users cannot see but that break matching:
 * non-breaking spaces pasted from web pages, zero-width spaces from chat tools, tabs from
 * copy-paste, a BOM glued to a value, NUL bytes from broken exports (cases 24-email-whitespace-nbsp,
 * 01-utf8-bom-header).
 */
import type { NormaliseNote } from './result';
import { isFormulaLike as startsLikeFormula } from '../report/csv-safety';

const NO_NOTES: readonly NormaliseNote[] = Object.freeze([]);

/** Printable ASCII with no space at either end: the common case, returned untouched. */
const PLAIN_ASCII = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
/**
 * One character trimmed at the ends: JS whitespace (spaces, tab, CR/LF, NBSP, U+FEFF, …) and
 * zero-width ones. Tested one character at a time: a `[…]+$` pattern over the whole text costs the
 * square of a long run of spaces inside it (a 120 KB cell took seconds).
 */
const EDGE_CHARACTER = /^[\s\u200b-\u200d\u2060]$/;
// eslint-disable-next-line no-control-regex -- the range starts at NUL on purpose: any non-ASCII character
const NON_ASCII = /[^\x00-\x7f]/;

const CHARACTER_NAMES: Readonly<Record<string, string>> = {
  '\t': 'tab',
  '\r': 'carriage return',
  '\n': 'line break',
  '\u00a0': 'non-breaking space',
  '\u200b': 'zero-width space',
  '\u200c': 'zero-width non-joiner',
  '\u200d': 'zero-width joiner',
  '\u2060': 'word joiner',
  '\ufeff': 'byte order mark',
};

function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return CHARACTER_NAMES[ch] ?? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * `text` without invisible characters at either end (JS whitespace, NBSP, U+FEFF, zero-width
 * space, joiners, word joiner), in time linear in the characters trimmed. `onTrimmed` is called
 * with each character removed.
 */
export function trimInvisible(text: string, onTrimmed?: (ch: string) => void): string {
  let start = 0;
  let end = text.length;
  while (start < end && EDGE_CHARACTER.test(text.charAt(start))) start++;
  while (end > start && EDGE_CHARACTER.test(text.charAt(end - 1))) end--;
  if (start === 0 && end === text.length) return text;
  if (onTrimmed) {
    for (let i = 0; i < start; i++) onTrimmed(text.charAt(i));
    for (let i = end; i < text.length; i++) onTrimmed(text.charAt(i));
  }
  return text.slice(start, end);
}

/**
 * Clean one cell's text: trim invisible characters at both ends, NFC-normalise, remove NUL.
 *
 * Trims spaces, NBSP, zero-width characters (U+200B–U+200D, U+2060, U+FEFF), tabs, line breaks and
 * the other Unicode spaces at both ends; applies Unicode NFC; removes NUL (U+0000) anywhere.
 * Notes: `nul-removed` (a warning: the value was damaged) and `whitespace-trimmed` when anything
 * other than plain spaces was trimmed (the user could not have seen it). Plain-space trimming is
 * silent. Never throws; printable ASCII without edge spaces is returned as is without allocating.
 */
export function cleanText(raw: string): { readonly value: string; readonly notes: readonly NormaliseNote[] } {
  if (raw.length === 0 || PLAIN_ASCII.test(raw)) return { value: raw, notes: NO_NOTES };
  const notes: NormaliseNote[] = [];
  let text = raw;
  if (text.includes('\u0000')) {
    const count = text.split('\u0000').length - 1;
    text = text.replaceAll('\u0000', '');
    notes.push({
      code: 'nul-removed',
      message: `removed ${count} NUL character${count === 1 ? '' : 's'} (U+0000); check the file was exported correctly`,
    });
  }
  const trimmedNames = new Set<string>();
  text = trimInvisible(text, (ch) => {
    if (ch !== ' ') trimmedNames.add(describeCharacter(ch));
  });
  if (trimmedNames.size > 0) {
    notes.push({
      code: 'whitespace-trimmed',
      message: `removed invisible characters at the ends (${[...trimmedNames].join(', ')})`,
    });
  }
  if (NON_ASCII.test(text)) text = text.normalize('NFC');
  return { value: text, notes: notes.length === 0 ? NO_NOTES : notes };
}

/**
 * True for text that a spreadsheet would evaluate as a formula.
 *
 * Tab or carriage return first, or `=`, `+`, `-`, `@` as the first non-whitespace character —
 * the OWASP "CSV injection" list; spreadsheets skip leading spaces (` =1+1`) before reading a
 * formula. The same rule as `shared/report/csv-safety.ts` (which neutralises the CSVs we write),
 * taken from there so a warned cell and a neutralised cell are always the same cells. The
 * importer never evaluates anything; this only decides where to warn.
 */
export function isFormulaLike(text: string): boolean {
  return startsLikeFormula(text);
}
