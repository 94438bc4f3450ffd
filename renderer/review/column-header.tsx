/**
 * A review column's header: for a mapped column, its letter and the file's header on one line and
 * the Omneo field by its plain name below (the field's path on hover); otherwise its name.
 */
import { plainFieldName, type ColumnInfo, type GridColumn } from './column-layout';

const names = { line: 'Line', status: 'Status', problem: 'Problem', actions: 'Actions' } as const;

/** The header's content (the `th` around it is the table's). */
export function ColumnHeader(props: { readonly info: ColumnInfo }) {
  const { info } = props;
  if (info.kind !== 'cell') return <span className="header-text">{names[info.kind]}</span>;
  const { column } = info;
  return (
    <span className="header-text" title={`Column ${column.letter} '${column.header}' → ${column.target}`}>
      <span className="header-line">
        <span className="letter">{column.letter}</span> {column.header}
      </span>
      <span className="target">{plainFieldName(column.target)}</span>
    </span>
  );
}

/** Text width in px in the grid's font, measured on a canvas. */
export function textMeasurer(): (text: string) => number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return (text) => text.length * 8;
  const font = getComputedStyle(document.documentElement).fontFamily;
  context.font = `14px ${font}`;
  return (text) => context.measureText(text).width;
}

/** A column's name for its resize handle. */
export function headerName(column: GridColumn): string {
  const { info } = column;
  if (info.kind === 'cell') return `${info.column.letter} ${info.column.header}`;
  return { line: 'Line', status: 'Status', problem: 'Problem', actions: 'Actions' }[info.kind];
}

/** A column's resize handle: drag it, or focus it and press the arrow keys (16 px a press). */
export function ResizeHandle(props: {
  readonly label: string;
  readonly size: number;
  readonly onPointerDown: (event: unknown) => void;
  readonly onResize: (size: number) => void;
}) {
  const { label, size, onPointerDown, onResize } = props;
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize column ${label}`}
      aria-valuenow={size}
      aria-valuemin={48}
      aria-valuemax={1200}
      tabIndex={0}
      className="resize-handle"
      onMouseDown={onPointerDown}
      onTouchStart={onPointerDown}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
          e.preventDefault();
          e.stopPropagation();
          onResize(Math.max(48, Math.min(1200, size + (e.key === 'ArrowLeft' ? -16 : 16))));
        }
      }}
    />
  );
}
