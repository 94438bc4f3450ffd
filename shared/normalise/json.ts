/**
 * JSON cells (`<field>:json`, `custom_attributes.….<handle>:json`): parsed with a bound on how deep
 * arrays and objects nest.
 *
 * `JSON.parse` itself copes with deep nesting, but everything after it recurses over the value —
 * schema checks, `JSON.stringify` when the batch is serialised — and ~4,000 levels (an 8 KB cell
 * of `[[[[…]]]]`) overflow the stack there, far from the cell that caused it. So depth is measured
 * first, in one pass over the text, and a cell beyond the limit is a row error.
 */
import { fileLimits } from '../limits/file-limits';
import { accept, reject, type Normalised } from './result';

/**
 * How deep the arrays and objects of JSON text nest, stopping once past `limit` (so the answer is
 * at most `limit + 1`). Brackets inside strings do not count. Linear in the text's length.
 */
export function jsonDepth(text: string, limit: number = fileLimits.maxJsonDepth): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Parses a JSON cell. Errors: `json-too-deep` (nesting beyond `fileLimits.maxJsonDepth`, the
 * limit named), `json-invalid` (a syntax error, with the position `JSON.parse` reports). Never throws.
 */
export function parseJsonCell(text: string): Normalised<unknown> {
  const limit = fileLimits.maxJsonDepth;
  if (jsonDepth(text, limit) > limit) {
    return reject(
      'json-too-deep',
      `the JSON nests arrays and objects more than ${limit} levels deep (the limit for a JSON cell)`,
    );
  }
  try {
    return accept(JSON.parse(text) as unknown);
  } catch (error) {
    return reject('json-invalid', `not valid JSON: ${(error as Error).message}`);
  }
}
