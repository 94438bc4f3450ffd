/**
 * The step between the check and the first batch of a job run with a compare (`--compare`,
 * `--mode create|update`, or the app's compare step): compare every row that would be sent, write
 * the undo plan (which rows are not sent and why, and the values of every profile the import will
 * update), and send only the rest. The job's spec records its mode (`spec.compare`); a resumed job
 * reuses its plan, so it sends exactly the same rows
 * (the job core re-chunks its batches without the skipped rows, electron/jobs/job-snapshot.ts).
 */
import path from 'node:path';
import type { CompareInput } from '../../shared/compare/compare-row';
import type { ImportMode } from '../../shared/compare/import-mode';
import type { PlannedBatch } from '../../shared/engine/check-result';
import { runCompare } from '../compare/run-compare';
import { readBatches } from '../jobs/job-snapshot';
import type { OpenJob } from '../jobs/run-job';
import type { OmneoClient } from '../omneo/api-client';
import { readUndoPlan, undoPlanOf, writeUndoPlan, type UndoPlan } from './undo-record';

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
 * The job core's compare step (`RunJobOptions.beforeSending`) for a job whose spec asks for one:
 * compare its checked rows with Omneo (or reuse the plan a resumed job recorded) and leave out the
 * rows the plan does not send.
 */
export async function compareBeforeSending(
  job: OpenJob,
  client: OmneoClient,
  signal: AbortSignal,
  onProgress?: (rows: number, requests: number) => void,
): Promise<
  | { readonly kind: 'send'; readonly skips: ReadonlyMap<number, string> }
  | { readonly kind: 'stopped'; readonly message: string }
> {
  const before = await recordBeforeSending({
    client,
    jobDir: job.directory,
    match: job.spec.options.match,
    mode: job.spec.compare?.mode ?? 'both',
    rows: rowsOf(readBatches(job.directory)),
    signal,
    onProgress,
  });
  if (before.kind === 'stopped') return before;
  return { kind: 'send', skips: new Map(before.plan.skips.map((skip) => [skip.line, skip.reason])) };
}
