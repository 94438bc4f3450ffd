/**
 * The piecewise decoders give exactly what one whole decode gives, wherever the pieces are cut,
 * and fail on bytes that are not valid in the encoding; the byte reader (reading one chunk ahead)
 * yields the file exactly and stops cleanly when its reader stops early.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFileUtf8, readByteChunks } from '../../../electron/files/byte-chunks';
import { createDecoder, incompleteTail } from '../../../electron/files/text-decoding';

/** Decodes `bytes` cut at `cuts` (sorted positions), joining the pieces; `lossy` if any piece was. */
function decodeLossy(
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be',
  bytes: Uint8Array,
  cuts: readonly number[],
): { text: string; lossy: boolean } {
  const decoder = createDecoder(encoding);
  let text = '';
  let lossy = false;
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    const piece = decoder.decode(bytes.subarray(at, cut));
    text += piece.text;
    lossy ||= piece.lossy;
    at = cut;
  }
  const rest = decoder.end();
  return { text: text + rest.text, lossy: lossy || rest.lossy };
}

/** The text of `bytes` decoded in pieces; fails if any piece was lossy. */
function decodeInPieces(encoding: 'utf-8' | 'utf-16le', bytes: Uint8Array, cuts: readonly number[]): string {
  const { text, lossy } = decodeLossy(encoding, bytes, cuts);
  expect(lossy).toBe(false);
  return text;
}

const cutsOf = (length: number) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: length }), { maxLength: 12 })
    .map((cuts) => cuts.sort((a, b) => a - b));

describe('UTF-8 decoding in pieces', () => {
  it('equals one whole decode for any text and any cuts (property)', () => {
    const sample = fc.tuple(
      fc.boolean(),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(
        sample.chain(([bom, text, tail]) => {
          // A U+FEFF inside the text is content and must survive; only a leading BOM is dropped.
          const body = `a${text}\ufeff${tail}`;
          const bytes = Buffer.from(bom ? `\ufeff${body}` : body, 'utf8');
          return fc.tuple(fc.constant(bytes), fc.constant(body), cutsOf(bytes.length));
        }),
        ([bytes, body, cuts]) => {
          expect(decodeInPieces('utf-8', bytes, cuts)).toBe(body);
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['a lone continuation byte', [0x61, 0x80, 0x62], 'a\ufffdb'],
    ['an overlong encoding', [0x61, 0xc0, 0xaf], 'a\ufffd\ufffd'],
    ['an encoded surrogate (CESU-8)', [0x61, 0xed, 0xa0, 0x80, 0x62], 'a\ufffd\ufffd\ufffdb'],
    ['a windows-1252 é', [0x43, 0x61, 0x66, 0xe9, 0x2c, 0x31], 'Caf\ufffd,1'],
    ['a character cut off at the end of the file', [0x61, 0xe2, 0x82], 'a\ufffd'],
    ['a byte that never starts UTF-8', [0x61, 0xff, 0x62], 'a\ufffdb'],
  ])('%s: U+FFFD and lossy, wherever the pieces are cut (never a throw)', (_what, bytes, expected) => {
    const data = Uint8Array.from(bytes);
    for (let cut = 0; cut <= data.length; cut++) {
      expect(decodeLossy('utf-8', data, [cut])).toEqual({ text: expected, lossy: true });
    }
  });

  it.each([
    ['a lone high surrogate', 'a\ud83db', 'a\ufffdb'],
    ['a lone low surrogate', 'a\udc89b', 'a\ufffdb'],
    ['a high surrogate ending the file', 'ab\ud83d', 'ab\ufffd'],
  ])('UTF-16: %s is U+FFFD and lossy, wherever the pieces are cut', (_what, text, expected) => {
    for (const bigEndian of [false, true]) {
      const bytes = Buffer.from(text, 'utf16le');
      if (bigEndian) bytes.swap16();
      for (let cut = 0; cut <= bytes.length; cut++) {
        const decoded = decodeLossy(bigEndian ? 'utf-16be' : 'utf-16le', bytes, [cut]);
        expect(decoded).toEqual({ text: expected, lossy: true });
      }
    }
  });

  it('UTF-16: an odd byte ending the file is U+FFFD and lossy', () => {
    const bytes = Buffer.concat([Buffer.from('ab', 'utf16le'), Buffer.from([0x63])]);
    expect(decodeLossy('utf-16le', bytes, [3])).toEqual({ text: 'ab\ufffd', lossy: true });
  });

  it('a U+FFFD written in the file is text, not lossy', () => {
    expect(decodeLossy('utf-8', Buffer.from('a\ufffdb'), [2])).toEqual({ text: 'a\ufffdb', lossy: false });
  });

  it('agrees with the streaming decoder for UTF-16 too', () => {
    const text = 'email,name\r\nzoë@example.com,Zoë 🎉\r\n';
    const bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
    for (let cut = 0; cut <= bytes.length; cut += 3) {
      expect(decodeInPieces('utf-16le', bytes, [cut])).toBe(text);
    }
  });

  it.each([
    [[0x61, 0x62], 2],
    [[0x61, 0xc3], 1],
    [[0x61, 0xe2, 0x82], 1],
    [[0x61, 0xe2, 0x82, 0xac], 4],
    [[0xf0, 0x9f, 0x8e], 0],
    [[0xf0, 0x9f, 0x8e, 0x89], 4],
  ])('incompleteTail(%j) = %i', (bytes, expected) => {
    expect(incompleteTail(Uint8Array.from(bytes))).toBe(expected);
  });
});

describe('readByteChunks', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'omneo-bytes-'));
  const file = path.join(dir, 'data.bin');
  const data = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));
  writeFileSync(file, data);

  it('yields the whole file in order, reading ahead, with progress', async () => {
    const progress: number[] = [];
    const chunks: Uint8Array[] = [];
    for await (const chunk of readByteChunks(file, {
      chunkBytes: 3000,
      onProgress: (p) => progress.push(p.bytesRead),
    })) {
      chunks.push(chunk);
    }
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    expect(chunks.map((c) => c.length)).toEqual([3000, 3000, 3000, 1000]);
    expect(progress).toEqual([3000, 6000, 9000, 10_000]);
  });

  it('stops cleanly when the reader stops early (the read ahead is awaited before closing)', async () => {
    let seen = 0;
    for await (const chunk of readByteChunks(file, { chunkBytes: 1000 })) {
      seen += chunk.length;
      if (seen >= 2000) break;
    }
    expect(seen).toBe(2000);
    // The file can be read again at once: nothing was left open or failing.
    let total = 0;
    for await (const chunk of readByteChunks(file, { chunkBytes: 4096 })) total += chunk.length;
    expect(total).toBe(data.length);
  });

  it('throws the abort reason when cancelled', async () => {
    const controller = new AbortController();
    const read = async () => {
      for await (const _chunk of readByteChunks(file, { chunkBytes: 1000, signal: controller.signal })) {
        controller.abort(new Error('stopped by the user'));
      }
    };
    await expect(read()).rejects.toThrow('stopped by the user');
  });
});

describe('isFileUtf8', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'omneo-utf8-'));
  const scan = 4 << 20; // the pre-scan's buffer: characters cut at its end must carry over
  const write = (name: string, ...parts: Buffer[]): string => {
    const file = path.join(dir, name);
    writeFileSync(file, Buffer.concat(parts));
    return file;
  };
  const ascii = (n: number): Buffer => Buffer.alloc(n, 0x61);

  it.each([
    ['é cut by the buffer end', [ascii(scan - 1), Buffer.from('é🎉,x\n')], true],
    ['🎉 cut by the buffer end', [ascii(scan - 2), Buffer.from('🎉é\n')], true],
    [
      'a windows-1252 byte after the first buffer',
      [ascii(scan + 10), Buffer.from([0x43, 0xe9, 0x2c])],
      false,
    ],
    ['a windows-1252 byte at the buffer end', [ascii(scan - 1), Buffer.from([0xe9]), ascii(5)], false],
    ['a character cut off by the end of the file', [ascii(100), Buffer.from([0xe2, 0x82])], false],
    ['plain ASCII', [ascii(scan * 2 + 3)], true],
  ] as const)('%s → %s', async (name, parts, expected) => {
    expect(await isFileUtf8(write(`${name}.csv`, ...parts))).toBe(expected);
  });
});
