/**
 * Property: for any CSV — quoted delimiters and line breaks, blank and delimiter-only rows, ragged
 * rows, duplicates, junk values — every data row gets exactly one outcome, in file order, on the
 * line where its record starts, and the counts add up.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RowOutcome } from '../../../shared/engine/check-result';
import type { ColumnMapping } from '../../../shared/mapping/column-mapping';
import { columnLetter } from '../../../shared/source/source-table';
import { checkFile } from '../../../electron/engine/check-file';

const header = ['email', 'first_name', 'phone', 'birthday', 'tags'];
const targets = ['email', 'first_name', 'mobile_phone', 'birth_date', 'tags'];
/** A fixed mapping, so every generated file is checked (automatic mapping may leave email out). */
const mapping: ColumnMapping[] = header.map((h, i) => ({
  column: i,
  letter: columnLetter(i),
  header: h,
  target: targets[i] ?? null,
  confidence: 1,
  source: 'user',
  reason: null,
}));

const piece = fc.constantFrom(
  'a',
  'Zoë',
  ' ',
  ',',
  '"',
  '\n',
  '\r\n',
  ';',
  '=',
  '@',
  '0',
  '7',
  '/',
  '-',
  '.',
  '\u00a0',
  'x@example.com',
  'ana@example.com',
  '+61491570156',
  '07700 900123',
  '15/04/1991',
  '03/04/1991',
  '1990-01-01',
);
const cell = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: fc.array(piece, { maxLength: 5 }).map((parts) => parts.join('')) },
);
/** A record: usually header-wide, sometimes ragged, sometimes blank or delimiter-only. */
const record = fc.oneof(
  { weight: 6, arbitrary: fc.array(cell, { minLength: 5, maxLength: 5 }) },
  { weight: 1, arbitrary: fc.array(cell, { minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }).map((n) => Array<string>(n).fill('')) },
);

function quote(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Serialises records as CSV and returns the physical line each record starts on. */
function toCsv(records: readonly (readonly string[])[], eol: string): { text: string; lines: number[] } {
  let text = `${header.join(',')}${eol}`;
  let line = 2;
  const lines: number[] = [];
  for (const cells of records) {
    lines.push(line);
    const row = `${cells.map(quote).join(',')}${eol}`;
    line += row.split(/\r\n|\n|\r/).length - 1;
    text += row;
  }
  return { text, lines };
}

describe('every row is accounted for exactly once', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'omneo-prop-'));
  let run = 0;

  it('for arbitrary generated CSV files', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('reject', 'drop') as fc.Arbitrary<'reject' | 'drop'>,
        async (records, eol, onInvalidValue) => {
          // A record that is one empty cell would serialise as an empty line, which is a blank row too.
          const { text, lines } = toCsv(records, eol);
          const file = path.join(dir, `gen-${run++}.csv`);
          writeFileSync(file, text);
          const outcomes: RowOutcome[] = [];
          const report = await checkFile(
            file,
            { delimiter: ',', encoding: 'utf-8' },
            mapping,
            { phoneRegion: 'AU', onInvalidValue, batchSize: 3 },
            { onRow: (o) => outcomes.push(o) },
          );
          expect(report.fileError).toBeNull();
          expect(report.mappingProblems).toEqual([]);
          expect(outcomes.map((o) => o.line)).toEqual(lines);
          const s = report.summary;
          expect(s.rows).toBe(records.length);
          expect(s.valid + s.invalid + s.blank + s.duplicate).toBe(s.rows);
          const count = (status: RowOutcome['status']) => outcomes.filter((o) => o.status === status).length;
          expect([count('valid'), count('invalid'), count('blank'), count('duplicate')]).toEqual([
            s.valid,
            s.invalid,
            s.blank,
            s.duplicate,
          ]);
          expect(s.batches).toBe(Math.ceil(s.valid / 3));
          for (const o of outcomes) {
            expect(o.status === 'valid').toBe(o.batch !== null);
            if (o.status === 'invalid') expect(o.issues.some((i) => i.severity === 'error')).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
