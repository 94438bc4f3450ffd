/**
 * Sends the planned batches to Omneo, several at a time, and follows each to its outcome.
 *
 * Batches start in file order. 429 → wait `Retry-After` and halve the concurrency (AIMD);
 * 429, 5xx, timeouts and dropped connections are retried as the one retry policy of every Omneo
 * call decides (../../shared/runner/retry-policy.ts), then the batch is `failed` (listed for retry,
 * never lost); 401/403 → the job pauses until the credentials
 * are fixed; 422 → the rows named are marked invalid with the server's message and the rest of the
 * batch is sent again. A send with no answer is re-sent (safe: each row carries its match key and
 * Omneo upserts on it) and the batch is reported as re-sent. Every transition is journalled before
 * and after the request, so a resumed job never re-sends an acknowledged batch.
 */
import { setMaxListeners } from 'node:events';
import type { PlannedBatch, PlannedRow } from '../../shared/engine/check-result';
import { defaultPollBackoff, type BackoffPolicy } from '../../shared/runner/backoff';
import { omneoRetryPolicy, type RetryPolicy } from '../../shared/runner/retry-policy';
import type { Clock } from '../../shared/runner/clock';
import {
  initialConcurrency,
  onRateLimited,
  onRequestSucceeded,
  type ConcurrencyState,
} from '../../shared/runner/concurrency';
import type { PauseReason, RunEvent, RunResult, RunStatus } from '../../shared/runner/run-events';
import type { OmneoClient } from '../omneo/api-client';
import { followBatch, type FollowContext } from './batch-follower';
import { sendBatch, type SendContext } from './batch-sender';
import type { RunJournal } from './run-journal';
import { RunLedger } from './run-ledger';
import { systemClock } from '../time/system-clock';

/** What {@link startImport} needs. */
export interface RunImportOptions {
  readonly client: OmneoClient;
  /**
   * The batches to send, in order, as checked. A batch with a `problem` (it cannot be sent, e.g. a
   * value that cannot be written as JSON) fails its rows with that reason.
   */
  readonly batches: AsyncIterable<PlannedBatch & { readonly problem?: string }>;
  /** `email` or the identity handle rows are matched on. */
  readonly matchCriteria: string;
  readonly importJobId?: string | null;
  /** Most batches in flight at once (1–32); lowered automatically while Omneo answers 429. */
  readonly concurrency: number;
  /** Durable journal of the job; resuming a job skips the batches it shows as acknowledged. */
  readonly journal?: RunJournal | null;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: RunEvent) => void;
  /** Follow each batch with `GET /batches/{id}` until it settles (false: `--no-wait`). */
  readonly wait: boolean;
  /** For progress and ETA, when known in advance. */
  readonly totalBatches?: number | null;
  readonly totalRows?: number | null;
  /**
   * On 401/403: `wait` pauses until {@link ImportRun.resume} (the app); `stop` ends the run with
   * status `paused-credentials`, its journal ready for a resume (the CLI). Default `wait`.
   */
  readonly onCredentialsRefused?: 'wait' | 'stop';
  /**
   * What a failed request does (default: {@link omneoRetryPolicy}, the policy of every Omneo call);
   * tests shorten it.
   */
  readonly retryPolicy?: RetryPolicy;
  /** Spacing of polls of a batch Omneo has not processed yet (default {@link defaultPollBackoff}). */
  readonly pollBackoff?: BackoffPolicy;
  readonly clock?: Clock;
  readonly random?: () => number;
}

/** A running import: pause, resume or cancel it; `done` gives the result. */
export interface ImportRun {
  readonly done: Promise<RunResult>;
  /** No new requests start until {@link resume}; requests in flight finish. */
  pause(): void;
  /** Continues after a pause; pass a client with a new token after a credentials pause. */
  resume(client?: OmneoClient): void;
  /** Stops: requests in flight are aborted (journalled as unknown outcomes), unsent rows end as `not-sent`. */
  cancel(): void;
  /**
   * Stops gently (Ctrl+C): no new request starts and back-off waits end, but batches already sent
   * get their answer, which is journalled; unsent rows end as `not-sent`. {@link cancel} afterwards
   * still aborts what is in flight. The result's status is `cancelled`.
   */
  interrupt(): void;
}

/** Starts an import; see {@link RunImportOptions}. Never rejects for a server's answer. */
export function startImport(options: RunImportOptions): ImportRun {
  const runner = new BatchRunner(options);
  return {
    done: runner.run(),
    pause: () => runner.pause('user', 'Paused by the user.'),
    resume: (client) => runner.resume(client),
    cancel: () => runner.stop('cancelled'),
    interrupt: () => runner.stop('cancelled', false),
  };
}

/** Runs an import to the end; see {@link startImport}. */
export function runImport(options: RunImportOptions): Promise<RunResult> {
  return startImport(options).done;
}

class BatchRunner {
  readonly #o: RunImportOptions;
  readonly #clock: Clock;
  readonly #random: () => number;
  /** Aborts requests in flight: a hard cancel only. */
  readonly #abort = new AbortController();
  /** Ends back-off sleeps and batch polling: any stop. */
  readonly #wake = new AbortController();
  readonly #tasks = new Set<Promise<void>>();
  readonly #ledger: RunLedger;
  readonly #follow: FollowContext;
  readonly #sender: SendContext;
  #client: OmneoClient;
  #concurrency: ConcurrencyState;
  #inFlight = 0;
  #paused: PauseReason | null = null;
  #stopping: RunStatus | null = null;
  #waiters: (() => void)[] = [];
  #lastDecreaseAt = -Infinity;
  /** The journal could not be written: the run stops and rejects with this. */
  #fatal: Error | null = null;

  constructor(options: RunImportOptions) {
    this.#o = options;
    this.#client = options.client;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#concurrency = initialConcurrency(options.concurrency);
    this.#ledger = new RunLedger(this.#clock, options, (event) => this.#emit(event));
    this.#follow = {
      client: () => this.#client,
      clock: this.#clock,
      random: this.#random,
      policy: options.pollBackoff ?? defaultPollBackoff,
      retryPolicy: options.retryPolicy ?? omneoRetryPolicy,
      signal: this.#wake.signal,
      journal: options.journal ?? null,
      ledger: this.#ledger,
      emit: (event) => this.#emit(event),
      waitToGo: () => this.#waitToGo(),
      stopMessage: () => this.#stopMessage(),
      pauseForCredentials: (message, refused) => this.#tokenRefused(refused, message),
      rateLimited: (sentAt) => this.#rateLimited(sentAt),
    };
    this.#sender = {
      ...this.#follow,
      options,
      abortSignal: this.#abort.signal,
      requestSucceeded: () => this.#setConcurrency(onRequestSucceeded(this.#concurrency)),
    };
    // every request and every back-off sleep listens on this one signal
    setMaxListeners(0, this.#abort.signal, this.#wake.signal);
    if (options.signal?.aborted) this.stop('cancelled');
    options.signal?.addEventListener('abort', () => this.stop('cancelled'), { once: true });
  }

  /**
   * Sends every batch and answers the result. Rejects only when the journal cannot be written (the
   * disk is full or read-only): the run stops at once, since nothing may be sent unrecorded.
   */
  async run(): Promise<RunResult> {
    for await (const batch of this.#o.batches) {
      if (this.#stopping) this.#ledger.unsent(batch.index, batch.rows, this.#stopMessage());
      else await this.#startBatch(batch);
    }
    while (this.#tasks.size > 0) await Promise.all([...this.#tasks]);
    if (this.#fatal) throw this.#fatal;
    const status = this.#stopping ?? 'completed';
    await this.#o.journal?.append({ t: 'run-ended', status, at: now() });
    this.#emit({ kind: 'finished', status, elapsedMs: this.#ledger.elapsedMs() });
    return this.#ledger.result(status);
  }

  pause(reason: PauseReason, message: string): void {
    if (this.#paused || this.#stopping) return;
    this.#paused = reason;
    this.#emit({ kind: 'paused', reason, message });
    if (reason === 'credentials' && this.#o.onCredentialsRefused === 'stop') this.stop('paused-credentials');
  }

  /**
   * A 401/403 to a request sent with `refused`: pauses for new credentials, unless the token was
   * replaced since that request left (a late answer to the old token must not pause the resumed run).
   */
  #tokenRefused(refused: OmneoClient, message: string): void {
    if (refused === this.#client) this.pause('credentials', message);
  }

  resume(client?: OmneoClient): void {
    if (client) this.#client = client;
    if (!this.#paused || this.#stopping) return;
    this.#paused = null;
    this.#emit({ kind: 'resumed' });
    this.#notify();
  }

  /**
   * Stops the run with `status`. `abortInFlight` (default: for a cancel) aborts requests already
   * sent; otherwise they finish and their answers are journalled. Calling again can only harden it.
   */
  stop(status: Exclude<RunStatus, 'completed'>, abortInFlight = status === 'cancelled'): void {
    if (abortInFlight) this.#abort.abort();
    if (this.#stopping) return;
    this.#stopping = status;
    this.#wake.abort();
    this.#notify();
  }

  /** Skips what the journal shows as acknowledged; otherwise waits for a slot and starts sending. */
  async #startBatch(batch: PlannedBatch & { readonly problem?: string }): Promise<void> {
    const ledger = this.#ledger;
    if (batch.problem !== undefined && !this.#o.journal?.batches().has(batch.index)) {
      const problem = batch.problem;
      return this.#isolated(batch.index, batch.rows, async () => {
        await this.#o.journal?.append({ t: 'failed', batch: batch.index, error: problem, at: now() });
        ledger.failBatch(batch.index, batch.rows, problem, { resent: false, sends: 0 });
      });
    }
    const record = this.#o.journal?.batches().get(batch.index);
    const rejected = record?.rejected ?? new Map<number, string>();
    const rows = batch.rows.filter((row) => !rejected.has(row.line));
    const invalid = batch.rows.filter((row) => rejected.has(row.line));
    ledger.recordRows(invalid, batch.index, null, 'invalid', (row) => rejected.get(row.line) ?? null);

    if (record && (record.state === 'accepted' || record.state === 'settled') && record.batchId) {
      const batchId = record.batchId;
      this.#emit({ kind: 'batch-skipped', batchIndex: batch.index, reason: 'already-acknowledged' });
      ledger.acknowledged(rows.length);
      const meta = { resent: record.resent, sends: 0, firstSentAt: record.firstSentAt };
      if (record.state === 'settled' && record.items) {
        const byLine = new Map(record.items.map((item) => [item.line, item]));
        const missing = 'Omneo reported no outcome for this row.';
        ledger.recordRows(
          rows,
          batch.index,
          batchId,
          (row) => byLine.get(row.line)?.outcome ?? 'failed',
          (row) => (byLine.has(row.line) ? (byLine.get(row.line)?.error ?? null) : missing),
          (row) => byLine.get(row.line)?.profileId ?? null,
        );
        ledger.batchDone(batch.index, batchId, 'settled', rows.length, meta, null);
      } else if (this.#o.wait) {
        this.#spawn(followBatch(this.#follow, batch.index, batchId, rows, meta));
      } else {
        ledger.recordRows(rows, batch.index, batchId, 'accepted', () => null);
        ledger.batchDone(batch.index, batchId, 'accepted', rows.length, meta, null);
      }
      return;
    }
    if (rows.length === 0) {
      ledger.batchDone(
        batch.index,
        null,
        'rejected',
        0,
        { resent: false, sends: 0 },
        'Omneo rejected every row.',
      );
      return;
    }
    await this.#waitFor(
      () => this.#stopping !== null || (this.#paused === null && this.#inFlight < this.#concurrency.limit),
    );
    if (this.#stopping) return ledger.unsent(batch.index, rows, this.#stopMessage());
    this.#inFlight += 1;
    this.#spawn(
      this.#isolated(batch.index, rows, () =>
        sendBatch(
          this.#sender,
          { index: batch.index, rows, unknownBefore: record?.state === 'sending' },
          () => {
            this.#inFlight -= 1;
            this.#notify();
          },
        ),
      ),
    );
  }

  /**
   * Runs one batch's work so that nothing thrown inside it ends the run: an error of the batch
   * itself (e.g. a value that cannot be serialised) fails that batch's rows with the reason; a
   * journal that cannot be written (disk full, read-only) stops the whole run, which then rejects.
   */
  async #isolated(index: number, rows: readonly PlannedRow[], work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (isDiskError(error)) {
        this.#fatal ??= error as Error;
        this.stop('cancelled');
        return;
      }
      const reason = `This batch could not be sent: ${error instanceof Error ? error.message : String(error)}`;
      if (!this.#ledger.hasBatch(index))
        this.#ledger.failBatch(index, rows, reason, { resent: false, sends: 0 });
      await this.#o.journal
        ?.append({ t: 'failed', batch: index, error: reason, at: now() })
        .catch(() => undefined);
    }
  }

  /** A 429: halve the concurrency once per round — answers to requests sent before the last cut don't cut again. */
  #rateLimited(sentAt: number): void {
    if (sentAt < this.#lastDecreaseAt) return;
    this.#lastDecreaseAt = this.#clock.now();
    this.#setConcurrency(onRateLimited(this.#concurrency));
  }

  #setConcurrency(next: ConcurrencyState): void {
    const changed = next.limit !== this.#concurrency.limit;
    this.#concurrency = next;
    if (changed) {
      this.#emit({ kind: 'concurrency-changed', limit: next.limit });
      this.#notify();
    }
  }

  #stopMessage(): string {
    return this.#stopping === 'paused-credentials'
      ? 'Not sent: Omneo refused the API token; fix it and resume the job.'
      : 'Not sent: the import was cancelled.';
  }

  /** Waits while paused; false when the run is stopping. */
  async #waitToGo(): Promise<boolean> {
    await this.#waitFor(() => this.#stopping !== null || this.#paused === null);
    return this.#stopping === null;
  }

  async #waitFor(ready: () => boolean): Promise<void> {
    while (!ready()) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  #notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  #spawn(task: Promise<void>): void {
    const tracked = task.finally(() => this.#tasks.delete(tracked));
    this.#tasks.add(tracked);
  }

  #emit(event: RunEvent): void {
    this.#o.onEvent?.(event);
  }
}

const now = () => new Date().toISOString();

/** An error from the file system refusing a write (the journal's disk is full or read-only). */
function isDiskError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return (
    (typeof code === 'string' &&
      ['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EBADF'].includes(code)) ||
    (error instanceof Error && error.name === 'JobDiskError')
  );
}
