/**
 * The date pre-scan finds a column mixing day-first and month-first dates wherever the second
 * order first shows, and stops reading early only when nothing later can change its verdict.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { RowOutcome } from '../../../shared/engine/check-result';
import { compileMapping, type CheckPlan } from '../../../shared/engine/compile-mapping';
import { checkOptionsSchema } from '../../../shared/engine/check-options';
import type { ColumnMapping } from '../../../shared/mapping/column-mapping';
import { columnLetter, type SourceRow } from '../../../shared/source/source-table';
import { checkFile } from '../../../electron/engine/check-file';
import { decideDateOrders } from '../../../electron/engine/prepare-check';

const dir = mkdtempSync(path.join(tmpdir(), 'prepare-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = ['email', 'birthday'];
const mapping: ColumnMapping[] = header.map((h, i) => ({
  column: i,
  letter: columnLetter(i),
  header: h,
  target: h === 'email' ? 'email' : 'birth_date',
  confidence: 1,
  source: 'user',
  reason: null,
}));

/** A CSV whose birthday on file line `line` (header is line 1) is `special(line)`, else ISO. */
function writeDates(name: string, lines: number, special: (line: number) => string | null): string {
  const body = [header.join(',')];
  for (let line = 2; line <= lines; line++) {
    body.push(`person${line}@example.com,${special(line) ?? '1999-12-30'}`);
  }
  const file = path.join(dir, name);
  writeFileSync(file, `${body.join('\n')}\n`);
  return file;
}

async function check(file: string): Promise<RowOutcome[]> {
  const rows: RowOutcome[] = [];
  await checkFile(file, {}, mapping, {}, { onRow: (o) => rows.push(o) });
  return rows;
}

const dateCodes = (row: RowOutcome | undefined) =>
  row?.issues.filter((i) => i.code.startsWith('date-')).map((i) => i.code);

describe('date pre-scan over a whole column', () => {
  it('a month-first date on line 5,000 makes a day-first column a mixed one', async () => {
    const file = writeDates('conflict-5000.csv', 6000, (line) =>
      line === 2 ? '31/12/1999' : line === 5000 ? '12/31/1999' : line === 5500 ? '05/06/1999' : null,
    );
    const rows = await check(file);
    expect(rows).toHaveLength(5999);
    const at = (line: number) => rows.find((r) => r.line === line);
    expect(dateCodes(at(2))).toEqual(['date-day-first-in-mixed-column']);
    expect(dateCodes(at(5000))).toEqual(['date-month-first-in-mixed-column']);
    expect(dateCodes(at(5500))).toEqual(['date-order-conflict']);
    expect(at(5000)?.issues[0]?.message).not.toMatch(/not a date|invalid/i);
    // ISO dates need no order and are still sent.
    expect(at(3)?.status).toBe('valid');
    expect(rows.filter((r) => r.status === 'invalid').map((r) => r.line)).toEqual([2, 5000, 5500]);
  });

  it('one order throughout: every date is read with it', async () => {
    const file = writeDates('day-first-5000.csv', 6000, (line) =>
      line === 2 ? '31/12/1999' : line === 5000 ? '13/01/2001' : line === 5500 ? '05/06/1999' : null,
    );
    const rows = await check(file);
    expect(rows.every((r) => r.status === 'valid')).toBe(true);
    expect(rows.find((r) => r.line === 5500)?.profile).toMatchObject({ birth_month: 6 });
  });
});

describe('decideDateOrders', () => {
  const options = checkOptionsSchema.parse({});
  const compiled = compileMapping(
    mapping,
    header.map((h, i) => ({ index: i, letter: columnLetter(i), header: h })),
    options,
  );
  if (!compiled.ok) throw new Error('mapping does not compile');
  const plan: CheckPlan = compiled.plan;

  /** Rows in chunks of 100; counts the chunks read. */
  function source(values: readonly string[]) {
    const read = { chunks: 0 };
    return {
      read,
      async *rows(): AsyncIterable<readonly SourceRow[]> {
        for (let start = 0; start < values.length; start += 100) {
          read.chunks += 1;
          yield values
            .slice(start, start + 100)
            .map((v, i) => ({ line: start + i + 2, cells: [`p${start + i}@example.com`, v] }));
        }
      },
    };
  }

  it.each([
    // values, chunks read of 50, conflict
    ['both orders in the first chunk: stops there', ['31/12/1999', '12/31/1999'], 1, true],
    ['one order at first, the other in the last chunk', ['31/12/1999'], 50, true],
    ['ISO at first, a day-first date in the last chunk', [], 50, false],
  ] as const)('%s', async (_name, first, chunks, conflict) => {
    const values = Array.from({ length: 5000 }, (_, i) => first[i] ?? '1999-12-30');
    if (first.length < 2) values[4990] = first.length === 0 ? '31/12/1999' : '12/31/1999';
    const rows = source(values);
    const result = await decideDateOrders(rows, plan, () => {});
    expect(rows.read.chunks).toBe(chunks);
    expect(result.ambiguousDateColumns.length > 0).toBe(conflict);
    expect(result.dateStates[1]).toEqual(
      conflict ? { order: null, unresolved: 'conflict' } : { order: 'dmy', unresolved: null },
    );
  });
});
