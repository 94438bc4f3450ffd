/**
 * The rows of a finished job that were not sent — the rows of its errors.csv — kept beside its
 * reports as `report/not-sent.json`, so the Results step can page through them with their reasons
 * (`jobs:failed-rows`) and `import:retry-failed` knows which rows failed at Omneo.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from '../files/private-files';
import type { OperationOutput } from '../../shared/ipc/contract';
import { attentionOutcomes, resultRecord, type CheckedRow } from '../../shared/report/report-rows';
import type { RowResult } from '../../shared/runner/run-events';

/** One row not sent, and why. */
export type NotSentRow = OperationOutput<'jobs:failed-rows'>['rows'][number];

const fileName = 'not-sent.json';

/**
 * The rows not sent, in file order: every checked row whose final outcome needs attention
 * (invalid, duplicate, skipped, failed, not sent yet), with the reason the reports give.
 */
export function notSentRows(checkedRows: readonly CheckedRow[], runRows: readonly RowResult[]): NotSentRow[] {
  const runByLine = new Map(runRows.map((row) => [row.line, row]));
  const rows: NotSentRow[] = [];
  for (const checked of checkedRows) {
    const record = resultRecord(checked, runByLine.get(checked.line), new Set());
    if (!attentionOutcomes.has(record.outcome)) continue;
    const outcome = record.outcome as NotSentRow['outcome'];
    rows.push({ line: record.line, outcome, error: record.error });
  }
  return rows;
}

/** Writes the rows into a job's report folder. */
export async function writeNotSentRows(reportDir: string, rows: readonly NotSentRow[]): Promise<void> {
  await writePrivateFile(path.join(reportDir, fileName), JSON.stringify(rows));
}

/** A job's rows not sent; empty when the job wrote none (it has not finished, or predates them). */
export async function readNotSentRows(reportDir: string): Promise<NotSentRow[]> {
  try {
    return JSON.parse(await fs.readFile(path.join(reportDir, fileName), 'utf8')) as NotSentRow[];
  } catch {
    return [];
  }
}

/** A page of the rows, with how many there are and how many failed at Omneo. */
export function notSentPage(
  rows: readonly NotSentRow[],
  offset: number,
  limit: number,
): OperationOutput<'jobs:failed-rows'> {
  return {
    total: rows.length,
    failed: rows.filter((row) => row.outcome === 'failed').length,
    offset,
    rows: rows.slice(offset, offset + limit),
  };
}
