/**
 * One row of the review table, memoised: while the user scrolls only the rows entering the view
 * render, so a long file scrolls smoothly. Problem cells are highlighted and explained in a tip
 * shown on hover or focus (and linked with aria-describedby for screen readers).
 */
import { memo, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { cellIssues, rowIssues, worstSeverity, type ReviewIssue, type ReviewRow } from './grid-model';

/** A mapped column as the table shows it. */
export interface ReviewColumn {
  readonly index: number;
  readonly letter: string;
  readonly header: string;
  readonly target: string;
}

/** What a table column shows. */
export type ColumnInfo =
  | { readonly kind: 'line' }
  | { readonly kind: 'status' }
  | { readonly kind: 'cell'; readonly column: ReviewColumn }
  | { readonly kind: 'actions' };

/** A laid-out column: its id, width in px and what it shows. */
export interface GridColumn {
  readonly id: string;
  readonly width: number;
  readonly info: ColumnInfo;
}

/** What rows ask of the table; held in a ref so the rows' props stay equal between renders. */
export interface GridActions {
  focusCell(row: number, col: number): void;
  setActive(row: number, col: number): void;
  startEdit(row: ReviewRow, column: ReviewColumn): void;
  setEditText(text: string): void;
  commit(): void;
  cancelEdit(): void;
  skip(line: number, skipped: boolean): void;
  showJson(line: number): void;
}

const statusWords: Readonly<Record<ReviewRow['status'], string>> = {
  valid: 'Ready',
  invalid: 'Error',
  blank: 'Blank',
  duplicate: 'Duplicate',
  skipped: 'Skipped',
  unchecked: 'Checking…',
};

/** One row. `tabStop` is the column holding the grid's one tab stop in this row, if any. */
export const GridRow = memo(function GridRow(props: {
  readonly index: number;
  readonly row: ReviewRow | undefined;
  readonly start: number;
  readonly columns: readonly GridColumn[];
  readonly tabStop: number | null;
  readonly editing: { readonly column: number; readonly text: string } | null;
  readonly busy: boolean;
  readonly tipBase: string;
  readonly actions: RefObject<GridActions>;
}) {
  const { index, row, start, columns, tabStop, editing, busy, tipBase, actions } = props;
  return (
    <tr
      aria-rowindex={index + 2}
      className={row ? `status-${row.status}` : 'loading-row'}
      style={{ transform: `translateY(${start}px)` }}
    >
      {columns.map(({ id, width, info }, col) => {
        const common = {
          'data-cell': `${index}:${col}`,
          tabIndex: tabStop === col ? 0 : -1,
          style: { width },
          onFocus: () => actions.current.setActive(index, col),
        } as const;
        if (!row) {
          return (
            <td key={id} {...common}>
              {col === 0 ? <span className="muted">Loading…</span> : null}
            </td>
          );
        }
        switch (info.kind) {
          case 'line':
            return (
              <td key={id} {...common} className="number">
                {row.line}
              </td>
            );
          case 'status':
            return (
              <IssueCell
                key={id}
                common={common}
                tipId={`${tipBase}-${index}-s`}
                issues={row.status === 'skipped' ? [] : rowIssues(row)}
                className={`status status-${row.status}`}
                extraTip={row.skipReason}
              >
                {statusWords[row.status]}
              </IssueCell>
            );
          case 'cell': {
            const column = info.column;
            if (editing?.column === column.index) {
              return (
                <td key={id} {...common} className="editing">
                  <input
                    autoFocus
                    aria-label={`Edit ${column.header} on line ${row.line}`}
                    value={editing.text}
                    onChange={(e) => actions.current.setEditText(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        actions.current.commit();
                      } else if (e.key === 'Escape') {
                        e.preventDefault();
                        actions.current.cancelEdit();
                      }
                    }}
                    onBlur={() => actions.current.commit()}
                  />
                </td>
              );
            }
            return (
              <IssueCell
                key={id}
                common={{
                  ...common,
                  onDoubleClick: () => actions.current.startEdit(row, column),
                  onKeyDown: (e: KeyboardEvent) => {
                    if (e.key === 'Enter' || e.key === 'F2') {
                      e.preventDefault();
                      actions.current.startEdit(row, column);
                    }
                  },
                }}
                tipId={`${tipBase}-${index}-${col}`}
                issues={cellIssues(row, column.letter)}
                className={row.edited.includes(column.index) ? 'edited' : ''}
                extraTip={null}
              >
                {row.cells[column.index] ?? ''}
              </IssueCell>
            );
          }
          case 'actions':
            return (
              <td key={id} {...common} className="actions-cell">
                <label className="skip">
                  <input
                    type="checkbox"
                    tabIndex={tabStop === col ? 0 : -1}
                    checked={row.status === 'skipped'}
                    // Not disabled while main answers: a disabled control would drop the focus.
                    disabled={row.status === 'blank'}
                    aria-disabled={busy || undefined}
                    onChange={(e) => {
                      if (!busy) actions.current.skip(row.line, e.target.checked);
                    }}
                  />
                  Skip<span className="visually-hidden">{` line ${row.line}`}</span>
                </label>
                <button
                  type="button"
                  tabIndex={tabStop === col ? 0 : -1}
                  aria-label={`Show JSON for line ${row.line}`}
                  onClick={() => actions.current.showJson(row.line)}
                >
                  JSON
                </button>
              </td>
            );
          default: {
            const never: never = info;
            return never;
          }
        }
      })}
    </tr>
  );
});

/** A cell that may hold issues: highlighted, explained in a tip on hover or focus. */
function IssueCell(props: {
  readonly common: Record<string, unknown>;
  readonly tipId: string;
  readonly issues: readonly ReviewIssue[];
  readonly className: string;
  readonly extraTip: string | null;
  readonly children: ReactNode;
}) {
  const { common, tipId, issues, className, extraTip, children } = props;
  const severity = worstSeverity(issues);
  const tip = [...issues.map((issue) => issue.message), ...(extraTip ? [extraTip] : [])];
  return (
    <td
      {...common}
      className={[className, severity ? `has-${severity}` : ''].filter(Boolean).join(' ')}
      aria-describedby={tip.length > 0 ? tipId : undefined}
      aria-invalid={severity === 'error' ? true : undefined}
    >
      <span className="cell-text">{children}</span>
      {tip.length > 0 && (
        <span className="tip" id={tipId} aria-hidden="true">
          {tip.join(' · ')}
        </span>
      )}
    </td>
  );
}
