/**
 * A small bounded memo for the expensive normalisers (phones, dates).
 *
 * The engine calls normalisers per cell, up to millions of times, and real columns repeat values
 * (birthdays, country names, the same office phone). A plain `Map` capped at `limit` entries and
 * cleared when full keeps memory bounded without the bookkeeping of an LRU: a clear costs one
 * cold pass over the next `limit` distinct values, which is cheap next to the work it saves.
 */
export interface BoundedMemo<V> {
  /** The cached value for `key`, computing and storing it on a miss. */
  get(key: string, compute: () => V): V;
  /** Number of entries held now (for tests and measurements). */
  readonly size: number;
  /** Forget everything (for measurements of cold calls). */
  clear(): void;
}

/** Default cap: ~50k entries, a few MB at most for short strings and small result objects. */
export const DEFAULT_MEMO_LIMIT = 50_000;

/**
 * Create a bounded memo holding at most `limit` entries.
 *
 * Keys must encode every input that affects the result (e.g. region and text for phones).
 */
export function createBoundedMemo<V>(limit: number = DEFAULT_MEMO_LIMIT): BoundedMemo<V> {
  const entries = new Map<string, V>();
  return {
    get(key, compute) {
      const hit = entries.get(key);
      if (hit !== undefined) return hit;
      const value = compute();
      if (entries.size >= limit) entries.clear();
      entries.set(key, value);
      return value;
    },
    get size() {
      return entries.size;
    },
    clear() {
      entries.clear();
    },
  };
}

/**
 * Quote a cell value for a message, shortened so a huge cell cannot flood a report.
 *
 * Invisible characters stay as they are; callers that suspect them say so in words.
 */
export function quoteValue(text: string, max = 60): string {
  const shown = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `'${shown}'`;
}
