/**
 * The review table: every row of the file under the current filter, virtualised (only the rows in
 * view are in the page), with problem cells highlighted and explained on hover or focus, cells
 * edited in place, rows skipped, and a row's JSON on request.
 *
 * TanStack Table holds the columns (headers, sizes) and the rows in view; TanStack Virtual decides
 * which rows those are; the {@link GridModel} holds the data and is asked for pages as the user
 * scrolls. Keyboard: arrows move between cells, Enter or F2 edits, Enter saves, Escape cancels,
 * Ctrl+Z undoes (Ctrl+Shift+Z redoes).
 */
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { GridModel, ReviewRow } from './grid-model';
import { GridRow, type ColumnInfo, type GridActions, type GridColumn, type ReviewColumn } from './grid-row';

export type { ReviewColumn } from './grid-row';

interface GridLine {
  readonly index: number;
  readonly row: ReviewRow | undefined;
}

const rowHeight = 34;

/** The table. `version` is the model's, so the table re-renders when the model changes. */
export function ReviewTable(props: {
  readonly model: GridModel;
  readonly version: number;
  readonly columns: readonly ReviewColumn[];
  readonly onShowJson: (line: number) => void;
}) {
  const { model, version, columns, onShowJson } = props;
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
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total > 0) void model.ensureRows(first, last);
  }, [model, first, last, total, version]);

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
    [items, model, version],
  );
  const table = useReactTable({ data, columns: columnDefs, getCoreRowModel: getCoreRowModel() });
  const leafColumns = table.getVisibleLeafColumns();
  const gridColumns = useMemo<GridColumn[]>(() => {
    const infos = new Map<string, ColumnInfo>([
      ['line', { kind: 'line' }],
      ['status', { kind: 'status' }],
      ['actions', { kind: 'actions' }],
      ...columns.map((column) => [`c${column.index}`, { kind: 'cell', column }] as [string, ColumnInfo]),
    ]);
    return leafColumns.map((column) => ({
      id: column.id,
      width: column.getSize(),
      info: infos.get(column.id) ?? { kind: 'line' },
    }));
  }, [leafColumns, columns]);
  const colCount = gridColumns.length;

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

  const commit = async (): Promise<void> => {
    if (!editing) return;
    const { line, column, text } = editing;
    setEditing(null);
    await model.edit(line, column, text);
    focusCell(active.row, active.col);
  };

  // Rows call back through this ref, so their props stay equal and unchanged rows skip rendering.
  const actions = useRef<GridActions>(null as unknown as GridActions);
  useEffect(() => {
    actions.current = {
      focusCell,
      setActive: (row, col) => setActive((old) => (old.row === row && old.col === col ? old : { row, col })),
      startEdit: (row, column) =>
        setEditing({ line: row.line, column: column.index, text: row.cells[column.index] ?? '' }),
      setEditText: (text) => setEditing((old) => (old ? { ...old, text } : old)),
      commit: () => void commit(),
      cancelEdit: () => {
        setEditing(null);
        focusCell(active.row, active.col);
      },
      skip: (line, skipped) => void model.skip(line, skipped),
      showJson: onShowJson,
    };
  });

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

  // The grid's one tab stop: the active cell when it is in view, else the first cell in view.
  const activeInView = active.row >= first && active.row <= last;
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
            const { index, row } = tableRow.original;
            const tabStop = activeInView
              ? active.row === index
                ? active.col
                : null
              : index === first
                ? 0
                : null;
            return (
              <GridRow
                key={index}
                index={index}
                row={row}
                start={items[k]?.start ?? 0}
                columns={gridColumns}
                tabStop={tabStop}
                editing={editing && row && editing.line === row.line ? editing : null}
                busy={model.busy}
                tipBase={tipBase}
                actions={actions}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
