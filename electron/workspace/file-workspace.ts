/**
 * One loaded file in main: its rows (on disk, see row-store.ts), the applied mapping, the user's
 * edits and skips (with an undo stack), and every row's standing after a check.
 *
 * The review table, the JSON preview and the import all read the rows from here, so an edited
 * value is what gets sent: the runner's batches come from {@link FileWorkspace.plannedBatches},
 * never from re-reading the file. A whole-file check yields to the event loop every few
 * milliseconds, so main stays responsive on a 100,000-row file, and its first rows can be reviewed
 * while the rest are checked. Rows are settled incrementally (review-state.ts): an edit costs the
 * row and the duplicate and phone groups it leaves or joins, not a pass over the file.
 */
import type { CheckOptions } from '../../shared/engine/check-options';
import type { AmbiguousDateColumn } from '../../shared/engine/check-report';
import { BatchCollector } from '../../shared/engine/batch-collector';
import type { PlannedBatch, RowEvaluation } from '../../shared/engine/check-result';
import type { CheckPlan } from '../../shared/engine/compile-mapping';
import { evaluateRow, type ColumnDateStates } from '../../shared/engine/evaluate-row';
import { sentNotes, sentValues } from '../../shared/engine/sent-values';
import type { Issue } from '../../shared/engine/issue';
import type { ColumnMapping } from '../../shared/mapping/column-mapping';
import { checkedRowOf, type CheckedRow } from '../../shared/report/report-rows';
import type { FileInfo, SourceRow } from '../../shared/source/source-table';
import { asRowSource, type RowSource } from './row-store';
import { UndoLog, type UndoStep } from './undo-log';
import { CheckRunningError, NoSuchCellError, NotCheckedError } from './workspace-errors';
import type { ReviewRow, RowChanges } from './review-row';
import { ReviewState, type ReviewSummary, type RowFilter } from './review-state';

export { CheckRunningError, NoSuchCellError, NotCheckedError } from './workspace-errors';
export type { ReviewRow, RowChanges } from './review-row';

/** What a check settled on before evaluating rows (from the engine's `prepareCheck`). */
export interface PreparedPlan {
  readonly plan: CheckPlan;
  readonly dateStates: ColumnDateStates;
  readonly options: CheckOptions;
  readonly ambiguousDateColumns: readonly AmbiguousDateColumn[];
  readonly fileIssues: readonly Issue[];
}

/** A check of the workspace's rows: complete once every row is evaluated. */
interface WorkspaceCheck extends PreparedPlan {
  readonly state: ReviewState;
  /** Which check this is (a newer check or a mapping change abandons older ones). */
  readonly run: number;
  complete: boolean;
}

/** Most rows evaluated between two yields to the event loop. */
const rowsPerSlice = 2_000;
/** Longest stretch of evaluation before yielding, in ms, so main stays responsive. */
const sliceMs = 12;

/** Check runs so far in this process: each check gets a number no other check of any file had. */
let checkRuns = 0;

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A loaded file; see the module comment. */
export class FileWorkspace {
  mapping: ColumnMapping[] | null = null;
  /** Match criteria of the last check, for `mapping:apply` without one. */
  lastMatch = 'email';
  /** The job sending this file's rows; edits and skips wait until it ends. */
  lockedBy: string | null = null;
  /** What the next check does with a `mobile_phone` repeated from an earlier sent row (its `repeatedPhones` option). */
  repeatedPhones: 'keep' | 'leave-out' = 'keep';
  #check: WorkspaceCheck | null = null;
  #checkRun = 0;
  readonly #edits = new Map<number, Map<number, string>>();
  readonly #skips = new Map<number, string>();
  readonly #undo = new UndoLog();
  #revision = 0;
  /** The rows by index (from the store, or from memory in tests). */
  readonly rows: RowSource;

  /**
   * @param source the file store's table this workspace was read from (a re-read replaces it)
   * @param rows the data rows: a {@link RowSource} (the app's on-disk store) or an array (tests)
   * @param sha256 the file's SHA-256 when it was read, to refuse sending a file changed on disk
   */
  constructor(
    readonly fileId: string,
    readonly path: string,
    readonly info: FileInfo,
    readonly source: object,
    rows: readonly SourceRow[] | RowSource,
    readonly sha256: string,
  ) {
    this.rows = asRowSource(rows);
  }

  /** The last check, or null before one (or after the mapping changed). */
  get check(): Readonly<WorkspaceCheck> | null {
    return this.#check;
  }

  /** Forgets the check (the mapping changed); edits and skips are kept. */
  clearCheck(): void {
    this.#revision += 1;
    this.#check = null;
    this.#checkRun = ++checkRuns;
  }

  /** True when the user edited any cell. */
  get hasEdits(): boolean {
    return this.#edits.size > 0;
  }

  /** Row index of a 1-based line; throws {@link NoSuchCellError}. */
  indexOf(line: number): number {
    const index = this.rows.indexOf(line);
    if (index < 0) throw new NoSuchCellError(`${this.info.name} has no data row on line ${line}.`);
    return index;
  }

  /** Row i's cells with the user's edits applied. */
  cells(i: number): readonly string[] {
    const cells = this.rows.row(i).cells;
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
   * Evaluates every row against `prepared` in file order, in slices of at most {@link sliceMs} ms
   * with a yield to the event loop between them; the check is readable (pages, counts so far) from
   * the first slice on, and `complete` once every row is in. `onProgress` gets the rows checked
   * after each slice. A newer check (or a mapping change) abandons this one: resolves false.
   */
  async runCheck(prepared: PreparedPlan, onProgress: (rows: number) => void): Promise<boolean> {
    const run = (this.#checkRun = ++checkRuns);
    const rows = this.rows;
    const state = new ReviewState(
      {
        size: rows.size,
        line: (i) => rows.line(i),
        skipped: (i) => this.#skips.get(i),
        evaluate: (i) => this.#evaluate(i, prepared),
      },
      prepared.plan,
      prepared.fileIssues,
    );
    const check: WorkspaceCheck = { ...prepared, state, run, complete: false };
    this.#revision += 1;
    this.#check = check;
    this.lastMatch = prepared.options.match;
    let sliceStart = performance.now();
    for (let i = 0; i < rows.size; i += 1) {
      state.setEvaluation(i, this.#evaluate(i, prepared));
      if ((i + 1) % 250 === 0 && ((i + 1) % rowsPerSlice === 0 || performance.now() - sliceStart > sliceMs)) {
        onProgress(i + 1);
        await nextTick();
        if (run !== this.#checkRun) return false;
        sliceStart = performance.now();
      }
    }
    check.complete = true;
    onProgress(rows.size);
    return true;
  }

  /** True when the current check has evaluated every row. */
  get checkComplete(): boolean {
    return this.#check?.complete ?? false;
  }

  /** The counts now (of the rows checked so far while a check runs); throws when there is no check. */
  summary(): ReviewSummary {
    return this.#requireCheck().state.summary;
  }

  /** Sets one cell (setting it back to the file's value drops the edit), re-checks, records undo. */
  edit(line: number, column: number, value: string): number {
    const i = this.indexOf(line);
    const width = Math.max(this.info.columns.length, this.rows.row(i).cells.length);
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
    this.#resettle(i);
    return i;
  }

  /**
   * Makes every edit and skip `work` does one undo step (a bulk change: skip all rows with a
   * problem, replace in a column); answers how many edits and skips it made.
   */
  group(work: () => void): number {
    return this.#undo.group(work);
  }

  /**
   * Undoes the last edit, skip or bulk change; the (first) row index it touched, or null when
   * there is nothing to undo.
   */
  undo(): number | null {
    const step = this.#undo.pop();
    return step ? this.#revert(step) : null;
  }

  #revert(step: UndoStep): number | null {
    this.#revision += 1;
    if (step.kind === 'group') {
      let row: number | null = null;
      for (let k = step.steps.length - 1; k >= 0; k -= 1) row = this.#revert(step.steps[k] as UndoStep);
      return row;
    }
    if (step.kind === 'edit') {
      this.#setEdit(step.row, step.column, step.previous);
      this.#recheck(step.row);
    } else {
      if (step.previous === undefined) this.#skips.delete(step.row);
      else this.#skips.set(step.row, step.previous);
      this.#resettle(step.row);
    }
    return step.row;
  }

  /** Changes whenever a row's cells, skip or standing may have (edits, skips, undo, a new check). */
  get revision(): number {
    return this.#revision;
  }

  get canUndo(): boolean {
    return this.#undo.canUndo;
  }

  /**
   * Row i as the review table shows it (`unchecked` before the check reaches it); `withSent` adds
   * each cell's value as it will be sent (a conversion per mapped cell, so only for rows in view).
   */
  reviewRow(i: number, withSent = false): ReviewRow {
    if (!(i >= 0 && i < this.rows.size)) throw new NoSuchCellError(`${this.info.name} has no row ${i + 1}.`);
    const skipReason = this.#skips.get(i) ?? null;
    const standing = this.#check?.state.standing(i) ?? { status: 'unchecked', issues: [] };
    const cells = this.cells(i);
    return {
      line: this.rows.line(i),
      status: skipReason !== null ? 'skipped' : standing.status,
      cells,
      issues: standing.issues,
      edited: [...(this.#edits.get(i)?.keys() ?? [])].sort((a, b) => a - b),
      skipReason,
      ...(withSent && this.#check
        ? {
            sent: sentValues(cells, this.#check.plan, this.#check.dateStates),
            sentNotes: sentNotes(cells, this.#check.plan),
          }
        : {}),
    };
  }

  /** A page of the rows a filter lists; O(limit). Throws when there is no check. */
  page(filter: RowFilter, issueCode: string | undefined, offset: number, limit: number) {
    const list = this.#requireCheck().state.filtered(filter, issueCode);
    const rows: ReviewRow[] = [];
    for (let p = offset; p < Math.min(list.total, offset + limit); p += 1) {
      const i = list.at(p);
      if (i !== undefined) rows.push(this.reviewRow(i, true));
    }
    return { total: list.total, offset, rows };
  }

  /** The profile that will be sent for row i (null when it won't be), and its issues. */
  payload(i: number): { profile: Record<string, unknown> | null; issues: readonly Issue[] } {
    const state = this.#requireCheck().state;
    const outcome = state.outcome(i);
    if (!outcome) return { profile: null, issues: state.standing(i).issues };
    return { profile: outcome.status === 'valid' ? { ...outcome.profile } : null, issues: outcome.issues };
  }

  /**
   * The exact batches an import sends now: sent rows in file order at the check's batch size —
   * only those on `lines` when given (a retry of failed rows).
   */
  plannedBatches(lines: ReadonlySet<number> | null = null): PlannedBatch[] {
    const batches: PlannedBatch[] = [];
    for (const { batch } of this.snapshot(lines)) if (batch) batches.push(batch);
    return batches;
  }

  /** Every row's verdict for the reports (see `checkedRowOf`): skipped rows read `skipped: <reason>`. */
  checkedRows(): CheckedRow[] {
    return [...this.snapshot()].map(({ row }) => row);
  }

  /**
   * Every row's verdict in file order (as {@link checkedRows}), each with the batch it completes
   * (as {@link plannedBatches}; the last batch comes with the last row): one pass that evaluates
   * each row again from its cells, holding one batch at a time, for a job's snapshot.
   */
  *snapshot(
    lines: ReadonlySet<number> | null = null,
  ): Generator<{ readonly row: CheckedRow; readonly batch: PlannedBatch | null }> {
    const check = this.#requireComplete();
    const batches = new BatchCollector(check.options.batchSize);
    const size = this.rows.size;
    for (const { index, outcome } of check.state.outcomes()) {
      const skipReason = this.#skips.get(index);
      const matchKey = skipReason !== undefined || !outcome ? check.state.matchKeyOf(index) : null;
      const row: CheckedRow =
        skipReason !== undefined || !outcome
          ? {
              line: this.rows.line(index),
              status: 'skipped',
              batch: null,
              error: `skipped: ${skipReason ?? ''}`,
              ...(matchKey !== null && { matchKey }),
            }
          : checkedRowOf(outcome);
      const sent = outcome !== null && (lines === null || lines.has(outcome.line)) ? outcome : null;
      let batch = sent ? batches.add(sent) : null;
      if (index === size - 1) batch ??= batches.finish();
      yield { row, batch };
    }
  }

  /** The user's edits and skips, by line, for a job to store. */
  changes(): RowChanges {
    const edits: { line: number; column: number; value: string }[] = [];
    for (const [i, columns] of this.#edits) {
      for (const [column, value] of columns) edits.push({ line: this.rows.line(i), column, value });
    }
    const skips = [...this.#skips].map(([i, reason]) => ({ line: this.rows.line(i), reason }));
    return { edits, skips };
  }

  /** Applies stored changes (a resumed job) before a check; throws for a line the file lacks. */
  applyChanges(changes: RowChanges): void {
    for (const e of changes.edits) this.#setEdit(this.indexOf(e.line), e.column, e.value);
    for (const s of changes.skips) this.#skips.set(this.indexOf(s.line), s.reason);
  }

  #evaluate(i: number, prepared: PreparedPlan): RowEvaluation {
    const row = this.rows.row(i);
    // Spread, not just the cells: notes on cells not edited (invalid bytes) and the width still hold.
    const cells = this.#edits.has(i) ? { ...row, cells: this.cells(i) } : row;
    return evaluateRow(cells, prepared.plan, prepared.dateStates);
  }

  #setEdit(i: number, column: number, value: string | undefined): void {
    let edits = this.#edits.get(i);
    if (value === undefined || value === (this.rows.row(i).cells[column] ?? '')) {
      edits?.delete(column);
      if (edits?.size === 0) this.#edits.delete(i);
      return;
    }
    if (!edits) this.#edits.set(i, (edits = new Map()));
    edits.set(column, value);
  }

  #recheck(i: number): void {
    const check = this.#check;
    if (!check || !check.state.isEvaluated(i)) return; // a running check evaluates it later, edits in
    check.state.setEvaluation(i, this.#evaluate(i, check));
  }

  #resettle(i: number): void {
    this.#check?.state.refresh(i);
  }

  #pushUndo(step: UndoStep): void {
    this.#revision += 1;
    this.#undo.push(step);
  }

  #requireCheck(): WorkspaceCheck {
    if (!this.#check) throw new NotCheckedError();
    return this.#check;
  }

  #requireComplete(): WorkspaceCheck {
    const check = this.#requireCheck();
    if (!check.complete) throw new CheckRunningError();
    return check;
  }
}
