/**
 * Test-side planning of a datablist "people" CSV into batches, independent of the engine, so the
 * runner's tests exercise the runner alone: email (lower-cased) as match key, first occurrence kept.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { PlannedBatch, PlannedRow } from '../../../../shared/engine/check-result';
import type { OmneoProfile } from '../../../../shared/omneo/profile-schema';

/** The planned batches, the lines of duplicate rows, and the number of data rows. */
export interface PeoplePlan {
  readonly batches: PlannedBatch[];
  readonly validRows: PlannedRow[];
  readonly duplicateLines: number[];
  readonly rows: number;
}

/** Plans `file` in batches of `batchSize`; `limit` keeps only the first N data rows. */
export function planPeople(file: string, batchSize: number, limit = Infinity): PeoplePlan {
  const parsed = Papa.parse<string[]>(readFileSync(file, 'utf8'), { skipEmptyLines: true });
  const [header, ...data] = parsed.data;
  const column = (name: string) => header!.indexOf(name);
  const seen = new Set<string>();
  const validRows: PlannedRow[] = [];
  const duplicateLines: number[] = [];
  const rows = data.slice(0, limit);
  rows.forEach((cells, i) => {
    const line = i + 2;
    const email = cells[column('Email')]!.trim().toLowerCase();
    if (seen.has(email)) return void duplicateLines.push(line);
    seen.add(email);
    const profile = {
      email,
      first_name: cells[column('First Name')],
      last_name: cells[column('Last Name')],
    } as OmneoProfile;
    validRows.push({ line, matchKey: email, profile });
  });
  return { batches: chunk(validRows, batchSize), validRows, duplicateLines, rows: rows.length };
}

/** Splits rows into planned batches of at most `size`, indexed from 0. */
export function chunk(rows: readonly PlannedRow[], size: number): PlannedBatch[] {
  const batches: PlannedBatch[] = [];
  for (let i = 0; i < rows.length; i += size)
    batches.push({ index: batches.length, rows: rows.slice(i, i + size) });
  return batches;
}

/** The batches as an async iterable, the way the engine streams them. */
export async function* streamed(batches: readonly PlannedBatch[]): AsyncIterable<PlannedBatch> {
  for (const batch of batches) yield batch;
}
