/**
 * Inferring a text date column's order from all of its values.
 *
 * One value that only fits one order (`15/04/1991`) decides the whole column, so the column is
 * never read as a per-row mix (case 16-dates-dmy-with-proof); a column whose values all fit both
 * orders stays ambiguous and must not be sent until the user picks (case 17-dates-all-ambiguous).
 */
import { possibleDateOrders, type DateOrder } from './date-parse';

/** What a column's values say about its date order. */
export interface DateOrderInference {
  /** The order to read the column with, or null when nothing decides it (or values conflict). */
  readonly order: DateOrder | null;
  /** Some values fit both day-first and month-first, and no value decided between them. */
  readonly ambiguous: boolean;
  /** Some values only fit day-first and others only month-first: the column mixes orders. */
  readonly conflict: boolean;
  /** How many values only fit day-first, only month-first, both, were ISO, or fit no order. */
  readonly counts: {
    readonly dmy: number;
    readonly mdy: number;
    readonly both: number;
    readonly ymd: number;
    readonly unreadable: number;
  };
}

/**
 * Accumulates a column's values (empty cells are ignored) and tells its order.
 *
 * Order-independent values (ISO, month names, Excel serials) never block a decision. A column of
 * only ISO values reads as `ymd`; dmy-only evidence gives `dmy`, mdy-only gives `mdy`; evidence for
 * both is a `conflict` with order null; only both-fitting values is `ambiguous` with order null.
 * `add` takes the value's `possibleDateOrders` when the caller already has them (saves a parse).
 */
export function createDateOrderDetector(): {
  add(text: string, orders?: readonly DateOrder[]): void;
  result(): DateOrderInference;
} {
  const counts = { dmy: 0, mdy: 0, both: 0, ymd: 0, unreadable: 0 };
  return {
    add(text, orders = possibleDateOrders(text)) {
      if (text.trim().length === 0) return;
      if (orders.length === 0) counts.unreadable++;
      else if (orders.length === 1) counts[orders[0] ?? 'ymd']++;
      else if (orders.length === 2) counts.both++;
    },
    result() {
      const conflict = counts.dmy > 0 && counts.mdy > 0;
      const decided = counts.dmy > 0 || counts.mdy > 0;
      const ambiguous = counts.both > 0 && !decided;
      let order: DateOrder | null = null;
      if (!conflict) {
        if (counts.dmy > 0) order = 'dmy';
        else if (counts.mdy > 0) order = 'mdy';
        else if (counts.both === 0 && counts.ymd > 0) order = 'ymd';
      }
      return { order, ambiguous, conflict, counts: { ...counts } };
    },
  };
}
