/**
 * The review grid's model, free of React: which rows are loaded, their cell issues, the active
 * filter, and the user's edits and skips with undo and redo.
 *
 * Main owns the rows; the model asks a {@link RowSource} for pages as the table scrolls (so a
 * 100,000-row file never crosses the boundary whole), keeps them in a page cache, and replaces a row
 * in place when main answers an edit with the row re-validated. The table view subscribes and reads
 * rows by index (TanStack `examples/react/spreadsheet`: model apart from table).
 */
import type { OperationInput, OperationOutput } from '../../shared/ipc/contract';
import { RowSelection } from './row-selection';

export { cellIssues, rowIssues, worstSeverity } from './row-issues';

/** One row as main sends it for review: cells as text (after edits), status and issues. */
export type ReviewRow = OperationOutput<'rows:page'>['rows'][number];
/** An issue of one cell or row. */
export type ReviewIssue = ReviewRow['issues'][number];
/** The counts of a check (`rows = valid + invalid + blank + duplicate`). */
export type CheckSummary = OperationOutput<'rows:edit'>['summary'];
/** The review filters. */
export type RowFilter = 'all' | 'errors' | 'warnings' | 'duplicates' | 'skipped';
/** A sort of the rows: by line or by a column's text (0-based column index). */
export type RowSort = OperationInput<'rows:query'>['sort'];
/** A change to many rows, one undo step (see the contract's `rows:bulk`). */
export type BulkAction = OperationInput<'rows:bulk'>['action'];
/** Rows the compare with Omneo answered "will create", "will update" or "conflict". */
export type CompareFilter = NonNullable<OperationInput<'rows:query'>['compare']>;
/** What a view of the rows lists: filter, issue code, search text, sort and compare answer. */
export interface RowQuery {
  readonly filter: RowFilter;
  readonly issueCode?: string;
  readonly search?: string;
  readonly sort?: RowSort;
  readonly compare?: CompareFilter;
}

/** A page of rows matching a filter; `total` is how many rows match, for the table's height. */
export interface RowPage {
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly ReviewRow[];
}

/** A row main changed (edited, skipped or undone), re-validated, with the new summary. */
export interface ChangedRow {
  readonly row: ReviewRow;
  readonly summary: CheckSummary;
  /** Whether main holds another change to undo. */
  readonly canUndo: boolean;
}

/**
 * Where the model gets rows and sends changes: the bridge in the app, an in-memory table in tests.
 * Methods reject with an Error whose message is safe to show.
 */
export interface RowSource {
  page(query: RowQuery & { readonly offset: number; readonly limit: number }): Promise<RowPage>;
  /** Where a line is under `query` (0-based), or null; `inFile` false for a line the file lacks. */
  locate(
    line: number,
    query: RowQuery,
  ): Promise<{ readonly position: number | null; readonly inFile: boolean }>;
  /** Changes many rows as one undo step; answers how many changed and the new counts. */
  bulk(action: BulkAction): Promise<{ readonly changed: number; readonly summary: CheckSummary }>;
  edit(line: number, column: number, value: string): Promise<ChangedRow>;
  skip(line: number, skipped: boolean): Promise<ChangedRow>;
  /** Reverts main's last edit or skip of this file (main keeps the before-values). */
  undo(): Promise<ChangedRow>;
}

/** One undoable change: a cell edit (with the text before and after) or a skip. */
export type GridChange =
  | {
      readonly kind: 'edit';
      readonly line: number;
      readonly column: number;
      readonly before: string;
      readonly after: string;
    }
  | { readonly kind: 'skip'; readonly line: number; readonly skipped: boolean }
  | { readonly kind: 'bulk'; readonly action: BulkAction };

/** Rows fetched per request (the contract allows at most 1,000). */
export const defaultPageSize = 200;

/**
 * The review grid's state. Subscribe with {@link GridModel.subscribe}; `version` changes whenever
 * anything visible does (use it with `useSyncExternalStore`).
 */
export class GridModel {
  private readonly pages = new Map<number, readonly ReviewRow[]>();
  private readonly loading = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private readonly undoStack: GridChange[] = [];
  private readonly redoStack: GridChange[] = [];
  /** Bumped when the filter changes, so answers to an old filter are dropped. */
  private generation = 0;
  private busyCount = 0;

  /** Changes whenever the model does. */
  version = 0;
  filter: RowFilter = 'all';
  issueCode: string | undefined = undefined;
  /** Only rows with a cell holding this text (or this line number); '' for every row. */
  search = '';
  sort: RowSort = undefined;
  compare: CompareFilter | undefined = undefined;
  /** Rows matching the filter; null until the first page arrives. */
  total: number | null = null;
  summary: CheckSummary | null = null;
  /** The last failure, in words for the user; cleared by the next success. */
  error: string | null = null;

  constructor(
    private readonly source: RowSource,
    readonly pageSize: number = defaultPageSize,
  ) {}

  /** Calls `listener` after every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The rows selected for a bulk skip. */
  readonly selection = new RowSelection(() => this.changed());

  /** Selects rows (see {@link RowSelection.select}) among the loaded rows. */
  select(index: number, line: number, how: 'toggle' | 'range'): void {
    this.selection.select(index, line, how, (i) => this.rowAt(i)?.line);
  }

  /** True while an edit, skip or undo is waiting for main. */
  get busy(): boolean {
    return this.busyCount > 0;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0 && !this.busy;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0 && !this.busy;
  }

  /** The row at `index` under the current filter, or undefined while its page is not loaded. */
  rowAt(index: number): ReviewRow | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** The loaded row of a file line, if any page holds it. */
  rowOfLine(line: number): ReviewRow | undefined {
    for (const rows of this.pages.values()) {
      const found = rows.find((row) => row.line === line);
      if (found) return found;
    }
    return undefined;
  }

  /** Shows only rows matching `filter` (and `issueCode`, a code from the issue summary; `compare`, an answer). */
  setFilter(filter: RowFilter, issueCode?: string, compare?: CompareFilter): Promise<void> {
    this.selection.forgetAnchor();
    this.filter = filter;
    this.issueCode = issueCode;
    this.compare = compare;
    return this.reload();
  }

  /** Shows only rows holding `search` (or with that line number), sorted by `sort`. */
  setView(search: string, sort: RowSort): Promise<void> {
    this.selection.forgetAnchor();
    this.search = search;
    this.sort = sort;
    return this.reload();
  }

  /** The query the table shows now. */
  get query(): RowQuery {
    return {
      filter: this.filter,
      ...(this.issueCode === undefined ? {} : { issueCode: this.issueCode }),
      ...(this.search === '' ? {} : { search: this.search }),
      ...(this.sort === undefined ? {} : { sort: this.sort }),
      ...(this.compare === undefined ? {} : { compare: this.compare }),
    };
  }

  /**
   * The position of a file line in the table (for go-to-line). A line the current filter or
   * search hides is found among all rows instead: the filter and search are cleared. Resolves null
   * (and sets `error`) for a line the file does not have as a data row.
   */
  async locate(line: number): Promise<number | null> {
    try {
      const found = await this.source.locate(line, this.query);
      if (!found.inFile) {
        this.error = `There is no data row on line ${line.toLocaleString()}.`;
        this.changed();
        return null;
      }
      if (found.position !== null) return found.position;
      this.filter = 'all';
      this.issueCode = undefined;
      this.compare = undefined;
      this.search = '';
      const again = await this.source.locate(line, this.query);
      await this.reload();
      return again.position;
    } catch (error) {
      this.error = messageOf(error);
      this.changed();
      return null;
    }
  }

  /**
   * Changes many rows at once (one undo step), then reloads the rows in view. Resolves how many
   * rows or cells changed, or null when main refused (`error` says why).
   */
  async bulk(action: BulkAction): Promise<number | null> {
    let changed: number | null = null;
    const done = await this.runBulk(action, (count) => {
      changed = count;
      if (count > 0) {
        this.undoStack.push({ kind: 'bulk', action });
        this.redoStack.length = 0;
      }
    });
    return done ? changed : null;
  }

  private async runBulk(action: BulkAction, onDone: (changed: number) => void): Promise<boolean> {
    const done = await this.run(
      () => this.source.bulk(action),
      (answer) => {
        if (action.kind === 'skip') this.selection.clear();
        onDone(answer.changed);
      },
    );
    // Any row may have changed: the rows in view are fetched again.
    this.refresh();
    if (this.total !== null) void this.ensureRows(0, this.pageSize - 1);
    return done;
  }

  /** Drops every cached page and loads the first again (after a re-check, or to re-apply the filter). */
  reload(): Promise<void> {
    this.generation += 1;
    this.pages.clear();
    this.loading.clear();
    this.total = null;
    this.changed();
    return this.ensureRows(0, this.pageSize - 1);
  }

  /**
   * Drops every cached page but keeps the row count and the filter, so the table stays where it is
   * and re-fetches the rows in view (after main finished checking the rows behind the first ones).
   */
  refresh(): void {
    this.generation += 1;
    this.pages.clear();
    this.loading.clear();
    this.changed();
  }

  /** Loads every page between rows `first` and `last` (inclusive) that is not loaded yet. */
  async ensureRows(first: number, last: number): Promise<void> {
    const from = Math.max(0, Math.floor(first / this.pageSize));
    const lastIndex = this.total === null ? last : Math.min(last, this.total - 1);
    const to = Math.floor(Math.max(first, lastIndex) / this.pageSize);
    const wanted: number[] = [];
    for (let page = from; page <= to; page += 1) {
      if (!this.pages.has(page) && !this.loading.has(page)) wanted.push(page);
    }
    await Promise.all(wanted.map((page) => this.loadPage(page)));
  }

  private async loadPage(page: number): Promise<void> {
    const generation = this.generation;
    this.loading.add(page);
    try {
      const answer = await this.source.page({
        offset: page * this.pageSize,
        limit: this.pageSize,
        ...this.query,
      });
      if (generation !== this.generation) return;
      this.pages.set(page, answer.rows);
      this.total = answer.total;
      this.error = null;
    } catch (error) {
      if (generation !== this.generation) return;
      this.error = messageOf(error);
    } finally {
      if (generation === this.generation) this.loading.delete(page);
      this.changed();
    }
  }

  /** Sets one cell's text; main re-validates the row. Undoable. Resolves false when main refused. */
  edit(line: number, column: number, value: string): Promise<boolean> {
    const before = this.rowOfLine(line)?.cells[column] ?? '';
    if (before === value) return Promise.resolve(true);
    return this.apply({ kind: 'edit', line, column, before, after: value }, true);
  }

  /** Skips a row (it will not be sent) or takes it back. Undoable. */
  skip(line: number, skipped: boolean): Promise<boolean> {
    return this.apply({ kind: 'skip', line, skipped }, true);
  }

  /**
   * Reverts the last change: main restores the row as it was (its edit marks too). Resolves false
   * when there is nothing to undo or main refused.
   */
  async undo(): Promise<boolean> {
    const change = this.undoStack.pop();
    if (!change) return false;
    const done = await this.run(
      () => this.source.undo(),
      (answer) => {
        this.replaceRow(answer.row);
        this.redoStack.push(change);
      },
    );
    if (!done) this.undoStack.push(change);
    else if (change.kind === 'bulk') await this.reload();
    return done;
  }

  /** Applies the last undone change again. */
  async redo(): Promise<boolean> {
    const change = this.redoStack.pop();
    if (!change) return false;
    const done =
      change.kind === 'bulk'
        ? await this.runBulk(change.action, () => this.undoStack.push(change))
        : await this.apply(change, false);
    if (!done) this.redoStack.push(change);
    return done;
  }

  private apply(change: Exclude<GridChange, { kind: 'bulk' }>, fresh: boolean): Promise<boolean> {
    return this.run(
      () =>
        change.kind === 'edit'
          ? this.source.edit(change.line, change.column, change.after)
          : this.source.skip(change.line, change.skipped),
      (answer) => {
        this.replaceRow(answer.row);
        this.undoStack.push(change);
        if (fresh) this.redoStack.length = 0;
      },
    );
  }

  /** Sends a change to main; on success takes its counts and calls `onDone` with the answer. */
  private async run<T extends { readonly summary: CheckSummary }>(
    send: () => Promise<T>,
    onDone: (answer: T) => void,
  ): Promise<boolean> {
    this.busyCount += 1;
    this.changed();
    try {
      const answer = await send();
      this.summary = answer.summary;
      this.error = null;
      onDone(answer);
      return true;
    } catch (error) {
      this.error = messageOf(error);
      return false;
    } finally {
      this.busyCount -= 1;
      this.changed();
    }
  }

  /**
   * Puts main's new version of a row wherever it is loaded. The row stays where it is even if it no
   * longer matches the filter, so it does not vanish under the user's cursor; `reload` re-filters.
   */
  private replaceRow(row: ReviewRow): void {
    for (const [page, rows] of this.pages) {
      const at = rows.findIndex((candidate) => candidate.line === row.line);
      if (at >= 0) this.pages.set(page, rows.with(at, row));
    }
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
