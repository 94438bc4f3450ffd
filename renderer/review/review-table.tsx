/**
 * The review table: every row of the file under the current filter, virtualised (only the rows in
 * view are in the page), with problem cells highlighted and explained on hover or focus, cells
 * edited in place, rows skipped, and a row's JSON on request.
 *
 * TanStack Table holds the columns and the rows in view; TanStack Virtual decides which rows those
 * are; the {@link GridModel} holds the data and is asked for pages as the user scrolls.
 * Keyboard: arrows move between cells, Enter or F2 edits, Enter saves, Escape cancels, Ctrl+Z undoes.
 */
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  cellIssues,
  rowIssues,
  worstSeverity,
  type GridModel,
  type ReviewIssue,
  type ReviewRow,
} from './grid-model';

/** A mapped column as the table shows it. */
export interface ReviewColumn {
  readonly index: number;
  readonly letter: string;
  readonly header: string;
  readonly target: string;
}

interface GridLine {
  readonly index: number;
  readonly row: ReviewRow | undefined;
}

type ColumnInfo =
  | { readonly kind: 'line' }
  | { readonly kind: 'status' }
  | { readonly kind: 'cell'; readonly column: ReviewColumn }
  | { readonly kind: 'actions' };

const rowHeight = 34;

const statusWords: Readonly<Record<ReviewRow['status'], string>> = {
  valid: 'Ready',
  invalid: 'Error',
  blank: 'Blank',
  duplicate: 'Duplicate',
  skipped: 'Skipped',
};

/** The table. `version` is the model's, so the table re-renders when the model changes. */
export function ReviewTable(props: {
  readonly model: GridModel;
  readonly version: number;
  readonly columns: readonly ReviewColumn[];
  readonly onShowJson: (line: number) => void;
}) {
  const { model, columns, onShowJson } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const tipBase = useId();
  const [active, setActive] = useState({ row: 0, col: 2 });
  const [editing, setEditing] = useState<{ line: number; column: number; text: string } | null>(null);
  const total = model.total ?? 0;

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is not memo-safe by design
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total > 0) void model.ensureRows(first, last);
  }, [model, first, last, total, props.version]);

  const infos = useMemo(() => {
    const map = new Map<string, ColumnInfo>([
      ['line', { kind: 'line' }],
      ['status', { kind: 'status' }],
    ]);
    for (const column of columns) map.set(`c${column.index}`, { kind: 'cell', column });
    map.set('actions', { kind: 'actions' });
    return map;
  }, [columns]);

  const columnDefs = useMemo<ColumnDef<GridLine>[]>(
    () => [
      { id: 'line', header: 'Line', size: 70 },
      { id: 'status', header: 'Status', size: 110 },
      ...columns.map<ColumnDef<GridLine>>((column) => ({
        id: `c${column.index}`,
        header: () => (
          <span title={`Column ${column.letter} → ${column.target}`}>
            <span className="letter">{column.letter}</span> {column.header}
            <span className="target">{column.target}</span>
          </span>
        ),
        size: 180,
      })),
      { id: 'actions', header: 'Actions', size: 170 },
    ],
    [columns],
  );

  const data = useMemo<GridLine[]>(
    () => items.map((item) => ({ index: item.index, row: model.rowAt(item.index) })),
    // The model is mutable: `version` says when its rows changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, model, props.version],
  );
  const table = useReactTable({ data, columns: columnDefs, getCoreRowModel: getCoreRowModel() });
  const colCount = columnDefs.length;

  const focusCell = (row: number, col: number): void => {
    const clampedRow = Math.max(0, Math.min(total - 1, row));
    const clampedCol = Math.max(0, Math.min(colCount - 1, col));
    setActive({ row: clampedRow, col: clampedCol });
    virtualizer.scrollToIndex(clampedRow);
    requestAnimationFrame(() =>
      scroller.current
        ?.querySelector<HTMLElement>(`[data-cell="${clampedRow}:${clampedCol}"]`)
        ?.focus({ preventScroll: true }),
    );
  };

  const startEdit = (row: ReviewRow | undefined, info: ColumnInfo | undefined): void => {
    if (!row || info?.kind !== 'cell') return;
    setEditing({ line: row.line, column: info.column.index, text: row.cells[info.column.index] ?? '' });
  };

  const onGridKey = (event: KeyboardEvent<HTMLTableElement>): void => {
    if (editing) return;
    const moves: Record<string, [number, number]> = {
      ArrowDown: [1, 0],
      ArrowUp: [-1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      PageDown: [10, 0],
      PageUp: [-10, 0],
    };
    const move = moves[event.key];
    if (move && (event.target as HTMLElement).dataset.cell !== undefined) {
      event.preventDefault();
      focusCell(active.row + move[0], active.col + move[1]);
    } else if ((event.key === 'z' || event.key === 'Z') && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void (event.shiftKey ? model.redo() : model.undo());
    }
  };

  const commit = async (): Promise<void> => {
    if (!editing) return;
    const { line, column, text } = editing;
    setEditing(null);
    await model.edit(line, column, text);
    focusCell(active.row, active.col);
  };

  return (
    <div ref={scroller} className="grid-scroller" tabIndex={-1}>
      <table
        role="grid"
        className="review-grid"
        aria-label="Rows of the file"
        aria-rowcount={total + 1}
        aria-colcount={colCount}
        onKeyDown={onGridKey}
      >
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" style={{ width: header.getSize() }}>
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }}>
          {table.getRowModel().rows.map((tableRow, k) => {
            const item = items[k];
            const { index, row } = tableRow.original;
            return (
              <tr
                key={index}
                aria-rowindex={index + 2}
                className={row ? `status-${row.status}` : 'loading-row'}
                style={{ transform: `translateY(${item?.start ?? 0}px)` }}
              >
                {tableRow.getVisibleCells().map((cell, col) => {
                  const info = infos.get(cell.column.id);
                  const isActive = active.row === index && active.col === col;
                  const common = {
                    'data-cell': `${index}:${col}`,
                    tabIndex: isActive || (index === first && col === 0 && active.row < first) ? 0 : -1,
                    style: { width: cell.column.getSize() },
                    onFocus: () => setActive({ row: index, col }),
                  } as const;
                  if (!row) {
                    return (
                      <td key={cell.id} {...common}>
                        {col === 0 ? <span className="muted">Loading…</span> : null}
                      </td>
                    );
                  }
                  switch (info?.kind) {
                    case 'line':
                      return (
                        <td key={cell.id} {...common} className="number">
                          {row.line}
                        </td>
                      );
                    case 'status':
                      return (
                        <IssueCell
                          key={cell.id}
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
                      const value = row.cells[info.column.index] ?? '';
                      if (editing?.line === row.line && editing.column === info.column.index) {
                        return (
                          <td key={cell.id} {...common} className="editing">
                            <input
                              autoFocus
                              aria-label={`Edit ${info.column.header} on line ${row.line}`}
                              value={editing.text}
                              onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                              onKeyDown={(e) => {
                                if (e.key === 'Enter') {
                                  e.preventDefault();
                                  void commit();
                                } else if (e.key === 'Escape') {
                                  e.preventDefault();
                                  setEditing(null);
                                  focusCell(active.row, active.col);
                                }
                              }}
                              onBlur={() => void commit()}
                            />
                          </td>
                        );
                      }
                      const edited = row.edited.includes(info.column.index);
                      return (
                        <IssueCell
                          key={cell.id}
                          common={{
                            ...common,
                            onDoubleClick: () => startEdit(row, info),
                            onKeyDown: (e: KeyboardEvent) => {
                              if (e.key === 'Enter' || e.key === 'F2') {
                                e.preventDefault();
                                startEdit(row, info);
                              }
                            },
                          }}
                          tipId={`${tipBase}-${index}-${col}`}
                          issues={cellIssues(row, info.column.letter)}
                          className={edited ? 'edited' : ''}
                          extraTip={null}
                        >
                          {value}
                        </IssueCell>
                      );
                    }
                    case 'actions':
                      return (
                        <td key={cell.id} {...common} className="actions-cell">
                          <label className="skip">
                            <input
                              type="checkbox"
                              tabIndex={isActive ? 0 : -1}
                              checked={row.status === 'skipped'}
                              disabled={model.busy || row.status === 'blank'}
                              onChange={(e) => void model.skip(row.line, e.target.checked)}
                            />
                            Skip<span className="visually-hidden">{` line ${row.line}`}</span>
                          </label>
                          <button
                            type="button"
                            tabIndex={isActive ? 0 : -1}
                            aria-label={`Show JSON for line ${row.line}`}
                            onClick={() => onShowJson(row.line)}
                          >
                            JSON
                          </button>
                        </td>
                      );
                    default:
                      return <td key={cell.id} {...common} />;
                  }
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
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
