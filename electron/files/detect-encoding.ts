/**
 * Works out how a text file's bytes are encoded, and says how it knows.
 *
 * Order: a byte-order mark wins; then UTF-16 without a BOM is recognised by its NUL bytes;
 * then the bytes are checked as UTF-8, and anything that is not valid UTF-8 is taken as
 * Windows-1252 (what Excel on Windows writes for "CSV" in western locales).
 */
import type { EncodingLabel, SettingSource } from '../../shared/source/source-table';

/** The encoding of a file and where that came from. */
export interface DetectedEncoding {
  readonly encoding: EncodingLabel;
  readonly source: SettingSource;
}

/** A BOM at the start of `head`, if any: UTF-8 `EF BB BF`, UTF-16LE `FF FE`, UTF-16BE `FE FF`. */
export function encodingFromBom(head: Uint8Array): EncodingLabel | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * UTF-16 without a BOM, recognised by where the NUL bytes fall.
 *
 * Text in UTF-16 is mostly Latin letters, digits and punctuation, whose high byte is 0: in
 * little-endian that byte is the odd one of each pair, in big-endian the even one. We ask for
 * NULs in at least 30% of pairs on one side and almost none on the other.
 */
export function utf16FromNulPattern(sample: Uint8Array): EncodingLabel | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.3 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.3 && oddNul <= pairs * 0.05) return 'utf-16be';
  return null;
}

/** Share of NUL bytes in `sample`: a text file that is not UTF-16 has almost none. */
export function nulShare(sample: Uint8Array): number {
  if (sample.length === 0) return 0;
  let nul = 0;
  for (const byte of sample) if (byte === 0) nul++;
  return nul / sample.length;
}

function hasHighByte(sample: Uint8Array): boolean {
  for (const byte of sample) if (byte >= 0x80) return true;
  return false;
}

/**
 * Decides the encoding from the file's first bytes and a whole-file UTF-8 check.
 *
 * `head` is the start of the file (64 KiB is plenty); `isUtf8` answers whether the whole file is
 * valid UTF-8 and is only called when the answer matters (no BOM, not UTF-16), because it may
 * read the whole file. Pure ASCII is reported as the default `utf-8`.
 */
export async function detectEncoding(
  head: Uint8Array,
  isUtf8: () => Promise<boolean>,
): Promise<DetectedEncoding> {
  const bom = encodingFromBom(head);
  if (bom) return { encoding: bom, source: 'bom' };
  const utf16 = utf16FromNulPattern(head);
  if (utf16) return { encoding: utf16, source: 'detected' };
  if (!(await isUtf8())) return { encoding: 'windows-1252', source: 'detected' };
  return { encoding: 'utf-8', source: hasHighByte(head) ? 'detected' : 'default' };
}
