/**
 * Works out how a text file's bytes are encoded, and says how it knows.
 *
 * Order: a byte-order mark wins; then UTF-16 without a BOM is recognised by its NUL bytes;
 * then the whole file is checked as UTF-8. A file that is mostly UTF-8 stays UTF-8 even with a
 * few invalid bytes (the reader reports the lines and columns that hold them); one with no valid
 * multi-byte character, or far more invalid bytes than valid characters, is taken as
 * Windows-1252 (what Excel on Windows writes for "CSV" in western locales).
 */
import { isUtf8 } from 'node:buffer';
import type { EncodingLabel, SettingSource } from '../../shared/source/source-table';
import type { Utf8Evidence } from './byte-chunks';
import { incompleteTail } from './text-decoding';

/** The encoding of a file and where that came from. */
export interface DetectedEncoding {
  readonly encoding: EncodingLabel;
  readonly source: SettingSource;
  /** True when the bytes are binary data (control bytes throughout), not text in any encoding. */
  readonly binary?: boolean;
}

/**
 * Share of control bytes beyond which bytes that are not UTF-8 are binary data: 5%. Uniformly
 * random bytes hold ~11% (29 of 256 values); a Windows-1252 text holds none.
 */
const binaryControlShare = 0.05;

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

/** C0 control bytes other than tab, line feed, form feed, carriage return and escape. */
function controlShare(sample: Uint8Array): number {
  if (sample.length === 0) return 0;
  let controls = 0;
  for (const byte of sample) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b)
      controls++;
  }
  return controls / sample.length;
}

/**
 * Whether a file that is not all valid UTF-8 is still mostly UTF-8: it has valid multi-byte
 * characters, at least as many as runs of invalid bytes. A Windows-1252 text almost never forms a
 * valid UTF-8 sequence (an accented capital followed by a symbol such as `’`), and a UTF-8 export
 * with a line pasted from elsewhere has far more valid characters than bad bytes; on a tie UTF-8
 * wins, because its bad lines are reported while a wrong Windows-1252 would garble names silently.
 */
export function mostlyUtf8(evidence: Utf8Evidence): boolean {
  return evidence.multiByteChars > 0 && evidence.multiByteChars >= evidence.invalidRuns;
}

/**
 * Decides the encoding from the file's first bytes and, when that is not enough, a whole-file scan.
 *
 * `head` is the start of the file (64 KiB is plenty); `scan` reads the whole file
 * ({@link scanUtf8}) and is only called when the answer matters (no BOM, not UTF-16, not binary
 * at the start). Pure ASCII is reported as the default `utf-8`. `binary` is set, with a nominal
 * encoding, when the bytes are not text: control bytes in more than 5% of the start or of the file.
 */
export async function detectEncoding(
  head: Uint8Array,
  scan: () => Promise<Utf8Evidence>,
): Promise<DetectedEncoding> {
  const bom = encodingFromBom(head);
  if (bom) return { encoding: bom, source: 'bom' };
  const utf16 = utf16FromNulPattern(head);
  if (utf16) return { encoding: utf16, source: 'detected' };
  const headIsUtf8 = isUtf8(head.subarray(0, incompleteTail(head)));
  if (nulShare(head) > 0.1 || (!headIsUtf8 && controlShare(head) > binaryControlShare)) {
    return { encoding: 'windows-1252', source: 'detected', binary: true };
  }
  const evidence = await scan();
  if (evidence.valid) return { encoding: 'utf-8', source: hasHighByte(head) ? 'detected' : 'default' };
  if (evidence.controlBytes > evidence.bytes * binaryControlShare) {
    return { encoding: 'windows-1252', source: 'detected', binary: true };
  }
  if (mostlyUtf8(evidence)) return { encoding: 'utf-8', source: 'detected' };
  return { encoding: 'windows-1252', source: 'detected' };
}
