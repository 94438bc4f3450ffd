/**
 * Bulk changes of a file's review rows (`rows:bulk`), each made as one undo step through the
 * workspace's own edit and skip, so every row is re-checked and re-settled as a single change
 * would be: skip many lines, skip every row with a problem, leave out every value with a problem
 * (empty its cell), replace text within a column.
 */
import type { Infer } from '../../shared/ipc/common-schemas';
import type { bulkActionSchema } from '../../shared/ipc/review-view-schemas';
import type { FileWorkspace } from './file-workspace';
import { NoSuchCellError } from './workspace-errors';

/** A bulk change as the contract takes it. */
export type BulkAction = Infer<typeof bulkActionSchema>;

/** The reason a row skipped for a problem gets. */
function skipReason(code: string): string {
  return `skipped by you: every row with ${code}`;
}

/** Row indexes with an issue of `code` now (a copy: the change moves rows between lists). */
function rowsWithIssue(workspace: FileWorkspace, code: string): number[] {
  const list = workspace.check?.state.filtered('all', code);
  const rows: number[] = [];
  for (let p = 0; p < (list?.total ?? 0); p += 1) {
    const i = list?.at(p);
    if (i !== undefined) rows.push(i);
  }
  return rows;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Applies `action` as one undo step; answers how many rows (skips) or cells (edits) changed.
 * Throws `NoSuchCellError` for a line or column the file lacks (before changing anything).
 */
export function applyBulk(workspace: FileWorkspace, action: BulkAction): number {
  workspace.summary(); // a check is needed to re-settle rows
  const lineOf = (i: number): number => workspace.rows.line(i);
  switch (action.kind) {
    case 'skip': {
      const rows = action.lines.map((line) => workspace.indexOf(line));
      return workspace.group(() => {
        for (const i of rows) {
          const skipped = workspace.reviewRow(i).status === 'skipped';
          if (skipped !== action.skipped) workspace.skip(lineOf(i), action.skipped, undefined);
        }
      });
    }
    case 'skip-issue': {
      const rows = rowsWithIssue(workspace, action.code);
      return workspace.group(() => {
        for (const i of rows) workspace.skip(lineOf(i), true, skipReason(action.code));
      });
    }
    case 'leave-out-issue': {
      const columnOf = new Map(workspace.info.columns.map((c) => [c.letter, c.index]));
      const cells: [number, number][] = [];
      for (const i of rowsWithIssue(workspace, action.code)) {
        for (const issue of workspace.reviewRow(i).issues) {
          const column = issue.letter === null ? undefined : columnOf.get(issue.letter);
          if (issue.code === action.code && column !== undefined) cells.push([i, column]);
        }
      }
      return workspace.group(() => {
        for (const [i, column] of cells) workspace.edit(lineOf(i), column, '');
      });
    }
    case 'replace': {
      const width = workspace.info.columns.length;
      if (action.column >= width)
        throw new NoSuchCellError(
          `${workspace.info.name} has ${width} columns; there is no column ${action.column + 1}.`,
        );
      const flags = action.matchCase ? 'g' : 'gi';
      const pattern = new RegExp(
        action.wholeCell ? `^${escapeRegExp(action.find)}$` : escapeRegExp(action.find),
        flags,
      );
      return workspace.group(() => {
        for (let i = 0; i < workspace.rows.size; i += 1) {
          const before = workspace.cells(i)[action.column] ?? '';
          pattern.lastIndex = 0;
          if (!pattern.test(before)) continue;
          pattern.lastIndex = 0;
          const after = before.replace(pattern, () => action.replace);
          if (after !== before) workspace.edit(lineOf(i), action.column, after);
        }
      });
    }
    default: {
      const never: never = action;
      return never;
    }
  }
}
