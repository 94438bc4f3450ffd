/**
 * Issues about a file rather than a row, found from its header: the same for `check` and the app's
 * review, since both prepare a check with the engine's `prepareSource`.
 */
import type { ColumnInfo, FileInfo } from '../source/source-table';
import type { Issue } from './issue';

/**
 * A warning per column whose header repeats: both columns are kept and shown by letter, and
 * automatic mapping leaves them unmapped because it cannot know which is which (case 12).
 */
export function repeatedHeaderIssues(info: FileInfo): Issue[] {
  const byHeader = new Map<string, ColumnInfo[]>();
  for (const column of info.columns) {
    const header = column.header.trim();
    if (header === '') continue;
    byHeader.set(header, [...(byHeader.get(header) ?? []), column]);
  }
  const issues: Issue[] = [];
  for (const [header, columns] of byHeader) {
    if (columns.length < 2) continue;
    const letters = columns.map((c) => c.letter);
    for (const column of columns) {
      issues.push({
        severity: 'warning',
        line: info.headerRow,
        column: column.header,
        letter: column.letter,
        target: null,
        code: 'header-repeated',
        message: `Line ${info.headerRow}: header '${header}' is used by columns ${letters.join(' and ')}; both are kept — map them by letter (--map "col:${column.letter}=field.path")`,
      });
    }
  }
  return issues;
}
