/**
 * The distinct values of one column of an open file, with how many cells hold each, for value
 * mapping (`mapping:values`). Counted in the host over every row (after the user's edits), never
 * in the renderer; at most {@link valueMapLimit} distinct values are kept, the rest are counted
 * as cells only and the answer says it was capped.
 */
import { parseFieldPath } from '../../shared/fields/field-path';
import { cellValues, valueKey, valueMapLimit } from '../../shared/mapping/value-map';
import { cleanText } from '../../shared/normalise/text';
import type { FileWorkspace } from './file-workspace';

/** Rows read between yields to the event loop, so a large file does not stall the host. */
const rowsPerSlice = 50_000;

/** Distinct values of a column, most cells first (ties in the order first seen). */
export interface ValueCounts {
  readonly values: { readonly value: string; readonly count: number }[];
  readonly capped: boolean;
  readonly limit: number;
  readonly cells: number;
}

/**
 * Counts `column`'s distinct values as `target` reads them (the items of a tags/statuses cell,
 * else the whole cell), grouping spellings that map alike (`valueKey`). A target that does not
 * parse is read as a whole cell. Yields to the event loop every {@link rowsPerSlice} rows.
 */
export async function countValues(
  workspace: FileWorkspace,
  column: number,
  target: string,
  limit = valueMapLimit,
): Promise<ValueCounts> {
  const parsed = parseFieldPath(target);
  const read = parsed.ok ? parsed.target : ({ kind: 'field', field: 'first_name' } as const);
  const counts = new Map<string, { value: string; count: number }>();
  let capped = false;
  let cells = 0;
  for (let i = 0; i < workspace.rows.size; i += 1) {
    if (i > 0 && i % rowsPerSlice === 0) await new Promise((resolve) => setImmediate(resolve));
    const raw = workspace.cells(i)[column];
    if (raw === undefined || raw === '') continue;
    const text = cleanText(raw).value;
    if (text === '') continue;
    cells += 1;
    for (const value of cellValues(text, read)) {
      const key = valueKey(value);
      const known = counts.get(key);
      if (known !== undefined) known.count += 1;
      else if (counts.size < limit) counts.set(key, { value, count: 1 });
      else capped = true;
    }
  }
  const values = [...counts.values()].sort((a, b) => b.count - a.count);
  return { values, capped, limit, cells };
}
