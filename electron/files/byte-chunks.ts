/**
 * Reads a file as a sequence of byte chunks, with progress and cancellation.
 *
 * Bounded memory: two chunks (the one yielded and the one read ahead) whatever the file size.
 */
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { incompleteTail } from './text-decoding';

/** Options for {@link readByteChunks}. */
export interface ByteChunkOptions {
  /**
   * Bytes per read; default 64 KiB, as Node's file streams. Measured on the 1,000,000-row bench
   * files: 64 KiB reads in ~0.85 of the time 256 KiB takes, because the ~1,000 rows parsed from
   * a chunk die young; bigger chunks keep more rows alive across collections.
   */
  readonly chunkBytes?: number;
  readonly signal?: AbortSignal;
  /** Called after each chunk with the bytes read so far and the file size. */
  readonly onProgress?: (progress: { bytesRead: number; totalBytes: number }) => void;
}

const defaultChunkBytes = 64 * 1024;

/**
 * Yields the file's bytes in order, each chunk a fresh buffer the caller may keep.
 *
 * The next chunk is read while the caller works on this one (one read ahead), so parsing never
 * waits for the disk or the thread pool: measured on a 62 MB file, reading one chunk at a time
 * left the thread idle for ~20% of a read. Throws the signal's reason when aborted, and Node's fs
 * errors (ENOENT, EACCES) as they are.
 */
export async function* readByteChunks(
  filePath: string,
  options: ByteChunkOptions = {},
): AsyncGenerator<Uint8Array> {
  const chunkBytes = options.chunkBytes ?? defaultChunkBytes;
  const handle = await open(filePath, 'r');
  const readNext = async (): Promise<Uint8Array> => {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
    return bytesRead === chunkBytes ? buffer : buffer.subarray(0, bytesRead);
  };
  let ahead: Promise<Uint8Array> | null = null;
  try {
    const totalBytes = (await handle.stat()).size;
    let bytesRead = 0;
    ahead = readNext();
    for (;;) {
      options.signal?.throwIfAborted();
      const chunk: Uint8Array = await ahead;
      ahead = null;
      if (chunk.length === 0) break;
      ahead = readNext();
      bytesRead += chunk.length;
      options.onProgress?.({ bytesRead, totalBytes });
      yield chunk;
    }
  } finally {
    // A read still in flight must finish before the handle closes; its error no longer matters.
    if (ahead !== null) await ahead.catch(() => undefined);
    await handle.close();
  }
}

/** Reads up to `length` bytes from the start of the file, and its size. */
export async function readHead(
  filePath: string,
  length: number,
): Promise<{ readonly head: Uint8Array; readonly size: number }> {
  const handle = await open(filePath, 'r');
  try {
    const size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(length, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}

/** Bytes per read of the UTF-8 pre-scan: one buffer, reused. */
const scanBytes = 4 << 20;

/**
 * Whether the whole file is valid UTF-8, reading it chunk by chunk (stops at the first fault).
 *
 * Uses Node's `buffer.isUtf8` (simdutf) over one reused buffer, so the cost is about that of
 * reading the file from the page cache: measured ~11 ms for 62 MB, against ~20 ms with a fresh
 * buffer per read. A character cut at a buffer's end is moved to its start for the next read.
 * Throws the signal's reason when aborted, and Node's fs errors as they are.
 */
export async function isFileUtf8(filePath: string, signal?: AbortSignal): Promise<boolean> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.allocUnsafe(scanBytes);
    let carried = 0;
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, carried, scanBytes - carried, null);
      if (bytesRead === 0) return carried === 0;
      const bytes = buffer.subarray(0, carried + bytesRead);
      const cut = incompleteTail(bytes);
      if (!isUtf8(bytes.subarray(0, cut))) return false;
      carried = bytes.length - cut;
      buffer.copyWithin(0, cut, bytes.length);
    }
  } finally {
    await handle.close();
  }
}

/** What a whole-file scan found about a file that is not all valid UTF-8. */
export interface Utf8Evidence {
  /** True when every byte is valid UTF-8 (the other counts are then 0: not counted). */
  readonly valid: boolean;
  /** Characters of two to four bytes that are valid UTF-8. */
  readonly multiByteChars: number;
  /** Runs of bytes that are not valid UTF-8 (each would become one U+FFFD). */
  readonly invalidRuns: number;
  /** C0 control bytes other than tab, line feed, form feed, carriage return and escape. */
  readonly controlBytes: number;
  /** The file's size in bytes. */
  readonly bytes: number;
}

function isControlByte(byte: number): boolean {
  return byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b;
}

/**
 * Scans the whole file for how much of it is UTF-8, so one stray byte does not decide a file.
 *
 * A file that is valid UTF-8 costs one fast pass ({@link isFileUtf8}). Otherwise a second pass
 * counts, buffer by buffer, the valid multi-byte characters, the invalid runs (through a lenient
 * TextDecoder: each maximal invalid run becomes one U+FFFD, as the WHATWG Encoding standard says;
 * a U+FFFD written in the file is counted with them) and the control bytes binary data is full of.
 * Throws the signal's reason when aborted, and Node's fs errors as they are.
 */
export async function scanUtf8(filePath: string, signal?: AbortSignal): Promise<Utf8Evidence> {
  if (await isFileUtf8(filePath, signal)) {
    return { valid: true, multiByteChars: 0, invalidRuns: 0, controlBytes: 0, bytes: 0 };
  }
  const handle = await open(filePath, 'r');
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
  let multiByteChars = 0;
  let invalidRuns = 0;
  let controlBytes = 0;
  let total = 0;
  try {
    const buffer = Buffer.allocUnsafe(scanBytes);
    let carried = 0;
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, carried, scanBytes - carried, null);
      const bytes = buffer.subarray(0, carried + bytesRead);
      const cut = bytesRead === 0 ? bytes.length : incompleteTail(bytes);
      const piece = bytes.subarray(0, cut);
      total += bytesRead;
      for (const byte of piece) if (isControlByte(byte)) controlBytes++;
      if (isUtf8(piece)) {
        for (const byte of piece) if (byte >= 0xc0) multiByteChars++;
      } else {
        const text = lenient.decode(piece);
        for (let i = 0; i < text.length; i++) {
          const code = text.charCodeAt(i);
          if (code === 0xfffd) invalidRuns++;
          else if (code >= 0x80 && (code < 0xdc00 || code > 0xdfff)) multiByteChars++;
        }
      }
      if (bytesRead === 0) break;
      carried = bytes.length - cut;
      buffer.copyWithin(0, cut, bytes.length);
    }
  } finally {
    await handle.close();
  }
  return { valid: false, multiByteChars, invalidRuns, controlBytes, bytes: total };
}
