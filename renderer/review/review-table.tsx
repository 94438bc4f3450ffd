/**
 * The review table: every row of the file under the current filter, virtualised (only the rows in
 * view are in the page), with each row's problems written out, problem cells highlighted, cells
 * edited in place, rows selected and skipped, and a row's JSON on request.
 *
 * TanStack Table holds the columns (headers, sizes, resizing) and the rows in view; TanStack
 * Virtual decides which rows those are — always with the active row, so the focused cell is never
 * unmounted by scrolling; the {@link GridModel} holds the data and is asked for pages as the user
 * scrolls. Columns start sized to their content; Line, Status and the match key stay pinned while
 * scrolling sideways. Keyboard: see {@link gridKeyMove}; Enter or F2 edits, Enter saves, Escape
 * cancels, Space on the Actions cell toggles Skip, Ctrl+Z undoes (Ctrl+Shift+Z redoes).
 */
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnSizingState,
} from '@tanstack/react-table';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import {
  startingWidth,
  pinnedOffsets,
  planColumns,
  type GridColumn,
  type ReviewColumn,
} from './column-layout';
import { gridKeyMove } from './grid-keys';
import type { GridModel, ReviewRow } from './grid-model';
import { GridRow, type GridActions } from './grid-row';
import { ColumnHeader, ResizeHandle, headerName, textMeasurer } from './column-header';

export type { ReviewColumn } from './column-layout';

interface GridLine {
  readonly index: number;
  readonly row: ReviewRow | undefined;
}

const rowHeight = 34;
/** Rows whose values size the columns (the first page). */
const sizingRows = 200;

/** The table. `version` is the model's, so the table re-renders when the model changes. */
export function ReviewTable(props: {
  readonly model: GridModel;
  readonly version: number;
  readonly columns: readonly ReviewColumn[];
  /** The field the match key is read from (`email`, `identities.loyalty_id`): its column is pinned. */
  readonly matchTarget: string;
  readonly onShowJson: (line: number) => void;
  readonly onGoToLine: (line: number) => void;
  /** Asks the table to put focus on a row (by index under the filter), e.g. after go-to-line. */
  readonly focusRequest: { readonly index: number; readonly serial: number } | null;
}) {
  const { model, version, columns, matchTarget, onShowJson, onGoToLine, focusRequest } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const tipBase = useId();
  const [active, setActive] = useState({ row: 0, col: 2 });
  const [editing, setEditing] = useState<{ line: number; column: number; text: string } | null>(null);
  const [sizing, setSizing] = useState<ColumnSizingState>({});
  const total = model.total ?? 0;
  /** A cell to focus as soon as its row is drawn (after a jump to a row not in view). */
  const pendingFocus = useRef<{ row: number; col: number } | null>(null);

  // The active row is always drawn, in view or not, so the focus never falls out of the grid.
  const activeRow = active.row;
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeRow < range.count && !indexes.includes(activeRow)) {
        indexes.push(activeRow);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [activeRow],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is not memo-safe by design
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    rangeExtractor,
  });
  const items = virtualizer.getVirtualItems();
  const range = virtualizer.range;
  const first = range?.startIndex ?? items[0]?.index ?? 0;
  const last = range?.endIndex ?? items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total === 0) return;
    void model.ensureRows(first, last);
    if (activeRow < total) void model.ensureRows(activeRow, activeRow);
  }, [model, first, last, total, version, activeRow]);

  const plans = useMemo(() => planColumns(columns, matchTarget), [columns, matchTarget]);
  // Columns are sized to the first page of rows once it is in, and keep that size while scrolling.
  const firstPageIn = model.rowAt(0) !== undefined;
  const [autoWidths, setAutoWidths] = useState<Record<string, number> | null>(null);
  useEffect(() => setAutoWidths(null), [plans, model]);
  useEffect(() => {
    if (autoWidths || !firstPageIn) return;
    const rows: ReviewRow[] = [];
    for (let i = 0; i < Math.min(total, sizingRows); i += 1) {
      const row = model.rowAt(i);
      if (row) rows.push(row);
    }
    const measure = textMeasurer();
    setAutoWidths(Object.fromEntries(plans.map((plan) => [plan.id, startingWidth(plan, measure, rows)])));
  }, [autoWidths, firstPageIn, plans, model, total, version]);

  const columnDefs = useMemo<ColumnDef<GridLine>[]>(
    () =>
      plans.map((plan) => ({
        id: plan.id,
        size: autoWidths?.[plan.id] ?? (plan.info.kind === 'problem' ? 280 : 140),
        minSize: 48,
        maxSize: 1200,
        enableResizing: plan.info.kind !== 'actions',
        header: () => <ColumnHeader info={plan.info} />,
      })),
    [plans, autoWidths],
  );

  const data = useMemo<GridLine[]>(
    () => items.map((item) => ({ index: item.index, row: model.rowAt(item.index) })),
    // The model is mutable: `version` says when its rows changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, model, version],
  );
  const table = useReactTable({
    data,
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    columnResizeMode: 'onChange',
    state: { columnSizing: sizing },
    onColumnSizingChange: setSizing,
  });
  const leafColumns = table.getVisibleLeafColumns();
  const widths = leafColumns.map((column) => column.getSize());
  const widthKey = widths.join(',');
  const gridColumns = useMemo<GridColumn[]>(() => {
    const lefts = pinnedOffsets(plans, widths);
    return plans.map((plan, k) => ({
      id: plan.id,
      width: widths[k] ?? 140,
      pinnedLeft: lefts[k] ?? null,
      info: plan.info,
    }));
    // `widthKey` stands for `widths`, a new array each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plans, widthKey]);
  const colCount = gridColumns.length;
  const totalWidth = widths.reduce((sum, width) => sum + width, 0);

  const focusCell = (row: number, col: number): void => {
    if (total === 0) return;
    const clampedRow = Math.max(0, Math.min(total - 1, row));
    const clampedCol = Math.max(0, Math.min(colCount - 1, col));
    setActive({ row: clampedRow, col: clampedCol });
    pendingFocus.current = { row: clampedRow, col: clampedCol };
    virtualizer.scrollToIndex(clampedRow);
  };
  // Focus a requested cell once its row is drawn; until then the grid's scroller holds the focus.
  useLayoutEffect(() => {
    const want = pendingFocus.current;
    if (!want) return;
    const cell = scroller.current?.querySelector<HTMLElement>(`[data-cell="${want.row}:${want.col}"]`);
    if (cell && model.rowAt(want.row)) {
      pendingFocus.current = null;
      cell.focus({ preventScroll: true });
      cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    } else if (document.activeElement?.closest('[data-cell]')) {
      scroller.current?.focus({ preventScroll: true });
    }
  });
  const requested = focusRequest?.serial ?? 0;
  useEffect(() => {
    if (focusRequest) focusCell(focusRequest.index, 0);
    // Only a new request moves the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requested]);

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
      goToLine: onGoToLine,
      select: (index, line, how) => model.select(index, line, how),
    };
  });

  const onGridKey = (event: KeyboardEvent<HTMLTableElement>): void => {
    if (editing) return;
    const target = event.target as HTMLElement;
    const onCell = target.dataset.cell !== undefined;
    if (event.key === ' ' && onCell) {
      // Space would scroll the grid (and unmount the focused row); on Actions it toggles Skip.
      event.preventDefault();
      const row = model.rowAt(active.row);
      if (gridColumns[active.col]?.info.kind === 'actions' && row && row.status !== 'blank' && !model.busy)
        void model.skip(row.line, row.status !== 'skipped');
      return;
    }
    const move = gridKeyMove(event, active, { rows: total, cols: colCount });
    if (move && (onCell || event.key.startsWith('Page'))) {
      event.preventDefault();
      focusCell(move.row, move.col);
    } else if ((event.key === 'z' || event.key === 'Z') && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void (event.shiftKey ? model.redo() : model.undo());
    }
  };

  // The grid's one tab stop: the active cell when it is drawn, else the first cell in view.
  const activeDrawn = items.some((item) => item.index === active.row);
  return (
    <div ref={scroller} className="grid-scroller" tabIndex={-1}>
      <table
        role="grid"
        className="review-grid"
        aria-label="Rows of the file"
        aria-rowcount={total + 1}
        aria-colcount={colCount}
        aria-multiselectable="true"
        style={{ width: totalWidth }}
        onKeyDown={onGridKey}
      >
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header, k) => {
                const column = gridColumns[k];
                const pinned = column?.pinnedLeft ?? null;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={pinned === null ? undefined : 'pinned'}
                    style={{ width: header.getSize(), ...(pinned === null ? {} : { left: pinned }) }}
                  >
                    {flexRender(header.column.columnDef.header, header.getContext())}
                    {header.column.getCanResize() && (
                      <ResizeHandle
                        label={column ? headerName(column) : header.id}
                        size={header.getSize()}
                        onPointerDown={header.getResizeHandler()}
                        onResize={(size) => setSizing((old) => ({ ...old, [header.id]: size }))}
                      />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }}>
          {table.getRowModel().rows.map((tableRow, k) => {
            const { index, row } = tableRow.original;
            const tabStop = activeDrawn
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
                selected={row ? model.selection.has(row.line) : false}
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
