/**
 * The rows of a finished job that were not sent — the rows of its errors.csv — kept in its folder
 * as `report/not-sent.json`, so the Results step can page through them with their reasons
 * (`jobs:failed-rows`) and a retry knows which rows failed at Omneo. Written for every job, from
 * either front end.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { OperationOutput } from '../../shared/ipc/contract';
import { jobFiles, writeFileDurably } from './job-folder';

/** One row not sent, and why. */
export type NotSentRow = OperationOutput<'jobs:failed-rows'>['rows'][number];

function fileOf(directory: string): string {
  return path.join(directory, jobFiles.report, jobFiles.notSent);
}

/** Writes the rows into the job folder's report folder. Throws `JobDiskError`. */
export async function writeNotSentRows(directory: string, rows: readonly NotSentRow[]): Promise<void> {
  await writeFileDurably(fileOf(directory), JSON.stringify(rows));
}

/** A job's rows not sent; empty when the job wrote none (it has not finished). */
export async function readNotSentRows(directory: string): Promise<NotSentRow[]> {
  try {
    return JSON.parse(await fs.readFile(fileOf(directory), 'utf8')) as NotSentRow[];
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

/**
 * Failed rows a retry cannot fix as they are: Omneo refused them because another profile holds
 * their mobile phone, email or identity ("The phone number exists", "… has already been taken" —
 * Omneo's 422 wording, omneo-api.md). Sending them again fails the same way until that changes.
 */
export function failedForGood(rows: readonly NotSentRow[]): {
  readonly rows: number;
  readonly phone: number;
} {
  let count = 0;
  let phone = 0;
  for (const row of rows) {
    if (row.outcome !== 'failed' || row.error === null) continue;
    const held = /phone number exists|already been taken/i.test(row.error);
    if (!held) continue;
    count += 1;
    if (/phone/i.test(row.error)) phone += 1;
  }
  return { rows: count, phone };
}
