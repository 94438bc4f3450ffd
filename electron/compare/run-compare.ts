/**
 * One compare from start to end, the same for `check --compare`, `run --mode` and the app: pace to
 * the token's throttle, read the reference lists, look the rows up (resuming from a checkpoint),
 * and count the requests made, so the cost per 1,000 rows can be stated.
 */
import { promises as fs } from 'node:fs';
import type { CompareAnswer, CompareInput } from '../../shared/compare/compare-row';
import type { Clock } from '../../shared/runner/clock';
import type { OmneoClient } from '../omneo/api-client';
import { callWithRetry } from '../omneo/retrying-call';
import { CompareCheckpointWriter, loadCompareCheckpoint } from './compare-checkpoint';
import { compareRows } from './compare-rows';
import { loadReferenceSets } from './reference-loader';
import { createRequestPool } from './request-pool';

/** What to compare and how. */
export interface RunCompareRequest {
  readonly client: OmneoClient;
  /** `email` or an identity handle. */
  readonly match: string;
  readonly rows: AsyncIterable<CompareInput> | Iterable<CompareInput>;
  /** Look-ups in flight at once (default 4). */
  readonly concurrency?: number;
  /** Keep answers here as they come and resume from it; deleted when the compare completes. */
  readonly checkpointFile?: string | null;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { readonly rows: number; readonly requests: number }) => void;
  /** Paces and spaces retries (default: the real clock); tests pass a fake one. */
  readonly clock?: Clock;
}

/** A finished (or stopped) compare. */
export interface CompareRun {
  readonly kind: 'compared' | 'cancelled' | 'failed';
  /** In row order; complete only when `kind` is `compared`. */
  readonly answers: readonly CompareAnswer[];
  /** HTTP requests made by this run (retries included; not those of a resumed earlier run). */
  readonly requests: number;
  /** Rows answered by this run's requests (not reused from a checkpoint). */
  readonly rowsLookedUp: number;
  /** Whether the tenant accepted `filter[email][in]`; null when not tried. */
  readonly emailInFilter: boolean | null;
  /** Why the compare failed, when it did. */
  readonly message: string | null;
}

/** Run a compare. Rejects only for I/O errors on the checkpoint. */
export async function runCompare(request: RunCompareRequest): Promise<CompareRun> {
  const { client, signal } = request;
  // Read like every Omneo call (retried by the one policy); without it the compare goes unpaced.
  const throttle = await callWithRetry((s) => client.me(s), { signal, clock: request.clock });
  const perMinute =
    throttle.kind === 'ok' && typeof throttle.value.throttle === 'number' && throttle.value.throttle > 0
      ? throttle.value.throttle
      : null;
  const pool = createRequestPool({
    concurrency: request.concurrency ?? 4,
    requestsPerMinute: perMinute,
    signal,
    clock: request.clock,
  });
  const stopped = (kind: 'cancelled' | 'failed', message: string | null): CompareRun => ({
    kind,
    answers: [],
    requests: pool.requests + 1,
    rowsLookedUp: 0,
    emailInFilter: null,
    message,
  });
  const references = await loadReferenceSets(client, pool);
  if (references.kind === 'failed')
    return stopped(signal?.aborted ? 'cancelled' : 'failed', references.message);
  const known = request.checkpointFile ? await loadCompareCheckpoint(request.checkpointFile) : new Map();
  const checkpoint = request.checkpointFile ? new CompareCheckpointWriter(request.checkpointFile) : null;
  let rowsLookedUp = 0;
  try {
    const outcome = await compareRows({
      client,
      pool,
      references: references.sets,
      match: request.match,
      rows: request.rows,
      known,
      onAnswer: async (answer) => {
        rowsLookedUp += 1;
        await checkpoint?.append(answer);
      },
      onProgress: request.onProgress,
    });
    await checkpoint?.close();
    if (outcome.kind === 'compared' && request.checkpointFile)
      await fs.rm(request.checkpointFile, { force: true });
    return {
      kind: outcome.kind,
      answers: outcome.answers,
      requests: pool.requests + 1,
      rowsLookedUp,
      emailInFilter: outcome.kind === 'compared' ? outcome.emailInFilter : null,
      message: outcome.kind === 'failed' ? outcome.message : null,
    };
  } finally {
    await checkpoint?.close();
  }
}

/** Requests per 1,000 rows looked up, rounded; null before any row was looked up. */
export function requestsPer1000Rows(run: Pick<CompareRun, 'requests' | 'rowsLookedUp'>): number | null {
  return run.rowsLookedUp === 0 ? null : Math.round((run.requests / run.rowsLookedUp) * 1000);
}
