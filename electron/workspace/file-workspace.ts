/**
 * One loaded file in main: its rows in memory, the applied mapping, the user's edits and skips
 * (with an undo stack), and every row's evaluation after a check.
 *
 * The review table, the JSON preview and the import all read the rows from here, so an edited
 * value is what gets sent: the runner's batches come from {@link FileWorkspace.plannedBatches},
 * never from re-reading the file. A whole-file check yields to the event loop every few thousand
 * rows, so main stays responsive on a 100,000-row file.
 */
import type { CheckOptions } from '../../shared/engine/check-options';
import type { AmbiguousDateColumn } from '../../shared/engine/check-report';
import type { PlannedBatch, PlannedRow, RowEvaluation } from '../../shared/engine/check-result';
import type { CheckPlan } from '../../shared/engine/compile-mapping';
import { evaluateRow, type ColumnDateStates } from '../../shared/engine/evaluate-row';
import type { Issue } from '../../shared/engine/issue';
import type { ColumnMapping } from '../../shared/mapping/column-mapping';
import type { CheckedRow } from '../../shared/report/report-rows';
import type { FileInfo, SourceRow } from '../../shared/source/source-table';
import {
  filteredRows,
  settleRows,
  type ReviewSummary,
  type RowFilter,
  type SettledRows,
} from './review-state';

/** What a check settled on before evaluating rows (from the engine's `prepareCheck`). */
export interface PreparedPlan {
  readonly plan: CheckPlan;
  readonly dateStates: ColumnDateStates;
  readonly options: CheckOptions;
  readonly ambiguousDateColumns: readonly AmbiguousDateColumn[];
  readonly fileIssues: readonly Issue[];
}

/** A check of the workspace's current rows. */
interface WorkspaceCheck extends PreparedPlan {
  readonly evaluations: RowEvaluation[];
  settled: SettledRows;
}

/** One row as the review table shows it. */
export interface ReviewRow {
  readonly line: number;
  readonly status: 'valid' | 'invalid' | 'blank' | 'duplicate' | 'skipped';
  readonly cells: readonly string[];
  readonly issues: readonly Issue[];
  readonly edited: readonly number[];
  readonly skipReason: string | null;
}

/** The user's changes to a file, as a job stores them so a resume rebuilds the same batches. */
export interface RowChanges {
  readonly edits: readonly { readonly line: number; readonly column: number; readonly value: string }[];
  readonly skips: readonly { readonly line: number; readonly reason: string }[];
}

type UndoStep =
  | {
      readonly kind: 'edit';
      readonly row: number;
      readonly column: number;
      readonly previous: string | undefined;
    }
  | { readonly kind: 'skip'; readonly row: number; readonly previous: string | undefined };

/** Thrown for a line or column the file does not have; the handlers turn it into `not-found`. */
export class NoSuchCellError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoSuchCellError';
  }
}

/** Rows evaluated between two yields to the event loop. */
const rowsPerSlice = 2_000;
/** Most undo steps kept per file. */
const undoLimit = 1_000;

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A loaded file; see the module comment. */
export class FileWorkspace {
  mapping: ColumnMapping[] | null = null;
  /** Match criteria of the last check, for `mapping:apply` without one. */
  lastMatch = 'email';
  /** The job sending this file's rows; edits and skips wait until it ends. */
  lockedBy: string | null = null;
  #check: WorkspaceCheck | null = null;
  #checkRun = 0;
  readonly #lineIndex = new Map<number, number>();
  readonly #edits = new Map<number, Map<number, string>>();
  readonly #skips = new Map<number, string>();
  readonly #undo: UndoStep[] = [];

  /**
   * @param source the file store's table this workspace was read from (a re-read replaces it)
   * @param sha256 the file's SHA-256 when it was read, to refuse sending a file changed on disk
   */
  constructor(
    readonly fileId: string,
    readonly path: string,
    readonly info: FileInfo,
    readonly source: object,
    readonly rows: readonly SourceRow[],
    readonly sha256: string,
  ) {
    rows.forEach((row, i) => this.#lineIndex.set(row.line, i));
  }

  /** The last check, or null before one (or after the mapping changed). */
  get check(): Readonly<WorkspaceCheck> | null {
    return this.#check;
  }

  /** Forgets the check (the mapping changed); edits and skips are kept. */
  clearCheck(): void {
    this.#check = null;
    this.#checkRun += 1;
  }

  /** Row index of a 1-based line; throws {@link NoSuchCellError}. */
  indexOf(line: number): number {
    const index = this.#lineIndex.get(line);
    if (index === undefined) throw new NoSuchCellError(`${this.info.name} has no data row on line ${line}.`);
    return index;
  }

  /** Row i's cells with the user's edits applied. */
  cells(i: number): readonly string[] {
    const cells = this.rows[i]?.cells ?? [];
    const edits = this.#edits.get(i);
    if (!edits) return cells;
    const out = [...cells];
    for (const [column, value] of edits) {
      while (out.length < column) out.push('');
      out[column] = value;
    }
    return out;
  }

  /**
   * Evaluates every row against `prepared`, yielding every {@link rowsPerSlice} rows; a newer
   * check (or a mapping change) abandons this one (resolves false).
   */
  async runCheck(prepared: PreparedPlan, onProgress: (rows: number) => void): Promise<boolean> {
    const run = ++this.#checkRun;
    const evaluations: RowEvaluation[] = new Array<RowEvaluation>(this.rows.length);
    for (let i = 0; i < this.rows.length; i += 1) {
      evaluations[i] = this.#evaluate(i, prepared);
      if ((i + 1) % rowsPerSlice === 0) {
        onProgress(i + 1);
        await nextTick();
        if (run !== this.#checkRun) return false;
      }
    }
    onProgress(this.rows.length);
    const settled = settleRows(evaluations, this.#skips, prepared.plan, prepared.fileIssues);
    this.#check = { ...prepared, evaluations, settled };
    this.lastMatch = prepared.options.match;
    return true;
  }

  /** The counts now; throws when there is no check. */
  summary(): ReviewSummary {
    return this.#requireCheck().settled.summary;
  }

  /** Sets one cell (setting it back to the file's value drops the edit), re-checks, records undo. */
  edit(line: number, column: number, value: string): number {
    const i = this.indexOf(line);
    const width = Math.max(this.info.columns.length, this.rows[i]?.cells.length ?? 0);
    if (column >= width) {
      throw new NoSuchCellError(`${this.info.name} has ${width} columns; there is no column ${column + 1}.`);
    }
    this.#pushUndo({ kind: 'edit', row: i, column, previous: this.#edits.get(i)?.get(column) });
    this.#setEdit(i, column, value);
    this.#recheck(i);
    return i;
  }

  /** Skips (with a reason) or restores one row, re-settles, records undo. */
  skip(line: number, skipped: boolean, reason: string | undefined): number {
    const i = this.indexOf(line);
    this.#pushUndo({ kind: 'skip', row: i, previous: this.#skips.get(i) });
    if (skipped) this.#skips.set(i, reason?.trim() || 'skipped by you');
    else this.#skips.delete(i);
    this.#resettle();
    return i;
  }

  /** Undoes the last edit or skip; the row index it touched, or null when there is nothing to undo. */
  undo(): number | null {
    const step = this.#undo.pop();
    if (!step) return null;
    if (step.kind === 'edit') {
      this.#setEdit(step.row, step.column, step.previous);
      this.#recheck(step.row);
    } else {
      if (step.previous === undefined) this.#skips.delete(step.row);
      else this.#skips.set(step.row, step.previous);
      this.#resettle();
    }
    return step.row;
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  /** Row i as the review table shows it. */
  reviewRow(i: number): ReviewRow {
    const row = this.rows[i];
    if (!row) throw new NoSuchCellError(`${this.info.name} has no row ${i + 1}.`);
    const outcome = this.#check?.settled.outcomes[i];
    const skipReason = this.#skips.get(i) ?? null;
    return {
      line: row.line,
      status: skipReason !== null ? 'skipped' : (outcome?.status ?? 'valid'),
      cells: this.cells(i),
      issues: outcome?.issues ?? [],
      edited: [...(this.#edits.get(i)?.keys() ?? [])].sort((a, b) => a - b),
      skipReason,
    };
  }

  /** A page of the rows a filter lists; O(limit). Throws when there is no check. */
  page(filter: RowFilter, issueCode: string | undefined, offset: number, limit: number) {
    const list = filteredRows(this.#requireCheck().settled, this.rows.length, filter, issueCode);
    const rows: ReviewRow[] = [];
    for (let p = offset; p < Math.min(list.total, offset + limit); p += 1) {
      const i = list.at(p);
      if (i !== undefined) rows.push(this.reviewRow(i));
    }
    return { total: list.total, offset, rows };
  }

  /** The profile that will be sent for row i (null when it won't be), and its issues. */
  payload(i: number): { profile: Record<string, unknown> | null; issues: readonly Issue[] } {
    const outcome = this.#requireCheck().settled.outcomes[i];
    if (!outcome) return { profile: null, issues: [] };
    return { profile: outcome.status === 'valid' ? { ...outcome.profile } : null, issues: outcome.issues };
  }

  /** The exact batches an import sends now: valid rows in file order at the check's batch size. */
  plannedBatches(): PlannedBatch[] {
    const check = this.#requireCheck();
    const batches: PlannedBatch[] = [];
    let rows: PlannedRow[] = [];
    for (const outcome of check.settled.outcomes) {
      if (outcome?.status !== 'valid' || outcome.profile === null || outcome.matchKey === null) continue;
      rows.push({ line: outcome.line, matchKey: outcome.matchKey, profile: outcome.profile });
      if (rows.length === check.options.batchSize) {
        batches.push({ index: batches.length, rows });
        rows = [];
      }
    }
    if (rows.length > 0) batches.push({ index: batches.length, rows });
    return batches;
  }

  /** Every row's verdict for the reports; a skipped row is `valid` with no batch, so it reads `skipped`. */
  checkedRows(): CheckedRow[] {
    const outcomes = this.#requireCheck().settled.outcomes;
    return this.rows.map((row, i): CheckedRow => {
      const outcome = outcomes[i];
      if (!outcome)
        return { line: row.line, status: 'valid', batch: null, error: this.#skips.get(i) ?? null };
      const errors = outcome.issues.filter((x) => x.severity === 'error');
      const error =
        outcome.status === 'valid' || outcome.status === 'blank'
          ? null
          : errors.map((x) => x.message).join('; ') || null;
      return { line: outcome.line, status: outcome.status, batch: outcome.batch, error };
    });
  }

  /** The user's edits and skips, by line, for a job to store. */
  changes(): RowChanges {
    const edits: { line: number; column: number; value: string }[] = [];
    for (const [i, columns] of this.#edits) {
      for (const [column, value] of columns) edits.push({ line: this.rows[i]?.line ?? 0, column, value });
    }
    const skips = [...this.#skips].map(([i, reason]) => ({ line: this.rows[i]?.line ?? 0, reason }));
    return { edits, skips };
  }

  /** Applies stored changes (a resumed job) before a check; throws for a line the file lacks. */
  applyChanges(changes: RowChanges): void {
    for (const e of changes.edits) this.#setEdit(this.indexOf(e.line), e.column, e.value);
    for (const s of changes.skips) this.#skips.set(this.indexOf(s.line), s.reason);
  }

  #evaluate(i: number, prepared: PreparedPlan): RowEvaluation {
    const row = this.rows[i] as SourceRow;
    const cells = this.#edits.has(i) ? { line: row.line, cells: this.cells(i) } : row;
    return evaluateRow(cells, prepared.plan, prepared.dateStates);
  }

  #setEdit(i: number, column: number, value: string | undefined): void {
    let edits = this.#edits.get(i);
    if (value === undefined || value === (this.rows[i]?.cells[column] ?? '')) {
      edits?.delete(column);
      if (edits?.size === 0) this.#edits.delete(i);
      return;
    }
    if (!edits) this.#edits.set(i, (edits = new Map()));
    edits.set(column, value);
  }

  #recheck(i: number): void {
    const check = this.#check;
    if (!check) return;
    check.evaluations[i] = this.#evaluate(i, check);
    this.#resettle();
  }

  #resettle(): void {
    const check = this.#check;
    if (check) check.settled = settleRows(check.evaluations, this.#skips, check.plan, check.fileIssues);
  }

  #pushUndo(step: UndoStep): void {
    this.#undo.push(step);
    if (this.#undo.length > undoLimit) this.#undo.shift();
  }

  #requireCheck(): WorkspaceCheck {
    if (!this.#check) throw new NotCheckedError();
    return this.#check;
  }
}

/** Thrown when an operation needs a check and the file has none (or the mapping changed since). */
export class NotCheckedError extends Error {
  constructor() {
    super('Check the file first: the mapping or options changed since the last check.');
    this.name = 'NotCheckedError';
  }
}
