/**
 * The review grid's model, free of React: which rows are loaded, their cell issues, the active
 * filter, and the user's edits and skips with undo and redo.
 *
 * Main owns the rows; the model asks a {@link RowSource} for pages as the table scrolls (so a
 * 100,000-row file never crosses the boundary whole), keeps them in a page cache, and replaces a row
 * in place when main answers an edit with the row re-validated. The table view subscribes and reads
 * rows by index (TanStack `examples/react/spreadsheet`: model apart from table).
 */
import type { OperationOutput } from '../../shared/ipc/contract';

/** One row as main sends it for review: cells as text (after edits), status and issues. */
export type ReviewRow = OperationOutput<'rows:page'>['rows'][number];
/** An issue of one cell or row. */
export type ReviewIssue = ReviewRow['issues'][number];
/** The counts of a check (`rows = valid + invalid + blank + duplicate`). */
export type CheckSummary = OperationOutput<'rows:edit'>['summary'];
/** The review filters. */
export type RowFilter = 'all' | 'errors' | 'warnings' | 'duplicates' | 'skipped';

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
  page(query: {
    readonly offset: number;
    readonly limit: number;
    readonly filter: RowFilter;
    readonly issueCode?: string;
  }): Promise<RowPage>;
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
  | { readonly kind: 'skip'; readonly line: number; readonly skipped: boolean };

/** Rows fetched per request (the contract allows at most 1,000). */
export const defaultPageSize = 200;

/** The issues of one cell (by 0-based column letter match) and the row's whole-row issues. */
export function cellIssues(row: ReviewRow, letter: string): readonly ReviewIssue[] {
  return row.issues.filter((issue) => issue.letter === letter);
}

/** Issues that name no column (a ragged row, a missing match key). */
export function rowIssues(row: ReviewRow): readonly ReviewIssue[] {
  return row.issues.filter((issue) => issue.letter === null);
}

/** The most severe issue level among `issues`, or null when there are none. */
export function worstSeverity(issues: readonly ReviewIssue[]): 'error' | 'warning' | null {
  if (issues.some((issue) => issue.severity === 'error')) return 'error';
  return issues.length > 0 ? 'warning' : null;
}

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

  /** Shows only rows matching `filter` (and `issueCode`, a code from the issue summary). */
  setFilter(filter: RowFilter, issueCode?: string): Promise<void> {
    this.filter = filter;
    this.issueCode = issueCode;
    return this.reload();
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
        filter: this.filter,
        ...(this.issueCode === undefined ? {} : { issueCode: this.issueCode }),
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
      () => this.redoStack.push(change),
    );
    if (!done) this.undoStack.push(change);
    return done;
  }

  /** Applies the last undone change again. */
  async redo(): Promise<boolean> {
    const change = this.redoStack.pop();
    if (!change) return false;
    const done = await this.apply(change, false);
    if (!done) this.redoStack.push(change);
    return done;
  }

  private apply(change: GridChange, fresh: boolean): Promise<boolean> {
    return this.run(
      () =>
        change.kind === 'edit'
          ? this.source.edit(change.line, change.column, change.after)
          : this.source.skip(change.line, change.skipped),
      () => {
        this.undoStack.push(change);
        if (fresh) this.redoStack.length = 0;
      },
    );
  }

  private async run(send: () => Promise<ChangedRow>, onDone: () => void): Promise<boolean> {
    this.busyCount += 1;
    this.changed();
    try {
      const answer = await send();
      this.replaceRow(answer.row);
      this.summary = answer.summary;
      this.error = null;
      onDone();
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
