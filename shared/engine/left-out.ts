/**
 * What a sent row goes without, and what Omneo is already known to refuse: the values the options
 * left out of a row ("leave out invalid values", an incomplete address, a mobile phone an earlier
 * row has) and the rows that keep a repeated mobile phone (Omneo keeps `mobile_phone` unique per
 * tenant — omneo-api.md — so it refuses the later profile).
 *
 * Read from a settled row's issues, so the CLI's accumulator, the app's review, the confirmation,
 * `results.csv` and both summaries count the same values: nothing is left out without a word.
 */
import type { RepeatedPhonesPolicy } from './check-options';
import type { Issue } from './issue';

/** Why a value was left out of a sent row. */
export type LeftOutReason = 'invalid' | 'incomplete-address' | 'repeated-mobile-phone';

/** One value a sent row goes without: its field path (`birth_date`, `addresses[2]`) and why. */
export interface LeftOutValue {
  readonly target: string;
  readonly reason: LeftOutReason;
}

/**
 * The values a row's issues say were left out: `value-dropped` (an invalid optional value under
 * "leave out invalid values"), an `address-incomplete` warning (the address left out under the same
 * option) and, when `repeatedPhones` is `leave-out`, `mobile-phone-repeated`.
 */
export function leftOutOf(issues: readonly Issue[], repeatedPhones: RepeatedPhonesPolicy): LeftOutValue[] {
  const values: LeftOutValue[] = [];
  for (const issue of issues) {
    if (issue.code === 'value-dropped') {
      values.push({ target: issue.target ?? issue.column ?? 'a value', reason: 'invalid' });
    } else if (issue.code === 'address-incomplete' && issue.severity === 'warning') {
      values.push({ target: issue.target ?? 'addresses', reason: 'incomplete-address' });
    } else if (issue.code === 'mobile-phone-repeated' && repeatedPhones === 'leave-out') {
      values.push({ target: 'mobile_phone', reason: 'repeated-mobile-phone' });
    }
  }
  return values;
}

/**
 * True when Omneo is known to refuse the row as it will be sent: it keeps a `mobile_phone` that an
 * earlier sent row has (`repeatedPhones: 'keep'`).
 */
export function isKnownRefusal(issues: readonly Issue[], repeatedPhones: RepeatedPhonesPolicy): boolean {
  return repeatedPhones === 'keep' && issues.some((issue) => issue.code === 'mobile-phone-repeated');
}

const reasonWords: Readonly<Record<LeftOutReason, string>> = {
  invalid: 'invalid',
  'incomplete-address': 'incomplete',
  'repeated-mobile-phone': 'repeated from an earlier row',
};

/** One left-out value as `results.csv`'s `left_out` column names it: `birth_date (invalid)`. */
export function describeLeftOutValue(value: LeftOutValue): string {
  return `${value.target} (${reasonWords[value.reason]})`;
}

/** The counts of {@link SentRowTally}. */
export interface LeftOutCounts {
  /** Values left out of sent rows. */
  readonly values: number;
  /** Sent rows with at least one value left out. */
  readonly rows: number;
  /** Left-out values by reason. */
  readonly byReason: Readonly<Record<LeftOutReason, number>>;
}

/**
 * Counts, over sent rows only, the values left out and the rows Omneo is known to refuse. The
 * accumulator only adds; the review also takes a row back out (sign -1) when an edit changes it.
 */
export class SentRowTally {
  #values = 0;
  #rows = 0;
  #refused = 0;
  readonly #byReason: Record<LeftOutReason, number> = {
    invalid: 0,
    'incomplete-address': 0,
    'repeated-mobile-phone': 0,
  };

  constructor(private readonly repeatedPhones: RepeatedPhonesPolicy) {}

  /** Counts one sent row's issues in (sign 1) or out (sign -1). */
  count(issues: readonly Issue[], sign: 1 | -1 = 1): void {
    if (issues.length === 0) return;
    const values = leftOutOf(issues, this.repeatedPhones);
    if (values.length > 0) this.#rows += sign;
    for (const value of values) {
      this.#values += sign;
      this.#byReason[value.reason] += sign;
    }
    if (isKnownRefusal(issues, this.repeatedPhones)) this.#refused += sign;
  }

  /** Values left out of sent rows, and how many rows. */
  get leftOut(): LeftOutCounts {
    return { values: this.#values, rows: this.#rows, byReason: { ...this.#byReason } };
  }

  /** Sent rows Omneo is known to refuse (a repeated mobile phone kept). */
  get refused(): number {
    return this.#refused;
  }
}

const number = new Intl.NumberFormat('en');

/**
 * The left-out counts in one sentence, or null when nothing was left out: "12 values left out of
 * 10 rows: 9 invalid values, 3 repeated mobile phones".
 */
export function describeLeftOut(
  counts: Pick<LeftOutCounts, 'values' | 'rows'> & Partial<LeftOutCounts>,
): string | null {
  if (counts.values === 0) return null;
  const head = `${number.format(counts.values)} ${counts.values === 1 ? 'value' : 'values'} left out of ${number.format(counts.rows)} ${counts.rows === 1 ? 'row' : 'rows'}`;
  if (!counts.byReason) return head;
  const by = counts.byReason;
  const parts = [
    by.invalid > 0 && `${number.format(by.invalid)} invalid ${by.invalid === 1 ? 'value' : 'values'}`,
    by['incomplete-address'] > 0 &&
      `${number.format(by['incomplete-address'])} incomplete ${by['incomplete-address'] === 1 ? 'address' : 'addresses'}`,
    by['repeated-mobile-phone'] > 0 &&
      `${number.format(by['repeated-mobile-phone'])} repeated mobile ${by['repeated-mobile-phone'] === 1 ? 'phone' : 'phones'}`,
  ].filter((part): part is string => typeof part === 'string');
  return parts.length > 0 ? `${head}: ${parts.join(', ')}` : head;
}
