/**
 * The review's searched and sorted views of a checked file: which rows a filter, a search text and
 * a sort list, and where a line is among them (go-to-line).
 *
 * Without a search or sort a view is the review model's own index (`ReviewState.filtered`, O(1) a
 * row). With one, the row list is built once — O(rows) to search, O(rows log rows) to sort — and
 * kept until the file's rows change (`FileWorkspace.revision`) or another view is asked for, so
 * paging through it costs O(limit).
 */
import type { FileWorkspace } from './file-workspace';
import type { RowFilter } from './review-state';

/** A view's choices (as `rows:query` takes them). */
export interface RowView {
  readonly filter: RowFilter;
  readonly issueCode?: string | undefined;
  readonly search?: string | undefined;
  readonly sort?: { readonly by: 'line' | number; readonly descending: boolean } | undefined;
  /** Only these lines: the rows a compare answered with one action (./app-compare.ts `linesOf`). */
  readonly compare?:
    { readonly action: string; readonly version: number; readonly lines: ReadonlySet<number> } | undefined;
}

/** A view's rows: row index at a 0-based position, how many there are, and (when cheap) where a row is. */
export interface ViewRows {
  readonly at: (position: number) => number | undefined;
  readonly total: number;
  readonly position?: (i: number) => number | null;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The last built view of each workspace. */
const built = new WeakMap<FileWorkspace, { readonly key: string; readonly rows: readonly number[] }>();

function keyOf(workspace: FileWorkspace, view: RowView): string {
  const check = workspace.check;
  return JSON.stringify([
    check?.run,
    check?.complete,
    workspace.revision,
    check?.state.summary.unchecked,
    view.filter,
    view.issueCode,
    view.search,
    view.sort,
    view.compare?.action,
    view.compare?.version,
  ]);
}

/** The rows of `view`; throws `NotCheckedError` before a check (as `page` does). */
export function viewRows(workspace: FileWorkspace, view: RowView): ViewRows {
  workspace.summary(); // throws NotCheckedError before a check
  const search = view.search?.trim().toLowerCase() ?? '';
  const sort = view.sort && !(view.sort.by === 'line' && !view.sort.descending) ? view.sort : undefined;
  const base = workspace.check?.state.filtered(view.filter, view.issueCode) ?? {
    at: () => undefined,
    total: 0,
  };
  if (search === '' && !sort && !view.compare) return base;
  const key = keyOf(workspace, view);
  const cached = built.get(workspace);
  if (cached?.key === key) return { at: (p) => cached.rows[p], total: cached.rows.length };
  let rows: number[] = [];
  for (let p = 0; p < base.total; p += 1) {
    const i = base.at(p);
    if (i === undefined || (view.compare && !view.compare.lines.has(workspace.rows.line(i)))) continue;
    if (search === '' || matches(workspace, i, search)) rows.push(i);
  }
  if (sort) rows = sorted(workspace, rows, sort.by, sort.descending);
  built.set(workspace, { key, rows });
  return { at: (p) => rows[p], total: rows.length };
}

function matches(workspace: FileWorkspace, i: number, search: string): boolean {
  if (String(workspace.rows.line(i)) === search) return true;
  return workspace.cells(i).some((cell) => cell.toLowerCase().includes(search));
}

function sorted(
  workspace: FileWorkspace,
  rows: number[],
  by: 'line' | number,
  descending: boolean,
): number[] {
  if (by === 'line') return descending ? rows.reverse() : rows;
  const texts = new Map(rows.map((i) => [i, workspace.cells(i)[by]?.trim() ?? '']));
  const sign = descending ? -1 : 1;
  // Empty cells last either way; equal cells keep file order.
  return rows.sort((a, b) => {
    const x = texts.get(a) ?? '';
    const y = texts.get(b) ?? '';
    if (x === '' || y === '') return x === y ? a - b : x === '' ? 1 : -1;
    return sign * collator.compare(x, y) || a - b;
  });
}

/** A page of a view's rows, each with its values as they will be sent. */
export function viewPage(workspace: FileWorkspace, view: RowView, offset: number, limit: number) {
  const rows = viewRows(workspace, view);
  const page = [];
  for (let p = offset; p < Math.min(rows.total, offset + limit); p += 1) {
    const i = rows.at(p);
    if (i !== undefined) page.push(workspace.reviewRow(i, true));
  }
  return { total: rows.total, offset, rows: page };
}

/** Where `line` is in the view (0-based), or null; throws `NoSuchCellError` for a line the file lacks. */
export function locateLine(workspace: FileWorkspace, view: RowView, line: number): number | null {
  const index = workspace.indexOf(line);
  const rows = viewRows(workspace, view);
  if (rows.position) return rows.position(index);
  for (let p = 0; p < rows.total; p += 1) if (rows.at(p) === index) return p;
  return null;
}
