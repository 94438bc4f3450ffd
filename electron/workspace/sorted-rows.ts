/**
 * Sorted arrays of row indexes, kept sorted as rows come and go: the review's groups (rows sharing
 * a match key or a phone) and its filter lists. Appending in file order is a push; any other
 * insert or removal is a binary search and a splice.
 */

/** Inserts `value` into a sorted array (a push when it is the largest); answers its position. */
export function insertSorted(list: number[], value: number): number {
  const last = list[list.length - 1];
  if (last === undefined || last < value) {
    list.push(value);
    return list.length - 1;
  }
  const at = lowerBound(list, value);
  if (list[at] !== value) list.splice(at, 0, value);
  return at;
}

/** Removes `value` from a sorted array; answers where it was, or -1. */
export function removeSorted(list: number[], value: number): number {
  const at = lowerBound(list, value);
  if (list[at] !== value) return -1;
  list.splice(at, 1);
  return at;
}

/** Inserts (sign 1) or removes (sign -1) `value`. */
export function updateSorted(list: number[], value: number, sign: 1 | -1): void {
  if (sign > 0) insertSorted(list, value);
  else removeSorted(list, value);
}

/** The first position whose value is not below `value`. */
export function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
