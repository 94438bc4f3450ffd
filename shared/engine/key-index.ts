/**
 * A compact map from text keys (match keys: emails, identifiers) to a few whole numbers (lines,
 * counts), for files of millions of rows.
 *
 * A `Map<string, …>` costs ~100 bytes or more per entry (the string, the entry, a boxed object);
 * at 10,000,000 distinct keys that alone is over a gigabyte. Here each key is a slot in typed
 * arrays: a fixed-size 64-bit hash (two 32-bit FNV-1a hashes) and its values, with the key's UTF-8
 * bytes kept once in a byte arena so that two keys whose hashes collide are told apart exactly
 * (verified on collision, never guessed). About 16 bytes of table per slot plus 4 per value, at
 * most 70% full, plus the key's bytes.
 */

const empty = 0xffffffff;

/** Values kept per key; see the module comment. */
export class KeyIndex {
  #capacity: number;
  #size = 0;
  #hashHi: Uint32Array;
  #hashLo: Uint32Array;
  /** Start of each slot's key in the arena, or `empty`. */
  #keyStart: Uint32Array;
  #keyLength: Uint32Array;
  #values: Uint32Array;
  #arena: Uint8Array;
  #arenaUsed = 0;

  /** @param width how many values each key holds (e.g. 1: first line; 3: first, last, count) */
  constructor(
    private readonly width: number,
    capacity = 1024,
  ) {
    this.#capacity = capacity;
    this.#hashHi = new Uint32Array(capacity);
    this.#hashLo = new Uint32Array(capacity);
    this.#keyStart = new Uint32Array(capacity).fill(empty);
    this.#keyLength = new Uint32Array(capacity);
    this.#values = new Uint32Array(capacity * width);
    this.#arena = new Uint8Array(64 * 1024);
  }

  /** How many keys are held. */
  get size(): number {
    return this.#size;
  }

  /** The slot of `key`, or -1 when it is not held. */
  find(key: string): number {
    const bytes = utf8(key);
    const [hi, lo] = hashes(bytes);
    const slot = this.#probe(hi, lo, bytes);
    return this.#keyStart[slot] === empty ? -1 : slot;
  }

  /** The slot of `key`, adding it (values 0) when it is new; `added` says which. */
  upsert(key: string): { readonly slot: number; readonly added: boolean } {
    if ((this.#size + 1) * 10 > this.#capacity * 7) this.#grow();
    const bytes = utf8(key);
    const [hi, lo] = hashes(bytes);
    const slot = this.#probe(hi, lo, bytes);
    if (this.#keyStart[slot] !== empty) return { slot, added: false };
    this.#hashHi[slot] = hi;
    this.#hashLo[slot] = lo;
    this.#keyStart[slot] = this.#store(bytes);
    this.#keyLength[slot] = bytes.length;
    this.#size += 1;
    return { slot, added: true };
  }

  /** Value `k` (0-based, below the width) of a slot. */
  get(slot: number, k: number): number {
    return this.#values[slot * this.width + k] ?? 0;
  }

  /** Sets value `k` of a slot (a whole number, 0 to 2^32 − 1). */
  set(slot: number, k: number, value: number): void {
    this.#values[slot * this.width + k] = value;
  }

  /** The slot holding these hashes and bytes, or the empty slot where they would go. */
  #probe(hi: number, lo: number, bytes: Uint8Array): number {
    const mask = this.#capacity - 1;
    let slot = lo & mask;
    for (;;) {
      const start = this.#keyStart[slot] as number;
      if (start === empty) return slot;
      if (this.#hashHi[slot] === hi && this.#hashLo[slot] === lo && this.#sameKey(slot, bytes)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  #sameKey(slot: number, bytes: Uint8Array): boolean {
    if (this.#keyLength[slot] !== bytes.length) return false;
    const start = this.#keyStart[slot] as number;
    for (let i = 0; i < bytes.length; i += 1) if (this.#arena[start + i] !== bytes[i]) return false;
    return true;
  }

  #store(bytes: Uint8Array): number {
    if (this.#arenaUsed + bytes.length > this.#arena.length) {
      const next = Math.max(this.#arena.length * 2, this.#arenaUsed + bytes.length);
      if (next >= empty) throw new RangeError('more than 4 GB of distinct match keys');
      const arena = new Uint8Array(next);
      arena.set(this.#arena.subarray(0, this.#arenaUsed));
      this.#arena = arena;
    }
    const start = this.#arenaUsed;
    this.#arena.set(bytes, start);
    this.#arenaUsed += bytes.length;
    return start;
  }

  #grow(): void {
    const old = {
      capacity: this.#capacity,
      hi: this.#hashHi,
      lo: this.#hashLo,
      start: this.#keyStart,
      length: this.#keyLength,
      values: this.#values,
    };
    const capacity = old.capacity * 2;
    this.#capacity = capacity;
    this.#hashHi = new Uint32Array(capacity);
    this.#hashLo = new Uint32Array(capacity);
    this.#keyStart = new Uint32Array(capacity).fill(empty);
    this.#keyLength = new Uint32Array(capacity);
    this.#values = new Uint32Array(capacity * this.width);
    const mask = capacity - 1;
    for (let from = 0; from < old.capacity; from += 1) {
      const start = old.start[from] as number;
      if (start === empty) continue;
      let slot = (old.lo[from] as number) & mask;
      while (this.#keyStart[slot] !== empty) slot = (slot + 1) & mask;
      this.#hashHi[slot] = old.hi[from] as number;
      this.#hashLo[slot] = old.lo[from] as number;
      this.#keyStart[slot] = start;
      this.#keyLength[slot] = old.length[from] as number;
      for (let k = 0; k < this.width; k += 1)
        this.#values[slot * this.width + k] = old.values[from * this.width + k] as number;
    }
  }
}

/** Two 32-bit FNV-1a hashes of the bytes with different offset bases: a 64-bit fingerprint. */
function hashes(bytes: Uint8Array): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] as number;
    a = Math.imul(a ^ byte, 0x01000193);
    b = Math.imul(b ^ byte, 0x01000193) ^ (b >>> 15);
  }
  return [a >>> 0, b >>> 0];
}

/** Scratch space for one key's UTF-8 bytes (grown when a longer key comes). */
let scratch = new Uint8Array(256);

/** The key's UTF-8 bytes, in {@link scratch} (valid until the next call). */
function utf8(key: string): Uint8Array {
  if (scratch.length < key.length * 3) scratch = new Uint8Array(key.length * 3);
  let n = 0;
  for (let i = 0; i < key.length; i += 1) {
    let code = key.charCodeAt(i);
    if (code < 0x80) {
      scratch[n++] = code;
      continue;
    }
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < key.length) {
      const low = key.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i += 1;
      }
    }
    if (code < 0x800) {
      scratch[n++] = 0xc0 | (code >> 6);
    } else if (code < 0x10000) {
      scratch[n++] = 0xe0 | (code >> 12);
      scratch[n++] = 0x80 | ((code >> 6) & 0x3f);
    } else {
      scratch[n++] = 0xf0 | (code >> 18);
      scratch[n++] = 0x80 | ((code >> 12) & 0x3f);
      scratch[n++] = 0x80 | ((code >> 6) & 0x3f);
    }
    scratch[n++] = 0x80 | (code & 0x3f);
  }
  return scratch.subarray(0, n);
}
