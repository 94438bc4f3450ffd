/**
 * An in-memory {@link RowSource} for grid-model tests: a small table with one rule (column B must
 * hold an `@`), filters as main applies them, and a log of every request, so the tests can check
 * what the model asked for.
 */
import type {
  ChangedRow,
  CheckSummary,
  ReviewRow,
  RowFilter,
  RowPage,
  RowSource,
} from '../../renderer/review/grid-model';

/** The memory source plus what it was asked. */
export interface MemoryRowSource extends RowSource {
  readonly requests: string[];
  /** Makes the next call fail with this message. */
  failNext(message: string): void;
  /** Holds page answers until `release` is called (to test answers arriving late). */
  hold(): void;
  release(): void;
}

function validate(line: number, cells: readonly string[], skipped: boolean, edited: number[]): ReviewRow {
  const issues: ReviewRow['issues'] = cells[1]?.includes('@')
    ? []
    : [
        {
          severity: 'error',
          line,
          column: 'email',
          letter: 'B',
          target: 'email',
          code: 'email-invalid',
          message: `'${cells[1] ?? ''}' is not an email address`,
        },
      ];
  const status = skipped ? 'skipped' : issues.length > 0 ? 'invalid' : 'valid';
  return {
    line,
    status,
    cells: [...cells],
    issues,
    edited: [...edited],
    skipReason: skipped ? 'skipped in test' : null,
  };
}

function matches(row: ReviewRow, filter: RowFilter, code: string | undefined): boolean {
  if (code !== undefined && !row.issues.some((issue) => issue.code === code)) return false;
  switch (filter) {
    case 'all':
      return true;
    case 'errors':
      return row.status === 'invalid';
    case 'warnings':
      return row.issues.some((issue) => issue.severity === 'warning');
    case 'duplicates':
      return row.status === 'duplicate';
    case 'skipped':
      return row.status === 'skipped';
  }
}

/** A source over `cells` (one array per row, lines from 2). */
export function memoryRowSource(table: readonly (readonly string[])[]): MemoryRowSource {
  const rows = table.map((cells, i) => validate(i + 2, cells, false, []));
  const requests: string[] = [];
  let failure: string | null = null;
  let held: (() => void)[] | null = null;
  /** Rows as they were before each change, newest last (main's undo stack). */
  const history: ReviewRow[] = [];
  /** Whole tables before each bulk change (kept apart: these tests never mix the two). */
  const undoAll: ReviewRow[][] = [];

  const summary = (): CheckSummary => {
    const valid = rows.filter((row) => row.status === 'valid').length;
    const invalid = rows.filter((row) => row.status === 'invalid').length;
    const skipped = rows.filter((row) => row.status === 'skipped').length;
    return {
      rows: rows.length,
      valid,
      invalid,
      blank: 0,
      duplicate: 0,
      warnings: 0,
      batches: Math.ceil(valid / 500),
      skipped,
      unchecked: 0,
      warningRows: 0,
      leftOut: 0,
      leftOutRows: 0,
      refused: 0,
    };
  };

  const takeFailure = (): void => {
    if (failure === null) return;
    const message = failure;
    failure = null;
    throw new Error(message);
  };

  const change = (line: number, update: (row: ReviewRow) => ReviewRow): ChangedRow => {
    takeFailure();
    const at = rows.findIndex((row) => row.line === line);
    const row = rows[at];
    if (!row) throw new Error(`No row on line ${line}.`);
    history.push(row);
    rows[at] = update(row);
    return { row: rows[at], summary: summary(), canUndo: true };
  };

  return {
    requests,
    failNext: (message) => void (failure = message),
    hold: () => void (held = []),
    release() {
      const waiting = held ?? [];
      held = null;
      for (const resume of waiting) resume();
    },
    async page({ offset, limit, filter, issueCode }) {
      requests.push(`page ${offset}+${limit} ${filter}${issueCode ? ` ${issueCode}` : ''}`);
      if (held) await new Promise<void>((resume) => held?.push(resume));
      takeFailure();
      const matching = rows.filter((row) => matches(row, filter, issueCode));
      const page: RowPage = { total: matching.length, offset, rows: matching.slice(offset, offset + limit) };
      return page;
    },
    async edit(line, column, value) {
      requests.push(`edit ${line} ${column} ${value}`);
      return change(line, (row) => {
        const cells = [...row.cells];
        cells[column] = value;
        const edited = row.edited.includes(column) ? [...row.edited] : [...row.edited, column];
        return validate(line, cells, row.status === 'skipped', edited);
      });
    },
    async undo() {
      requests.push('undo');
      takeFailure();
      const whole = undoAll.pop();
      if (whole) {
        rows.splice(0, rows.length, ...whole);
        return { row: whole[0] as ReviewRow, summary: summary(), canUndo: history.length > 0 };
      }
      const before = history.pop();
      if (!before) throw new Error('There is nothing to undo.');
      const at = rows.findIndex((row) => row.line === before.line);
      rows[at] = before;
      return { row: before, summary: summary(), canUndo: history.length > 0 };
    },
    async skip(line, skipped) {
      requests.push(`skip ${line} ${skipped}`);
      return change(line, (row) => validate(line, row.cells, skipped, [...row.edited]));
    },
    async locate(line, query) {
      requests.push(`locate ${line} ${query.filter}`);
      takeFailure();
      const inFile = rows.some((row) => row.line === line);
      const at = rows
        .filter((row) => matches(row, query.filter, query.issueCode))
        .findIndex((row) => row.line === line);
      return { position: at < 0 ? null : at, inFile };
    },
    async bulk(action) {
      requests.push(`bulk ${action.kind}`);
      takeFailure();
      if (action.kind !== 'skip') throw new Error(`The memory source only skips, not ${action.kind}.`);
      // One undo step for the lot, as main keeps it: undo restores the first row changed, and
      // the model reloads the rest.
      const before = rows.map((row) => row);
      let changed = 0;
      for (const line of action.lines) {
        const at = rows.findIndex((row) => row.line === line);
        const row = rows[at];
        if (!row || (row.status === 'skipped') === action.skipped) continue;
        rows[at] = validate(line, row.cells, action.skipped, [...row.edited]);
        changed += 1;
      }
      undoAll.push(before);
      return { changed, summary: summary() };
    },
  };
}
