/**
 * How the review table lays out its columns, free of React: the columns in order (Line, Status and
 * the match key pinned at the left, then the Problem column, the other mapped columns and the
 * actions), widths sized to their content, and the words a header and a Problem cell show.
 */
import { fieldCatalogue } from '../../shared/fields/field-catalogue';
import type { ReviewIssue, ReviewRow } from './grid-model';

/** A mapped column as the table shows it. */
export interface ReviewColumn {
  readonly index: number;
  readonly letter: string;
  readonly header: string;
  /** The Omneo field path it writes (`comms_attributes.email_bounced`). */
  readonly target: string;
}

/** What a table column shows. */
export type ColumnInfo =
  | { readonly kind: 'line' }
  | { readonly kind: 'status' }
  | { readonly kind: 'problem' }
  | { readonly kind: 'cell'; readonly column: ReviewColumn }
  | { readonly kind: 'actions' };

/** A laid-out column: its id, width in px, left offset in px when pinned, and what it shows. */
export interface GridColumn {
  readonly id: string;
  readonly width: number;
  /** Left offset (px) of a column pinned while scrolling sideways, or null. */
  readonly pinnedLeft: number | null;
  readonly info: ColumnInfo;
}

/** A column before it is measured: its id, what it shows, and whether it is pinned. */
export interface ColumnPlan {
  readonly id: string;
  readonly info: ColumnInfo;
  readonly pinned: boolean;
}

/** Narrowest and widest a column is sized to its content, in px (the user can resize further). */
export const columnWidthLimits = { min: 64, max: 420 } as const;

/**
 * The columns in order: Line and Status, the match key's column (pinned with them, so a row can
 * be told apart while scrolling sideways), Problem, the other mapped columns, Actions.
 *
 * `matchTarget` is the field the match key is read from (`email`, `identities.loyalty_id`).
 */
export function planColumns(columns: readonly ReviewColumn[], matchTarget: string): ColumnPlan[] {
  const matchColumn = columns.find((column) => column.target === matchTarget);
  const cell = (column: ReviewColumn, pinned: boolean): ColumnPlan => ({
    id: `c${column.index}`,
    info: { kind: 'cell', column },
    pinned,
  });
  return [
    { id: 'line', info: { kind: 'line' }, pinned: true },
    { id: 'status', info: { kind: 'status' }, pinned: true },
    ...(matchColumn ? [cell(matchColumn, true)] : []),
    { id: 'problem', info: { kind: 'problem' }, pinned: false },
    ...columns.filter((column) => column !== matchColumn).map((column) => cell(column, false)),
    { id: 'actions', info: { kind: 'actions' }, pinned: false },
  ];
}

/** The field path for a match criteria (`email`, or an identity handle such as `loyalty_id`). */
export function matchTargetOf(match: string): string {
  return match === 'email' ? 'email' : `identities.${match}`;
}

/** Left offsets of the pinned columns (they come first), null for the others. */
export function pinnedOffsets(plans: readonly ColumnPlan[], widths: readonly number[]): (number | null)[] {
  let left = 0;
  return plans.map((plan, k) => {
    if (!plan.pinned) return null;
    const at = left;
    left += widths[k] ?? 0;
    return at;
  });
}

/**
 * A width that fits the widest of `texts` (header and sample values), within
 * {@link columnWidthLimits}. `measure` answers a text's width in px (a canvas in the page);
 * `extra` is the padding and decorations around the text.
 */
export function contentWidth(
  texts: readonly string[],
  measure: (text: string) => number,
  extra = 28,
): number {
  let widest = 0;
  for (const text of texts) widest = Math.max(widest, measure(text));
  return Math.round(Math.min(columnWidthLimits.max, Math.max(columnWidthLimits.min, widest + extra)));
}

/**
 * A field's plain name (`Email bounced`) from the field catalogue; a created identity handle or
 * custom attribute reads as its own name (`loyalty_id`); a type suffix (`:integer`) is dropped.
 */
export function plainFieldName(path: string): string {
  const bare = path.replace(/:[a-z]+$/, '');
  const entry = fieldCatalogue.find((field) => field.path === bare);
  if (entry) return entry.label;
  return bare.replace(/^(identities|custom_attributes|dates_attributes)\./, '').replace(/\[\d+\]/g, '');
}

/**
 * An issue's message without the place it names (`Line 3, column E 'phone' (mobile_phone): `), as
 * the Problem column shows it beside the row: the column's header leads instead.
 */
export function problemText(issue: ReviewIssue): string {
  const cellPlace = `Line ${issue.line}, column ${issue.letter ?? ''} '${issue.column ?? ''}' (${issue.target ?? ''}): `;
  if (issue.letter !== null && issue.message.startsWith(cellPlace))
    return `${issue.column ?? issue.letter}: ${issue.message.slice(cellPlace.length)}`;
  const rowPlace = `Line ${issue.line}: `;
  if (issue.message.startsWith(rowPlace)) return issue.message.slice(rowPlace.length);
  return issue.message;
}

/** Errors first, then warnings; the order within a severity is kept. */
export function issuesBySeverity(issues: readonly ReviewIssue[]): ReviewIssue[] {
  return [
    ...issues.filter((issue) => issue.severity === 'error'),
    ...issues.filter((issue) => issue.severity !== 'error'),
  ];
}

/** The line a `duplicate-match-key` issue defers to (`Duplicate of line 1805: …`), or null. */
export function duplicateOfLine(issue: ReviewIssue): number | null {
  if (issue.code !== 'duplicate-match-key') return null;
  const found = /^Duplicate of line (\d+)/.exec(issue.message);
  return found ? Number(found[1]) : null;
}

/**
 * A column's starting width: fits its header and the values of `rows` (the first page), each cell
 * with its sent value where that differs, within {@link columnWidthLimits}.
 */
export function startingWidth(
  plan: ColumnPlan,
  measure: (text: string) => number,
  rows: readonly ReviewRow[],
): number {
  switch (plan.info.kind) {
    case 'line':
      return contentWidth(['Line', ...rows.map((row) => `${row.line}`)], measure, 48);
    case 'status':
      return contentWidth(['Duplicate', 'Checking…'], measure, 36);
    case 'problem':
      return Math.max(
        280,
        contentWidth(
          rows.flatMap((row) => row.issues.slice(0, 1).map(problemText)),
          measure,
          80,
        ),
      );
    case 'actions':
      return 150;
    case 'cell': {
      const { column } = plan.info;
      const texts = rows.map((row) => {
        const text = row.cells[column.index] ?? '';
        const sent = row.sent?.[column.index];
        return sent && sent !== text ? `${text} → ${sent}` : text;
      });
      return contentWidth(
        [`${column.letter} ${column.header}`, plainFieldName(column.target), ...texts],
        measure,
        32,
      );
    }
  }
}
