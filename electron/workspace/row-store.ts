/**
 * An open file's rows kept on disk, not as objects: the app reviews files far bigger than memory
 * (10,000,000 rows, ~620 MB of CSV, would be several GB of row objects).
 *
 * Rows are written once, as the file is read, to a private spill file in blocks of
 * {@link blockRows} rows (each block one JSON array: a row is its cells, or `[cells, notes, width]`
 * when the reader noted something). In memory stay only each row's line (a `Uint32Array`) and
 * each block's byte offset (a `Float64Array`): ~4 bytes a row. A row is read back on demand with a
 * synchronous positioned read of its block (~20 KB, from the page cache), and the last
 * {@link cachedBlocks} blocks read are kept parsed, so reading rows in order costs one read and one
 * `JSON.parse` per block. The spill holds the reader's rows exactly as read (any encoding, any
 * format: text or workbook), so every consumer sees what it saw when rows were held in memory.
 *
 * The spill file is removed as soon as it is open where the system allows it (POSIX), so a crash
 * leaves nothing behind; elsewhere it is removed when the store is closed or collected.
 */
import { closeSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { CellNote, SourceRow } from '../../shared/source/source-table';
import { privateFileMode } from '../files/private-files';

/** Rows per block: a block is the unit read back and parsed. */
export const blockRows = 256;
/** Parsed blocks kept (a page of rows, a scan's current block, an edit's neighbours). */
const cachedBlocks = 64;
/** Spilled text gathered before one write. */
const writeBytes = 1 << 20;

/** Rows by index as the workspace reads them: from memory (tests, small tables) or a {@link RowStore}. */
export interface RowSource {
  /** How many data rows. */
  readonly size: number;
  /** Row i's 1-based line (text) or sheet row (Excel). */
  line(i: number): number;
  /** Row i as read; throws RangeError outside 0…size−1. */
  row(i: number): SourceRow;
  /** The row index of a line, or -1 when no data row starts on it (O(log rows)). */
  indexOf(line: number): number;
}

/** A {@link RowSource} over rows already in memory (ascending lines). */
export function rowsInMemory(rows: readonly SourceRow[]): RowSource {
  return {
    size: rows.length,
    line: (i) => rows[i]?.line ?? 0,
    row(i) {
      const row = rows[i];
      if (!row) throw new RangeError(`no row ${i}`);
      return row;
    },
    indexOf: (line) => lowerLine(rows.length, (i) => rows[i]?.line ?? 0, line),
  };
}

/** `rows` as a {@link RowSource}: a source as it is, an array through {@link rowsInMemory}. */
export function asRowSource(rows: readonly SourceRow[] | RowSource): RowSource {
  return Array.isArray(rows) ? rowsInMemory(rows) : (rows as RowSource);
}

/** Binary search over ascending lines: the index holding `line`, or -1. */
function lowerLine(size: number, lineAt: (i: number) => number, line: number): number {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lineAt(mid) < line) lo = mid + 1;
    else hi = mid;
  }
  return lo < size && lineAt(lo) === line ? lo : -1;
}

type StoredRow = readonly string[] | readonly [readonly string[], readonly CellNote[] | null, number | null];

const spills = new FinalizationRegistry<{ fd: number; file: string | null }>((held) => {
  closeQuietly(held);
});

function closeQuietly(held: { fd: number; file: string | null }): void {
  try {
    closeSync(held.fd);
  } catch {
    // already closed
  }
  if (held.file !== null) rmSync(held.file, { force: true });
}

let spillCount = 0;

/** Rows spilled to disk; see the module comment. Build one with {@link RowStore.fill}. */
export class RowStore implements RowSource {
  readonly #held: { fd: number; file: string | null };
  readonly #lines: Uint32Array;
  /** Byte offset of each block in the spill, plus its end. */
  readonly #blockStart: Float64Array;
  readonly #cache = new Map<number, SourceRow[]>();
  #buffer = Buffer.alloc(64 * 1024);

  private constructor(
    held: { fd: number; file: string | null },
    lines: Uint32Array,
    blockStart: Float64Array,
  ) {
    this.#held = held;
    this.#lines = lines;
    this.#blockStart = blockStart;
    spills.register(this, held, this);
  }

  /**
   * Reads `rows` (a table's row stream, in file order) into a new spill file in `folder` (which
   * must exist and be private). `onRows` gets the rows stored so far after each chunk. Throws what
   * the stream throws (the spill is removed) and the file system's errors (a full disk).
   */
  static async fill(
    rows: AsyncIterable<readonly SourceRow[]>,
    folder: string,
    onRows?: (rows: number) => void,
  ): Promise<RowStore> {
    const file = path.join(folder, `rows-${process.pid}-${Date.now()}-${spillCount++}.spill`);
    const fd = openSync(file, 'w+', privateFileMode);
    const held = { fd, file: file as string | null };
    try {
      unlinkSync(file); // POSIX: the open descriptor keeps it readable; nothing is left after a crash
      held.file = null;
    } catch {
      // Windows: an open file cannot be removed; removed on close instead.
    }
    try {
      let lines = new Uint32Array(64 * 1024);
      let blocks = new Float64Array(1024);
      let size = 0;
      let offset = 0;
      let pending: string[] = [];
      let pendingBytes = 0;
      let block: StoredRow[] = [];
      const flush = (): void => {
        if (pending.length === 0) return;
        const bytes = Buffer.from(pending.join(''), 'utf8');
        let written = 0;
        while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
        pending = [];
        pendingBytes = 0;
      };
      const endBlock = (): void => {
        const text = JSON.stringify(block);
        const index = Math.floor((size - 1) / blockRows);
        if (index + 2 > blocks.length) blocks = grown(blocks, blocks.length * 2);
        blocks[index] = offset;
        offset += Buffer.byteLength(text, 'utf8');
        blocks[index + 1] = offset;
        pending.push(text);
        pendingBytes += text.length;
        block = [];
        if (pendingBytes >= writeBytes) flush();
      };
      for await (const chunk of rows) {
        for (const row of chunk) {
          if (size === lines.length) lines = grown(lines, lines.length * 2);
          lines[size++] = row.line;
          block.push(
            row.notes === undefined && row.width === undefined
              ? row.cells
              : [row.cells, row.notes ?? null, row.width ?? null],
          );
          if (block.length === blockRows) endBlock();
        }
        onRows?.(size);
      }
      if (block.length > 0) endBlock();
      flush();
      const blockCount = Math.ceil(size / blockRows);
      return new RowStore(held, lines.slice(0, size), blocks.slice(0, blockCount + 1));
    } catch (error) {
      closeQuietly(held);
      throw error;
    }
  }

  get size(): number {
    return this.#lines.length;
  }

  line(i: number): number {
    return this.#lines[i] ?? 0;
  }

  indexOf(line: number): number {
    const lines = this.#lines;
    return lowerLine(lines.length, (i) => lines[i] ?? 0, line);
  }

  row(i: number): SourceRow {
    if (!(i >= 0 && i < this.#lines.length)) throw new RangeError(`no row ${i}`);
    const b = Math.floor(i / blockRows);
    let block = this.#cache.get(b);
    if (block === undefined) {
      block = this.#readBlock(b);
      if (this.#cache.size >= cachedBlocks) this.#cache.delete(this.#cache.keys().next().value as number);
      this.#cache.set(b, block);
    }
    return block[i - b * blockRows] as SourceRow;
  }

  /** Closes and removes the spill; rows can no longer be read. Safe to call twice. */
  close(): void {
    spills.unregister(this);
    this.#cache.clear();
    closeQuietly(this.#held);
  }

  #readBlock(b: number): SourceRow[] {
    const start = this.#blockStart[b] ?? 0;
    const length = (this.#blockStart[b + 1] ?? start) - start;
    if (this.#buffer.length < length) this.#buffer = Buffer.alloc(Math.max(length, this.#buffer.length * 2));
    let read = 0;
    while (read < length) {
      const n = readSync(this.#held.fd, this.#buffer, read, length - read, start + read);
      if (n === 0) throw new Error('the spilled rows of the open file are cut short');
      read += n;
    }
    const stored = JSON.parse(this.#buffer.toString('utf8', 0, length)) as StoredRow[];
    const first = b * blockRows;
    return stored.map((entry, k): SourceRow => {
      const line = this.#lines[first + k] ?? 0;
      if (entry.length === 0 || typeof entry[0] === 'string') return { line, cells: entry as string[] };
      const [cells, notes, width] = entry as [string[], CellNote[] | null, number | null];
      return {
        line,
        cells,
        ...(notes !== null ? { notes } : {}),
        ...(width !== null ? { width } : {}),
      };
    });
  }
}

function grown<T extends Uint32Array | Float64Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
