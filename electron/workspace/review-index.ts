/**
 * The review's row lists (errors, warnings, duplicates, skipped, and rows by issue code) as counts
 * per block of {@link blockSize} rows rather than lists of row indexes, so a file of 10,000,000
 * rows that all have a problem costs a few KB per list, not tens of MB.
 *
 * A row's membership is asked of the review (its status and issue codes, kept compactly there);
 * the counts say in which block the p-th row of a list lies, so a position costs a walk over the
 * blocks' counts and a scan of one block, and a page read in order continues from the last row
 * found (O(limit)). A row moving between lists adjusts a few counters.
 */
import type { Signature } from './issue-signatures';

/** Which rows the review table lists. */
export type RowFilter = 'all' | 'errors' | 'warnings' | 'duplicates' | 'skipped';

/** A row's status in the review. */
export type ReviewStatus = 'valid' | 'invalid' | 'blank' | 'duplicate' | 'skipped' | 'unchecked';

/** The rows a filter lists, by position in file order. */
export interface FilteredRows {
  /** The row index at a position of the list, or undefined past its end. */
  readonly at: (position: number) => number | undefined;
  readonly total: number;
  /** Where row i is in the list (0-based), or null when the list does not hold it. */
  readonly position?: (i: number) => number | null;
}

/** Rows per counted block. */
const blockSize = 4096;
const blockShift = 12;

/** A list of rows known by a predicate and counted per block. */
class CountedList {
  readonly counts: Int32Array;
  total = 0;
  /** The last position answered and its row, to continue a page read in order. */
  #cursor = { position: -1, row: -1 };

  constructor(
    blocks: number,
    private readonly rows: number,
    readonly holds: (i: number) => boolean,
  ) {
    this.counts = new Int32Array(blocks);
  }

  add(i: number, sign: 1 | -1): void {
    this.counts[i >>> blockShift] = (this.counts[i >>> blockShift] ?? 0) + sign;
    this.total += sign;
    this.#cursor.position = -1;
  }

  at(position: number): number | undefined {
    if (!(position >= 0 && position < this.total)) return undefined;
    const cursor = this.#cursor;
    let seen: number;
    let i: number;
    if (cursor.position >= 0 && cursor.position < position && position - cursor.position <= blockSize) {
      seen = cursor.position;
      i = cursor.row + 1;
    } else {
      let block = 0;
      seen = -1;
      while ((this.counts[block] ?? 0) + seen < position) seen += this.counts[block++] ?? 0;
      i = block << blockShift;
    }
    for (; i < this.rows; i += 1) {
      if (!this.holds(i)) continue;
      seen += 1;
      if (seen === position) {
        this.#cursor = { position, row: i };
        return i;
      }
    }
    return undefined;
  }

  position(i: number): number | null {
    if (!this.holds(i)) return null;
    const block = i >>> blockShift;
    let position = 0;
    for (let b = 0; b < block; b += 1) position += this.counts[b] ?? 0;
    for (let r = block << blockShift; r < i; r += 1) if (this.holds(r)) position += 1;
    return position;
  }
}

/** The filter lists and the rows by issue code; see the module comment. */
export class ReviewIndex {
  readonly #blocks: number;
  readonly #lists: Record<Exclude<RowFilter, 'all'>, CountedList>;
  readonly #byCode = new Map<string, CountedList>();

  /**
   * @param rowCount rows of the file
   * @param statusOf row i's status now
   * @param signatureOf row i's issue codes now
   */
  constructor(
    private readonly rowCount: number,
    private readonly statusOf: (i: number) => ReviewStatus,
    private readonly signatureOf: (i: number) => Signature,
  ) {
    this.#blocks = Math.max(1, Math.ceil(rowCount / blockSize));
    const list = (holds: (i: number) => boolean) => new CountedList(this.#blocks, rowCount, holds);
    this.#lists = {
      errors: list((i) => statusOf(i) === 'invalid'),
      warnings: list((i) => signatureOf(i).warned),
      duplicates: list((i) => statusOf(i) === 'duplicate'),
      skipped: list((i) => statusOf(i) === 'skipped'),
    };
  }

  /** Rows with at least one warning. */
  get warningRows(): number {
    return this.#lists.warnings.total;
  }

  /** Counts row i in (sign 1) or out of (sign -1) the lists its status and issues put it in. */
  move(i: number, status: ReviewStatus, signature: Signature, sign: 1 | -1): void {
    const list =
      status === 'invalid'
        ? this.#lists.errors
        : status === 'duplicate'
          ? this.#lists.duplicates
          : status === 'skipped'
            ? this.#lists.skipped
            : null;
    list?.add(i, sign);
    if (signature.warned) this.#lists.warnings.add(i, sign);
    for (const code of signature.codes) {
      let rows = this.#byCode.get(code);
      if (!rows) {
        rows = new CountedList(this.#blocks, this.rowCount, (r) => this.signatureOf(r).codes.has(code));
        this.#byCode.set(code, rows);
      }
      rows.add(i, sign);
    }
  }

  /**
   * The row indexes a filter lists, optionally narrowed to rows with an issue of `issueCode`.
   *
   * A filter alone, or a code alone, is a counted list (no copy); a filter and a code together
   * are the code's rows that the filter holds, listed once (O(rows with that code)).
   */
  filtered(filter: RowFilter, issueCode: string | undefined): FilteredRows {
    if (issueCode !== undefined) {
      const withCode = this.#byCode.get(issueCode);
      if (!withCode || withCode.total === 0) return { at: () => undefined, total: 0, position: () => null };
      if (filter === 'all') return counted(withCode);
      const narrowed = this.#lists[filter];
      const rows: number[] = [];
      for (let p = 0; p < withCode.total; p += 1) {
        const i = withCode.at(p);
        if (i !== undefined && narrowed.holds(i)) rows.push(i);
      }
      return {
        at: (p) => rows[p],
        total: rows.length,
        position: (i) => {
          const at = rows.indexOf(i);
          return at < 0 ? null : at;
        },
      };
    }
    if (filter === 'all')
      return {
        at: (p) => (p >= 0 && p < this.rowCount ? p : undefined),
        total: this.rowCount,
        position: (i) => (i >= 0 && i < this.rowCount ? i : null),
      };
    return counted(this.#lists[filter]);
  }
}

function counted(list: CountedList): FilteredRows {
  return { at: (p) => list.at(p), total: list.total, position: (i) => list.position(i) };
}
