/**
 * What the batch runner tells its caller while an import runs, and what it hands back at the end.
 *
 * Discriminated unions with readonly fields, so the CLI, the app and the tests `switch` over `kind`
 * with an exhaustiveness check (see ../shared/STYLE.md "Values and results").
 */

/** Why a batch will be tried again. `unknown-outcome` = the request went out and no answer came. */
export type RetryReason = 'rate-limited' | 'server-error' | 'network-error' | 'timeout';

/** Why the runner paused: the server refused the credentials (401/403), or the user asked. */
export type PauseReason = 'credentials' | 'user';

/** The fate of one row that was handed to the runner (a valid row from `check`). */
export type RowOutcome =
  /** Omneo created a new profile. */
  | 'created'
  /** Omneo updated the profile the match key found. */
  | 'updated'
  /** Omneo accepted the batch but failed this item, or the batch failed after every retry. */
  | 'failed'
  /** Omneo rejected the row's content (422); the rest of its batch was sent. */
  | 'invalid'
  /** Sent and acknowledged, but not followed to its outcome (`--no-wait`). */
  | 'accepted'
  /** Never acknowledged: the run was cancelled or paused before its batch went through. */
  | 'not-sent';

/** One row's result, by the input line it came from. */
export interface RowResult {
  readonly line: number;
  readonly batchIndex: number;
  /** The batch_id Omneo gave the last accepted send of this row's batch, if any. */
  readonly batchId: string | null;
  readonly outcome: RowOutcome;
  /** Server's or runner's message for failed/invalid/not-sent rows; null otherwise. */
  readonly error: string | null;
  /** The Omneo profile id the row created or updated, when Omneo said it. */
  readonly profileId?: string | null;
}

/** One batch's final state in a run. */
export interface BatchResult {
  readonly index: number;
  readonly batchId: string | null;
  /** `rejected`: Omneo refused every row of the batch (422), so nothing was left to send. */
  readonly state: 'settled' | 'accepted' | 'failed' | 'rejected' | 'not-sent';
  readonly rows: number;
  /** Sent again because an earlier send's outcome was unknown (lost answer, dropped connection). */
  readonly resent: boolean;
  /** Tries made in this run (1 = sent once). */
  readonly sends: number;
  readonly error: string | null;
}

/** How a run ended. */
export type RunStatus = 'completed' | 'cancelled' | 'paused-credentials';

/** Everything the runner knows when it stops. */
export interface RunResult {
  readonly status: RunStatus;
  readonly rows: readonly RowResult[];
  readonly batches: readonly BatchResult[];
  readonly elapsedMs: number;
}

/** Progress events, in the order they happen. */
export type RunEvent =
  | {
      readonly kind: 'batch-sending';
      readonly batchIndex: number;
      readonly rows: number;
      readonly attempt: number;
    }
  | {
      readonly kind: 'batch-accepted';
      readonly batchIndex: number;
      readonly batchId: string;
      readonly rows: number;
    }
  | {
      readonly kind: 'batch-retry-scheduled';
      readonly batchIndex: number;
      readonly reason: RetryReason;
      readonly attempt: number;
      readonly delayMs: number;
      /** The previous try may have reached the server, so this is a re-send. */
      readonly unknownOutcome: boolean;
    }
  | {
      readonly kind: 'batch-rejected-rows';
      readonly batchIndex: number;
      readonly rows: readonly { readonly line: number; readonly message: string }[];
    }
  | {
      readonly kind: 'batch-settled';
      readonly batchIndex: number;
      readonly batchId: string;
      readonly created: number;
      readonly updated: number;
      readonly failed: number;
    }
  | {
      readonly kind: 'batch-failed';
      readonly batchIndex: number;
      readonly rows: number;
      readonly error: string;
    }
  | { readonly kind: 'batch-skipped'; readonly batchIndex: number; readonly reason: 'already-acknowledged' }
  | { readonly kind: 'concurrency-changed'; readonly limit: number }
  | { readonly kind: 'paused'; readonly reason: PauseReason; readonly message: string }
  | { readonly kind: 'resumed' }
  | {
      readonly kind: 'progress';
      readonly rowsSent: number;
      readonly batchesAcknowledged: number;
      /** Null while the batches are still being planned (streamed input). */
      readonly totalBatches: number | null;
      readonly rowsPerSecond: number;
      readonly etaSeconds: number | null;
    }
  | { readonly kind: 'finished'; readonly status: RunStatus; readonly elapsedMs: number };

/** Fails type-checking when a `switch` over a union misses a case. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
