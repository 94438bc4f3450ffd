/**
 * A problem found in one cell or row, named by line and column so the user can find it.
 *
 * Errors keep the row from being sent; warnings are listed and the row is still sent.
 */
export type Severity = 'error' | 'warning';

export interface Issue {
  readonly severity: Severity;
  /** 1-based physical line (text) or sheet row (Excel) where the row starts. */
  readonly line: number;
  /** Column header, or null for a whole-row problem. */
  readonly column: string | null;
  /** Spreadsheet letter of the column (`E`), or null for a whole-row problem. */
  readonly letter: string | null;
  /** The mapped field path (`mobile_phone`, `identities.loyalty_id`), or null. */
  readonly target: string | null;
  /** Stable kebab-case code for grouping (`phone-scientific-notation`, `ragged-row`, …). */
  readonly code: string;
  /** A sentence a user can act on. */
  readonly message: string;
}
