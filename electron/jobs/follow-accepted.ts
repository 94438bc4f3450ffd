/**
 * After a cancel, follows the batches Omneo had already acknowledged to their outcome.
 *
 * A cancel stops sending at once, but batches Omneo accepted before it are processed anyway: left
 * as they were, their rows would read "not sent" or "outcome unknown" although the profiles were
 * created. So the job runs the runner once more over only those batches, with the same journal:
 * the runner sees each as acknowledged, sends nothing, and polls `GET /batches/{id}` until it
 * settles. The follow is bounded (`limitMs`); batches still unsettled then stay `accepted`.
 */
import type { PlannedBatch } from '../../shared/engine/check-result';
import type { RunEvent, RunResult } from '../../shared/runner/run-events';
import type { OmneoClient } from '../omneo/api-client';
import { startImport, type ImportRun } from '../runner/batch-runner';
import type { RunJournal } from '../runner/run-journal';

/** How long a cancelled job follows its acknowledged batches before ending, in ms. */
export const followAfterCancelMs = 15_000;

/** What {@link followAccepted} needs: the cancelled run's result and how it was sent. */
export interface FollowAcceptedOptions {
  readonly result: RunResult;
  /** The job's batches, read again: only the acknowledged ones are followed. */
  readonly planned: () => AsyncIterable<PlannedBatch>;
  readonly client: OmneoClient;
  readonly matchCriteria: string;
  readonly importJobId: string | null;
  readonly journal: RunJournal;
  readonly onEvent: (event: RunEvent) => void;
  /** Called with the follow's run, so the app can stop it when it closes. */
  readonly onRun?: (run: ImportRun) => void;
  readonly limitMs?: number;
}

/**
 * The cancelled run's result with its acknowledged batches followed: their rows now read created,
 * updated or failed where Omneo has settled them. Rows of other batches are left as they were.
 */
export async function followAccepted(options: FollowAcceptedOptions): Promise<RunResult> {
  const { result } = options;
  const accepted = new Set(
    result.batches.filter((b) => b.state === 'accepted' && b.batchId !== null).map((b) => b.index),
  );
  if (accepted.size === 0) return result;
  const planned = options.planned;
  const batches = (async function* () {
    for await (const batch of planned()) if (accepted.has(batch.index)) yield batch;
  })();
  const acceptedRows = result.batches.filter((b) => accepted.has(b.index)).reduce((n, b) => n + b.rows, 0);
  const run = startImport({
    client: options.client,
    batches,
    matchCriteria: options.matchCriteria,
    importJobId: options.importJobId,
    concurrency: 4,
    journal: options.journal,
    wait: true,
    totalBatches: accepted.size,
    totalRows: acceptedRows,
    onCredentialsRefused: 'stop',
    onEvent: options.onEvent,
  });
  options.onRun?.(run);
  const timer = setTimeout(() => run.interrupt(), options.limitMs ?? followAfterCancelMs);
  let followed: RunResult;
  try {
    followed = await run.done;
  } finally {
    clearTimeout(timer);
  }
  const rows = [
    ...result.rows.filter((row) => !accepted.has(row.batchIndex)),
    ...followed.rows.filter((row) => accepted.has(row.batchIndex)),
  ].sort((a, b) => a.line - b.line);
  const byIndex = new Map(followed.batches.map((b) => [b.index, b]));
  return {
    ...result,
    rows,
    batches: result.batches.map((b) => {
      const after = accepted.has(b.index) ? byIndex.get(b.index) : undefined;
      // Keep this run's sends and resent flag: the follow sent nothing.
      return after ? { ...b, state: after.state, error: after.error } : b;
    }),
    elapsedMs: result.elapsedMs + followed.elapsedMs,
  };
}
