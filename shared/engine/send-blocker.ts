/**
 * The "nothing can be sent" rule, once: why a checked file may not be imported at all. `check`'s
 * exit code, `run` before it sends, and the app's review and confirmation all ask it, so a file the
 * CLI refuses is refused by the app for the same reason (and the other way round).
 */
import type { MappingProblem } from '../mapping/validate-mapping';
import type { FileError } from '../source/source-table';
import {
  describeMixedDates,
  mixedDateEvidence,
  type AmbiguousDateColumn,
  type CheckReport,
} from './check-report';
import type { CheckSummary } from './check-result';

/** What the rule looks at: a check's file error, mapping problems, date columns and counts. */
export interface SendFacts {
  readonly fileError: FileError | null;
  readonly mappingProblems: readonly MappingProblem[];
  readonly ambiguousDateColumns: readonly AmbiguousDateColumn[];
  /** The counts; `skipped` is the rows the user skipped in the app (0 in the CLI). */
  readonly summary: Pick<CheckSummary, 'rows' | 'blank' | 'valid'> & { readonly skipped?: number };
}

/** Why nothing can be sent, most fundamental first. */
export type SendBlocker =
  | { readonly kind: 'file-error'; readonly error: FileError }
  | { readonly kind: 'mapping'; readonly problems: readonly MappingProblem[] }
  | { readonly kind: 'no-data-rows'; readonly blank: number }
  | { readonly kind: 'ambiguous-dates'; readonly columns: readonly AmbiguousDateColumn[] }
  | { readonly kind: 'all-skipped' }
  | { readonly kind: 'no-valid-rows' };

/**
 * Why nothing of a checked file can be sent, or null when its valid rows can go: the file cannot
 * be read; the mapping has problems; the file has no row with data; a date
 * column's order is unknown (no row is sent until one is chosen); the user skipped every row with
 * data; or no row is valid.
 */
export function sendBlocker(facts: SendFacts): SendBlocker | null {
  if (facts.fileError !== null) return { kind: 'file-error', error: facts.fileError };
  if (facts.mappingProblems.length > 0) return { kind: 'mapping', problems: facts.mappingProblems };
  const { rows, blank, valid, skipped = 0 } = facts.summary;
  if (rows - blank === 0) return { kind: 'no-data-rows', blank };
  if (facts.ambiguousDateColumns.length > 0)
    return { kind: 'ambiguous-dates', columns: facts.ambiguousDateColumns };
  if (valid > 0) return null;
  if (skipped > 0 && skipped === rows - blank) return { kind: 'all-skipped' };
  return { kind: 'no-valid-rows' };
}

/** How a front end words what the user does next. */
export interface BlockerWording {
  /** The file's name, or null when unknown. */
  readonly fileName: string | null;
  /** The sentence that says how to give a date order: `Choose one with --date-order dmy|mdy.` */
  readonly chooseDateOrder: string;
  /** One ambiguous date column as the message names it; default `Born (column E) fits both orders`. */
  readonly describeDateColumn?: (column: AmbiguousDateColumn) => string;
}

/** One or two sentences a user can act on for a {@link SendBlocker}; no "nothing was sent" suffix. */
export function describeSendBlocker(blocker: SendBlocker, wording: BlockerWording): string {
  const file = wording.fileName ?? 'The file';
  switch (blocker.kind) {
    case 'file-error':
      // The reader's message already names the file, line and column.
      return blocker.error.message;
    case 'mapping':
      return `The mapping cannot be sent: ${blocker.problems.map((p) => p.message).join('; ')}.`;
    case 'no-data-rows':
      return `${file} has no data rows (only a header${blocker.blank > 0 ? ' and blank rows' : ''}): there is nothing to send.`;
    case 'ambiguous-dates': {
      const describe =
        wording.describeDateColumn ??
        ((c: AmbiguousDateColumn) => `${c.header} (column ${c.letter}) fits both orders`);
      return `The order of dates is unclear: ${blocker.columns.map(describe).join('; ')}. ${wording.chooseDateOrder}`;
    }
    case 'all-skipped':
      return 'You skipped every row: there is nothing to send.';
    case 'no-valid-rows':
      return 'No row can be sent: fix the problems listed, or change the mapping or options.';
  }
}

/**
 * Why nothing of a whole-file check can be sent, worded for the CLI (`chooseDateOrder` names its
 * flag), or null: a mixed date column names the lines that show each order.
 */
export function whyReportNotSendable(report: CheckReport, chooseDateOrder: string): string | null {
  const blocker = sendBlocker(report);
  if (blocker === null) return null;
  return describeSendBlocker(blocker, {
    fileName: report.file?.name ?? null,
    chooseDateOrder,
    describeDateColumn: (c) => {
      const mixed = mixedDateEvidence(report, c.letter);
      return `${c.header} (column ${c.letter})${mixed ? ` mixes orders: ${describeMixedDates(mixed)}` : ' fits both orders'}`;
    },
  });
}
