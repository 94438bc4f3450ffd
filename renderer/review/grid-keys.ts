/**
 * Where a key press moves the review grid's active cell, free of React: arrows by one, Page Up and
 * Page Down by ten rows, Home and End to the row's first and last cell, Ctrl+Home and Ctrl+End to
 * the grid's first and last cell (the usual data-grid keys — WAI-ARIA grid pattern).
 */

/** A cell position (0-based row under the filter, 0-based column). */
export interface CellPosition {
  readonly row: number;
  readonly col: number;
}

/** Rows per Page Up or Page Down. */
export const pageRows = 10;

/**
 * The cell a key moves to from `at`, unclamped to `size` only where noted (the caller clamps rows
 * and columns), or null when the key does not move the active cell.
 */
export function gridKeyMove(
  event: { readonly key: string; readonly ctrlKey: boolean; readonly metaKey: boolean },
  at: CellPosition,
  size: { readonly rows: number; readonly cols: number },
): CellPosition | null {
  const ctrl = event.ctrlKey || event.metaKey;
  switch (event.key) {
    case 'ArrowDown':
      return { row: at.row + 1, col: at.col };
    case 'ArrowUp':
      return { row: at.row - 1, col: at.col };
    case 'ArrowLeft':
      return { row: at.row, col: at.col - 1 };
    case 'ArrowRight':
      return { row: at.row, col: at.col + 1 };
    case 'PageDown':
      return { row: at.row + pageRows, col: at.col };
    case 'PageUp':
      return { row: at.row - pageRows, col: at.col };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 };
    case 'End':
      return ctrl ? { row: size.rows - 1, col: size.cols - 1 } : { row: at.row, col: size.cols - 1 };
    default:
      return null;
  }
}
