/**
 * One row of the review table, memoised: while the user scrolls only the rows entering the view
 * render, so a long file scrolls smoothly. A row's problems are written out in its Problem cell
 * (errors first, marked by an icon and a word as well as a colour); problem cells are highlighted
 * and explained in a tip shown on hover or focus (linked with aria-describedby for screen readers).
 * Pinned columns (Line, Status, the match key) stay at the left while the grid scrolls sideways.
 */
import { memo, type CSSProperties, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import {
  duplicateOfLine,
  issuesBySeverity,
  problemText,
  type GridColumn,
  type ReviewColumn,
} from './column-layout';
import { cellIssues, rowIssues, worstSeverity, type ReviewIssue, type ReviewRow } from './grid-model';

export type { ColumnInfo, GridColumn, ReviewColumn } from './column-layout';

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
  goToLine(line: number): void;
  select(index: number, line: number, how: 'toggle' | 'range'): void;
}

const statusWords: Readonly<Record<ReviewRow['status'], string>> = {
  valid: 'Ready',
  invalid: 'Error',
  blank: 'Blank',
  duplicate: 'Duplicate',
  skipped: 'Skipped',
  unchecked: 'Checking…',
};

/** The mark beside an error or a warning, so the two differ by more than colour. */
export const severityIcons = { error: '✖', warning: '⚠' } as const;

function cellStyle(column: GridColumn): CSSProperties {
  return column.pinnedLeft === null
    ? { width: column.width }
    : { width: column.width, left: column.pinnedLeft };
}

/** One row. `tabStop` is the column holding the grid's one tab stop in this row, if any. */
export const GridRow = memo(function GridRow(props: {
  readonly index: number;
  readonly row: ReviewRow | undefined;
  readonly start: number;
  readonly columns: readonly GridColumn[];
  readonly tabStop: number | null;
  readonly editing: { readonly column: number; readonly text: string } | null;
  readonly busy: boolean;
  readonly selected: boolean;
  readonly tipBase: string;
  readonly actions: RefObject<GridActions>;
}) {
  const { index, row, start, columns, tabStop, editing, busy, selected, tipBase, actions } = props;
  return (
    <tr
      aria-rowindex={index + 2}
      aria-selected={row ? selected : undefined}
      className={[row ? `status-${row.status}` : 'loading-row', selected ? 'selected' : '']
        .filter(Boolean)
        .join(' ')}
      style={{ transform: `translateY(${start}px)` }}
    >
      {columns.map((column, col) => {
        const { id, info } = column;
        const common = {
          'data-cell': `${index}:${col}`,
          tabIndex: tabStop === col ? 0 : -1,
          style: cellStyle(column),
          className: column.pinnedLeft === null ? '' : 'pinned',
          onFocus: () => actions.current.setActive(index, col),
        } as const;
        if (!row) {
          return (
            <td key={id} {...common}>
              {col === 0 ? <span className="muted">Loading…</span> : null}
            </td>
          );
        }
        const inner = tabStop === col ? 0 : -1;
        switch (info.kind) {
          case 'line':
            return (
              <td key={id} {...common} className={`${common.className} number line-cell`}>
                <input
                  type="checkbox"
                  tabIndex={inner}
                  checked={selected}
                  aria-label={`Select line ${row.line}`}
                  onChange={() => undefined}
                  onClick={(e) => actions.current.select(index, row.line, e.shiftKey ? 'range' : 'toggle')}
                />
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
                className={`${common.className} status status-${row.status}`}
                extraTip={row.skipReason}
              >
                {row.status === 'invalid' && <Icon severity="error" />}
                {statusWords[row.status]}
              </IssueCell>
            );
          case 'problem':
            return (
              <td key={id} {...common} className="problem-cell">
                <ProblemText row={row} tabIndex={inner} actions={actions} />
              </td>
            );
          case 'cell': {
            const source = info.column;
            if (editing?.column === source.index) {
              return (
                <td key={id} {...common} className={`${common.className} editing`}>
                  <input
                    autoFocus
                    aria-label={`Edit ${source.header} on line ${row.line}`}
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
            const text = row.cells[source.index] ?? '';
            const sent = row.sent?.[source.index] ?? null;
            const sentNote = row.sentNotes?.[source.index] ?? null;
            return (
              <IssueCell
                key={id}
                common={{
                  ...common,
                  onDoubleClick: () => actions.current.startEdit(row, source),
                  onKeyDown: (e: KeyboardEvent) => {
                    if (e.key === 'Enter' || e.key === 'F2') {
                      e.preventDefault();
                      actions.current.startEdit(row, source);
                    }
                  },
                }}
                tipId={`${tipBase}-${index}-${col}`}
                issues={cellIssues(row, source.letter)}
                className={[common.className, row.edited.includes(source.index) ? 'edited' : '']
                  .filter(Boolean)
                  .join(' ')}
                extraTip={null}
              >
                {text}
                {sent !== null && sent !== text && (
                  <span className="sent-value" title="As it will be sent">
                    <span aria-hidden="true"> → </span>
                    <span className="visually-hidden"> sent as </span>
                    {sent}
                    {sentNote !== null && <span className="sent-note">{` (${sentNote})`}</span>}
                  </span>
                )}
              </IssueCell>
            );
          }
          case 'actions':
            return (
              <td key={id} {...common} className="actions-cell">
                <label className="skip">
                  <input
                    type="checkbox"
                    tabIndex={inner}
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
                  tabIndex={inner}
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

function Icon(props: { readonly severity: ReviewIssue['severity'] }) {
  return (
    <span className={`icon icon-${props.severity}`} aria-hidden="true">
      {severityIcons[props.severity]}
    </span>
  );
}

/**
 * A row's problems as text: the first (errors first) in full, then how many more, each named
 * "Error:" or "Warning:" for screen readers; "Duplicate of line N" is a link to line N.
 */
function ProblemText(props: {
  readonly row: ReviewRow;
  readonly tabIndex: number;
  readonly actions: RefObject<GridActions>;
}) {
  const { row, tabIndex, actions } = props;
  if (row.status === 'skipped') return <span className="muted">{row.skipReason ?? 'skipped'}</span>;
  const issues = issuesBySeverity(row.issues);
  const first = issues[0];
  if (!first) return null;
  const text = problemText(first);
  const other = duplicateOfLine(first);
  const more = issues.length - 1;
  return (
    <span className={`problem problem-${first.severity}`} title={issues.map(problemText).join('\n')}>
      <Icon severity={first.severity} />
      <span className="visually-hidden">{first.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
      {other === null ? (
        text
      ) : (
        <>
          <button
            type="button"
            className="link"
            tabIndex={tabIndex}
            onClick={() => actions.current.goToLine(other)}
          >
            {`Duplicate of line ${other}`}
          </button>
          {text.slice(`Duplicate of line ${other}`.length)}
        </>
      )}
      {more > 0 && <span className="more">{` (+${more} more)`}</span>}
    </span>
  );
}

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
