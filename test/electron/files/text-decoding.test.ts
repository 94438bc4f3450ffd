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

/** Decodes `bytes` cut at `cuts` (sorted positions), joining the pieces. */
function decodeInPieces(encoding: 'utf-8' | 'utf-16le', bytes: Uint8Array, cuts: readonly number[]): string {
  const decoder = createDecoder(encoding);
  let text = '';
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    text += decoder.decode(bytes.subarray(at, cut));
    at = cut;
  }
  return text + decoder.end();
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
    ['a lone continuation byte', [0x61, 0x80, 0x62]],
    ['an overlong encoding', [0x61, 0xc0, 0xaf]],
    ['a windows-1252 é', [0x43, 0x61, 0x66, 0xe9, 0x2c, 0x31]],
    ['a character cut off at the end of the file', [0x61, 0xe2, 0x82]],
  ])('throws on %s, wherever the pieces are cut', (_what, bytes) => {
    const data = Uint8Array.from(bytes);
    for (let cut = 0; cut <= data.length; cut++) {
      expect(() => decodeInPieces('utf-8', data, [cut])).toThrow(TypeError);
    }
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
