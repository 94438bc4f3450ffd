/**
 * Rows grouped by a text key (a match key, a mobile phone), compact enough for 10,000,000 rows:
 * the review's duplicate groups and repeated-phone groups.
 *
 * Keys get a stable number from the engine's compact {@link KeyIndex} (exact: a key's bytes are
 * kept once and compared on a hash match). Each group is a list of row indexes in file order,
 * linked through one `Int32Array` over the rows (`next`), with its first and last row and its size
 * in typed arrays by group number: 4 bytes a row plus 12 a group, instead of an array per key.
 * Rows join in file order during a check (an append, O(1)); an edit that moves a row into or out of
 * the middle of a group walks that group (O(group), and groups are small).
 */
import { KeyIndex } from '../../shared/engine/key-index';

const none = -1;

/** Groups of rows by key; see the module comment. */
export class RowGroups {
  readonly #ids = new KeyIndex(1);
  #first: Int32Array = new Int32Array(1024).fill(none);
  #last: Int32Array = new Int32Array(1024).fill(none);
  #count: Int32Array = new Int32Array(1024);
  readonly #next: Int32Array;

  /** @param rows how many rows can be grouped (row indexes 0…rows−1) */
  constructor(rows: number) {
    this.#next = new Int32Array(rows).fill(none);
  }

  /** The group number of `key` (a new, empty group for a key not seen before). */
  idOf(key: string): number {
    const { slot, added } = this.#ids.upsert(key);
    if (!added) return this.#ids.get(slot, 0);
    const id = this.#ids.size - 1;
    this.#ids.set(slot, 0, id);
    if (id >= this.#first.length) {
      const length = this.#first.length * 2;
      this.#first = grown(this.#first, length, none);
      this.#last = grown(this.#last, length, none);
      this.#count = grown(this.#count, length, 0);
    }
    return id;
  }

  /** The first row of group `id`, or -1 when it is empty. */
  first(id: number): number {
    return this.#first[id] ?? none;
  }

  /** The last row of group `id`, or -1 when it is empty. */
  last(id: number): number {
    return this.#last[id] ?? none;
  }

  /** How many rows group `id` holds. */
  count(id: number): number {
    return this.#count[id] ?? 0;
  }

  /** The row after `row` in its group, or -1. */
  next(row: number): number {
    return this.#next[row] ?? none;
  }

  /**
   * Adds `row` to group `id` in file order; answers the rows before and after it (-1 when none),
   * the rows whose standing its arrival can change.
   */
  join(id: number, row: number): { readonly before: number; readonly after: number } {
    const first = this.first(id);
    const last = this.last(id);
    this.#count[id] = this.count(id) + 1;
    if (first === none) {
      this.#first[id] = row;
      this.#last[id] = row;
      this.#next[row] = none;
      return { before: none, after: none };
    }
    if (row > last) {
      this.#next[last] = row;
      this.#next[row] = none;
      this.#last[id] = row;
      return { before: last, after: none };
    }
    if (row < first) {
      this.#next[row] = first;
      this.#first[id] = row;
      return { before: none, after: first };
    }
    let at = first;
    while (this.next(at) !== none && this.next(at) < row) at = this.next(at);
    this.#next[row] = this.next(at);
    this.#next[at] = row;
    return { before: at, after: this.next(row) };
  }

  /**
   * Takes `row` out of group `id`; answers the rows that were before and after it (-1 when
   * none). A row not in the group changes nothing.
   */
  leave(id: number, row: number): { readonly before: number; readonly after: number } {
    const first = this.first(id);
    if (first === none) return { before: none, after: none };
    const after = this.next(row);
    let before = none;
    if (first === row) this.#first[id] = after;
    else {
      before = first;
      while (before !== none && this.next(before) !== row) before = this.next(before);
      if (before === none) return { before: none, after: none };
      this.#next[before] = after;
    }
    if (this.last(id) === row) this.#last[id] = before;
    this.#next[row] = none;
    this.#count[id] = this.count(id) - 1;
    return { before, after };
  }
}

function grown(array: Int32Array, length: number, fill: number): Int32Array {
  const next = new Int32Array(length).fill(fill);
  next.set(array);
  return next;
}
