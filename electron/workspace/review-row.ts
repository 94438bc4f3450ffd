/**
 * The shapes of a review row and of the user's changes to a file, as the workspace answers them.
 */
import type { Issue } from '../../shared/engine/issue';
import type { ReviewStatus } from './review-index';

/** One row as the review table shows it. */
export interface ReviewRow {
  readonly line: number;
  readonly status: ReviewStatus;
  readonly cells: readonly string[];
  readonly issues: readonly Issue[];
  readonly edited: readonly number[];
  readonly skipReason: string | null;
  /** Each cell as it will be sent, by column index (see `sentValues`), when asked for. */
  readonly sent?: readonly (string | null)[];
  /** What decided a cell's sent value, by column index (`read as AU from column F 'Country'`). */
  readonly sentNotes?: readonly (string | null)[] | undefined;
}

/** The user's changes to a file, as a job stores them so a resume rebuilds the same batches. */
export interface RowChanges {
  readonly edits: readonly { readonly line: number; readonly column: number; readonly value: string }[];
  readonly skips: readonly { readonly line: number; readonly reason: string }[];
}
