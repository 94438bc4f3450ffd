/**
 * The step between the check and the first batch of a job run with a compare (`--compare`,
 * `--mode create|update`, or the app's compare step): compare every row that would be sent, write
 * the undo plan (which rows are not sent and why, and the values of every profile the import will
 * update), and send only the rest. A resumed job reuses its plan, so it sends exactly the same rows.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CompareInput } from '../../shared/compare/compare-row';
import type { ImportMode } from '../../shared/compare/import-mode';
import type { PlannedBatch, PlannedRow } from '../../shared/engine/check-result';
import { runCompare } from '../compare/run-compare';
import type { OmneoClient } from '../omneo/api-client';
import { writePrivateFile } from '../files/private-files';
import { readUndoPlan, undoPlanOf, writeUndoPlan, type UndoPlan } from './undo-record';

const intentFileName = 'compare-mode.json';

/**
 * The mode a job compares with: its plan's, or — when its compare was interrupted before the plan
 * was written — the one it started with; null for a job that never compared.
 */
export async function recordedCompareMode(jobDir: string): Promise<ImportMode | null> {
  const plan = await readUndoPlan(jobDir);
  if (plan) return plan.mode;
  const text = await fs.readFile(path.join(jobDir, intentFileName), 'utf8').catch(() => null);
  return text === null ? null : (JSON.parse(text) as { mode: ImportMode }).mode;
}

/** The outcome: the plan to send by, or why the job stops before sending. */
export type BeforeSend =
  | { readonly kind: 'planned'; readonly plan: UndoPlan; readonly reused: boolean }
  | { readonly kind: 'stopped'; readonly message: string };

/** Compare the rows and record the plan in `jobDir`, or reuse the plan a resumed job recorded. */
export async function recordBeforeSending(request: {
  readonly client: OmneoClient;
  readonly jobDir: string;
  readonly match: string;
  readonly mode: ImportMode;
  readonly rows: AsyncIterable<CompareInput>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (rows: number, requests: number) => void;
}): Promise<BeforeSend> {
  const existing = await readUndoPlan(request.jobDir);
  if (existing) return { kind: 'planned', plan: existing, reused: true };
  await writePrivateFile(path.join(request.jobDir, intentFileName), JSON.stringify({ mode: request.mode }), {
    durable: true,
  });
  const run = await runCompare({
    client: request.client,
    match: request.match,
    rows: request.rows,
    checkpointFile: path.join(request.jobDir, 'compare.jsonl'),
    signal: request.signal,
    onProgress: (p) => request.onProgress?.(p.rows, p.requests),
  });
  if (run.kind !== 'compared') {
    return {
      kind: 'stopped',
      message:
        run.kind === 'cancelled'
          ? 'Interrupted while comparing with Omneo; nothing was sent.'
          : `The compare with Omneo failed (${run.message ?? 'unknown'}); nothing was sent.`,
    };
  }
  const plan = undoPlanOf(run.answers, request.mode, request.match);
  await writeUndoPlan(request.jobDir, plan);
  return { kind: 'planned', plan, reused: false };
}

/** The rows of planned batches, one by one (what compare takes). */
export async function* rowsOf(batches: AsyncIterable<PlannedBatch>): AsyncGenerator<CompareInput> {
  for await (const batch of batches) yield* batch.rows;
}

/**
 * The batches without the rows in `skip`, re-chunked at `batchSize` and numbered from 0 — the
 * same for the same skips, so a resumed job's batch indexes mean the same rows.
 */
export async function* batchesWithout(
  batches: AsyncIterable<PlannedBatch>,
  skip: ReadonlySet<number>,
  batchSize: number,
): AsyncGenerator<PlannedBatch> {
  let index = 0;
  let rows: PlannedRow[] = [];
  for await (const batch of batches) {
    for (const row of batch.rows) {
      if (skip.has(row.line)) continue;
      rows.push(row);
      if (rows.length === batchSize) {
        yield { index: index++, rows };
        rows = [];
      }
    }
  }
  if (rows.length > 0) yield { index, rows };
}
