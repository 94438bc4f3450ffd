/**
 * Google Contacts writes each phone as two columns, `Phone 1 - Type` (Mobile, Home, Work) and
 * `Phone 1 - Value`: the kind of line is in the first column's values, not in any header.
 */
import type { ColumnInfo } from '../source/source-table';
import { headerWords } from './header-match';
import type { PhoneRole } from './header-roles';

const kinds: ReadonlyMap<string, PhoneRole> = new Map([
  ['mobile', 'mobile'],
  ['cell', 'mobile'],
  ['home', 'home'],
  ['work', 'work'],
  ['main', 'generic'],
  ['other', 'other'],
]);

/**
 * The role a `Phone N - Value` column takes from its `Phone N - Type` (or `- Label`) sibling's
 * values: the one kind every filled type cell names (`* Mobile` counts as Mobile), else null.
 */
export function phoneTypeRole(
  column: ColumnInfo,
  columns: readonly ColumnInfo[],
  samples: readonly (readonly string[])[],
): { role: PhoneRole; note: string } | null {
  const words = headerWords(column.header);
  if (words.length !== 3 || words[0] !== 'phone' || words[2] !== 'value') return null;
  const sibling = columns.find((c) => {
    const w = headerWords(c.header);
    return w.length === 3 && w[0] === 'phone' && w[1] === words[1] && (w[2] === 'type' || w[2] === 'label');
  });
  if (sibling === undefined) return null;
  const found = new Set<PhoneRole>();
  for (const row of samples) {
    if ((row[column.index] ?? '').trim() === '') continue;
    const kind = headerWords(row[sibling.index] ?? '').find((w) => kinds.has(w));
    found.add(kind === undefined ? 'generic' : kinds.get(kind)!);
  }
  const [only] = [...found];
  if (found.size !== 1 || only === undefined) return null;
  return { role: only, note: `${sibling.header.trim()} says ${only === 'generic' ? 'main' : only}` };
}
