/**
 * Incremental, loss-free text decoding for the encodings the reader supports.
 *
 * Decoding is fatal: a byte sequence that is not valid in the chosen encoding is a file error,
 * never a U+FFFD in a customer's name. Windows-1252 cannot fail (every byte means something).
 */
import type { EncodingLabel } from '../../shared/source/source-table';

/**
 * WHATWG index-windows-1252 for bytes 0x80–0x9F (https://encoding.spec.whatwg.org/index-windows-1252.txt).
 *
 * Node 20's TextDecoder decodes the label `windows-1252` as ISO-8859-1, so `’` (0x92) would come
 * out as the control U+0092; we map those 32 code points ourselves. The five bytes the index
 * leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay as their C1 code point, as the spec says.
 */
const cp1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];
const c1Pattern = /[\u0080-\u009f]/g;

function fixWindows1252(text: string): string {
  if (!/[\u0080-\u009f]/.test(text)) return text;
  return text.replace(c1Pattern, (ch) =>
    String.fromCharCode(cp1252High[ch.charCodeAt(0) - 0x80] ?? ch.charCodeAt(0)),
  );
}

/** Decodes a byte stream piece by piece; `end()` flushes and checks the last piece. */
export interface IncrementalDecoder {
  /** Decodes the next bytes; a character split across pieces is held back until complete. */
  decode(bytes: Uint8Array): string;
  /** Flushes what is held back. Throws TypeError if the input ended mid-character. */
  end(): string;
}

/**
 * A fatal, streaming decoder for `encoding`.
 *
 * A byte-order mark matching the encoding is dropped (TextDecoder's default), so no U+FEFF is
 * glued to the first header. Throws TypeError (from TextDecoder) on invalid input.
 */
export function createDecoder(encoding: EncodingLabel): IncrementalDecoder {
  if (encoding === 'windows-1252') {
    const latin = new TextDecoder('windows-1252');
    return {
      decode: (bytes) => fixWindows1252(latin.decode(bytes, { stream: true })),
      end: () => fixWindows1252(latin.decode()),
    };
  }
  const decoder = new TextDecoder(encoding, { fatal: true });
  return {
    decode: (bytes) => decoder.decode(bytes, { stream: true }),
    end: () => decoder.decode(),
  };
}
