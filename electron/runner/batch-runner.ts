/**
 * Sends the planned batches to Omneo, several at a time, and follows each to its outcome.
 *
 * Batches start in file order. 429 → wait `Retry-After` and halve the concurrency (AIMD);
 * 5xx, timeouts and dropped connections → retry with full-jitter back-off up to a limit, then the
 * batch is `failed` (listed for retry, never lost); 401/403 → the job pauses until the credentials
 * are fixed; 422 → the rows named are marked invalid with the server's message and the rest of the
 * batch is sent again. A send with no answer is re-sent (safe: each row carries its match key and
 * Omneo upserts on it) and the batch is reported as re-sent. Every transition is journalled before
 * and after the request, so a resumed job never re-sends an acknowledged batch.
 */
import { setMaxListeners } from 'node:events';
import type { PlannedBatch, PlannedRow } from '../../shared/engine/check-result';
import { isBatchSettled } from '../../shared/omneo/api-schemas';
import { outcomesOfItems, rowsRejectedBy } from '../../shared/runner/batch-answers';
import {
  backoffDelayMs,
  defaultPollBackoff,
  defaultSendBackoff,
  rateLimitDelayMs,
  type BackoffPolicy,
} from '../../shared/runner/backoff';
import type { Clock } from '../../shared/runner/clock';
import {
  initialConcurrency,
  onRateLimited,
  onRequestSucceeded,
  type ConcurrencyState,
} from '../../shared/runner/concurrency';
import {
  createProgressWindow,
  etaSeconds,
  recordProgress,
  rowsPerSecond,
  type ProgressWindow,
} from '../../shared/runner/progress';
import type {
  BatchResult,
  PauseReason,
  RowOutcome,
  RowResult,
  RunEvent,
  RunResult,
  RunStatus,
} from '../../shared/runner/run-events';
import type { OmneoClient } from '../omneo/api-client';
import type { JobJournal } from './journal';
import { systemClock } from './system-clock';

/** What {@link startImport} needs. */
export interface RunImportOptions {
  readonly client: OmneoClient;
  /** The batches `check` planned, in order; the same file and options give the same batches. */
  readonly batches: AsyncIterable<PlannedBatch>;
  /** `email` or the identity handle rows are matched on. */
  readonly matchCriteria: string;
  readonly importJobId?: string | null;
  /** Most batches in flight at once (1–32); lowered automatically while Omneo answers 429. */
  readonly concurrency: number;
  /** Durable journal of the job; resuming a job skips the batches it shows as acknowledged. */
  readonly journal?: JobJournal | null;
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
  readonly sendBackoff?: BackoffPolicy;
  readonly pollBackoff?: BackoffPolicy;
  /** Most 429 answers one batch may get before it is failed (default 100). */
  readonly maxRateLimitedRetries?: number;
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
  /** Stops: requests in flight are aborted, unsent rows end as `not-sent`. */
  cancel(): void;
}

/** Starts an import; see {@link RunImportOptions}. Never rejects for a server's answer. */
export function startImport(options: RunImportOptions): ImportRun {
  const runner = new BatchRunner(options);
  return {
    done: runner.run(),
    pause: () => runner.pause('user', 'Paused by the user.'),
    resume: (client) => runner.resume(client),
    cancel: () => runner.stop('cancelled'),
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
  readonly #abort = new AbortController();
  readonly #tasks = new Set<Promise<void>>();
  readonly #rows: RowResult[] = [];
  readonly #batches: BatchResult[] = [];
  #client: OmneoClient;
  #concurrency: ConcurrencyState;
  #inFlight = 0;
  #paused: PauseReason | null = null;
  #stopping: RunStatus | null = null;
  #waiters: (() => void)[] = [];
  #lastDecreaseAt = -Infinity;
  #startedAt: number;
  #window: ProgressWindow;
  #rowsSent = 0;
  #acknowledged = 0;

  constructor(options: RunImportOptions) {
    this.#o = options;
    this.#client = options.client;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#concurrency = initialConcurrency(options.concurrency);
    this.#startedAt = this.#clock.now();
    this.#window = createProgressWindow(this.#startedAt);
    // every request and every back-off sleep listens on this one signal
    setMaxListeners(0, this.#abort.signal);
    if (options.signal?.aborted) this.stop('cancelled');
    options.signal?.addEventListener('abort', () => this.stop('cancelled'), { once: true });
  }

  async run(): Promise<RunResult> {
    for await (const batch of this.#o.batches) {
      if (this.#stopping) this.#finishUnsent(batch.index, batch.rows, this.#stopMessage(), null);
      else await this.#startBatch(batch);
    }
    while (this.#tasks.size > 0) await Promise.all([...this.#tasks]);
    const status = this.#stopping ?? 'completed';
    await this.#o.journal?.append({ t: 'run-ended', status, at: new Date().toISOString() });
    const elapsedMs = this.#clock.now() - this.#startedAt;
    this.#emit({ kind: 'finished', status, elapsedMs });
    return {
      status,
      rows: this.#rows.sort((a, b) => a.line - b.line),
      batches: this.#batches.sort((a, b) => a.index - b.index),
      elapsedMs,
    };
  }

  pause(reason: PauseReason, message: string): void {
    if (this.#paused || this.#stopping) return;
    this.#paused = reason;
    this.#emit({ kind: 'paused', reason, message });
    if (reason === 'credentials' && this.#o.onCredentialsRefused === 'stop') this.stop('paused-credentials');
  }

  resume(client?: OmneoClient): void {
    if (client) this.#client = client;
    if (!this.#paused || this.#stopping) return;
    this.#paused = null;
    this.#emit({ kind: 'resumed' });
    this.#notify();
  }

  stop(status: Exclude<RunStatus, 'completed'>): void {
    if (this.#stopping) return;
    this.#stopping = status;
    if (status === 'cancelled') this.#abort.abort();
    this.#notify();
  }

  async #startBatch(batch: PlannedBatch): Promise<void> {
    const record = this.#o.journal?.batches().get(batch.index);
    const rejected = record?.rejected ?? new Map<number, string>();
    const rows = batch.rows.filter((row) => !rejected.has(row.line));
    const invalid = batch.rows.filter((row) => rejected.has(row.line));
    this.#recordRows(
      invalid,
      batch.index,
      record?.batchId ?? null,
      'invalid',
      (row) => rejected.get(row.line) ?? null,
    );

    if (record && (record.state === 'accepted' || record.state === 'settled') && record.batchId) {
      this.#emit({ kind: 'batch-skipped', batchIndex: batch.index, reason: 'already-acknowledged' });
      this.#countAcknowledged(rows.length);
      const meta = { resent: record.resent, sends: 0 };
      if (record.state === 'settled' && record.items) {
        const byLine = new Map(record.items.map((item) => [item.line, item]));
        this.#recordRows(
          rows,
          batch.index,
          record.batchId,
          (row) => byLine.get(row.line)?.outcome ?? 'failed',
          (row) =>
            byLine.has(row.line)
              ? (byLine.get(row.line)?.error ?? null)
              : 'Omneo reported no outcome for this row.',
        );
        this.#batchDone(batch.index, record.batchId, 'settled', rows.length, meta, null);
      } else if (this.#o.wait) {
        this.#spawn(this.#follow(batch.index, record.batchId, rows, meta));
      } else {
        this.#recordRows(rows, batch.index, record.batchId, 'accepted', () => null);
        this.#batchDone(batch.index, record.batchId, 'accepted', rows.length, meta, null);
      }
      return;
    }
    if (rows.length === 0) {
      this.#batchDone(
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
    if (this.#stopping) return this.#finishUnsent(batch.index, rows, this.#stopMessage(), null);
    this.#inFlight += 1;
    this.#spawn(this.#send(batch.index, rows, record?.state === 'sending'));
  }

  /** Sends one batch until Omneo acknowledges it, rejects all its rows, or retries run out. */
  async #send(index: number, planned: readonly PlannedRow[], unknownBefore: boolean): Promise<void> {
    const sendPolicy = this.#o.sendBackoff ?? defaultSendBackoff;
    const journal = this.#o.journal;
    let rows = planned;
    let holding = true;
    const release = () => {
      if (!holding) return;
      holding = false;
      this.#inFlight -= 1;
      this.#notify();
    };
    let retries = 0;
    let rateLimited = 0;
    let attempt = 0;
    let unknown = unknownBefore;
    let resent = false;
    const meta = () => ({ resent, sends: attempt });
    try {
      for (;;) {
        if (!(await this.#waitToGo()))
          return this.#finishUnsent(index, rows, this.#stopMessage(), null, meta());
        attempt += 1;
        resent ||= unknown;
        await journal?.append({ t: 'sending', batch: index, attempt, rows: rows.length, at: now() });
        this.#emit({ kind: 'batch-sending', batchIndex: index, rows: rows.length, attempt });
        const sentAt = this.#clock.now();
        const body = {
          match_criteria: this.#o.matchCriteria,
          profiles: rows.map((row) => row.profile),
          ...(this.#o.importJobId ? { import_job_id: this.#o.importJobId } : {}),
        };
        const outcome = await this.#client.postBatch(body, this.#abort.signal);
        const failedAttempt = (reason: string, unknownOutcome: boolean) =>
          journal?.append({ t: 'attempt-failed', batch: index, reason, unknownOutcome, at: now() });
        switch (outcome.kind) {
          case 'accepted': {
            await journal?.append({ t: 'accepted', batch: index, batchId: outcome.batchId, at: now() });
            this.#setConcurrency(onRequestSucceeded(this.#concurrency));
            this.#emit({
              kind: 'batch-accepted',
              batchIndex: index,
              batchId: outcome.batchId,
              rows: rows.length,
            });
            this.#countAcknowledged(rows.length);
            release();
            if (this.#o.wait) return await this.#follow(index, outcome.batchId, rows, meta());
            this.#recordRows(rows, index, outcome.batchId, 'accepted', () => null);
            return this.#batchDone(index, outcome.batchId, 'accepted', rows.length, meta(), null);
          }
          case 'invalid': {
            const rejected = rowsRejectedBy(outcome.errors, rows);
            if (rejected.rows.size === 0) {
              const error = [outcome.message, ...rejected.batchErrors].join(' ');
              await journal?.append({ t: 'failed', batch: index, error, at: now() });
              return this.#failBatch(index, rows, error, meta());
            }
            const named = [...rejected.rows].map(([line, message]) => ({ line, message }));
            await journal?.append({ t: 'rows-rejected', batch: index, rows: named, at: now() });
            this.#emit({ kind: 'batch-rejected-rows', batchIndex: index, rows: named });
            const bad = rows.filter((row) => rejected.rows.has(row.line));
            this.#recordRows(bad, index, null, 'invalid', (row) => rejected.rows.get(row.line) ?? null);
            rows = rows.filter((row) => !rejected.rows.has(row.line));
            unknown = false;
            if (rows.length === 0) {
              return this.#batchDone(index, null, 'rejected', 0, meta(), 'Omneo rejected every row.');
            }
            continue;
          }
          case 'rate-limited': {
            await failedAttempt('rate-limited', false);
            if (sentAt >= this.#lastDecreaseAt) {
              this.#lastDecreaseAt = this.#clock.now();
              this.#setConcurrency(onRateLimited(this.#concurrency));
            }
            rateLimited += 1;
            if (rateLimited > (this.#o.maxRateLimitedRetries ?? 100)) {
              const error = `Omneo kept answering 429 Too Many Requests (${rateLimited} times).`;
              await journal?.append({ t: 'failed', batch: index, error, at: now() });
              return this.#failBatch(index, rows, error, meta());
            }
            const delayMs = rateLimitDelayMs(outcome.retryAfterMs, rateLimited, sendPolicy, this.#random);
            this.#emit({
              kind: 'batch-retry-scheduled',
              batchIndex: index,
              reason: 'rate-limited',
              attempt,
              delayMs,
              unknownOutcome: false,
            });
            await this.#clock.sleep(delayMs, this.#abort.signal);
            unknown = false;
            continue;
          }
          case 'unauthorised':
            await failedAttempt('unauthorised', false);
            this.pause(
              'credentials',
              `Omneo refused the API token (HTTP ${outcome.status}: ${outcome.message}).`,
            );
            unknown = false;
            continue;
          case 'server-error':
          case 'network-error':
          case 'timeout': {
            const unknownOutcome = outcome.kind !== 'server-error' && outcome.unknownOutcome;
            retries += 1;
            if (retries > sendPolicy.maxRetries) {
              const error = `Gave up after ${attempt} tries: ${outcome.message}`;
              await journal?.append({ t: 'failed', batch: index, error, at: now() });
              return this.#failBatch(index, rows, error, meta());
            }
            await failedAttempt(outcome.kind, unknownOutcome);
            const delayMs = backoffDelayMs(retries, sendPolicy, this.#random);
            this.#emit({
              kind: 'batch-retry-scheduled',
              batchIndex: index,
              reason: outcome.kind,
              attempt,
              delayMs,
              unknownOutcome,
            });
            await this.#clock.sleep(delayMs, this.#abort.signal);
            unknown = unknownOutcome;
            continue;
          }
          case 'aborted':
            await failedAttempt('cancelled', outcome.unknownOutcome);
            return this.#finishUnsent(
              index,
              rows,
              outcome.unknownOutcome
                ? 'Cancelled while sending: the batch may have reached Omneo; resume the job to make sure.'
                : this.#stopMessage(),
              null,
              meta(),
            );
          case 'unexpected':
            await journal?.append({ t: 'failed', batch: index, error: outcome.message, at: now() });
            return this.#failBatch(index, rows, outcome.message, meta());
        }
      }
    } finally {
      release();
    }
  }

  /** Polls `GET /batches/{id}` with back-off until the batch settles, then records each row's outcome. */
  async #follow(index: number, batchId: string, rows: readonly PlannedRow[], meta: BatchMeta): Promise<void> {
    const policy = this.#o.pollBackoff ?? defaultPollBackoff;
    let polls = 0;
    let failures = 0;
    const notFollowed = (why: string) => {
      this.#recordRows(rows, index, batchId, 'accepted', () => why);
      this.#batchDone(index, batchId, 'accepted', rows.length, meta, why);
    };
    await this.#clock.sleep(policy.baseMs, this.#abort.signal);
    for (;;) {
      if (!(await this.#waitToGo()))
        return notFollowed(`Accepted; outcome not followed (${this.#stopMessage()})`);
      const outcome = await this.#client.getBatch(batchId, this.#abort.signal);
      let delayMs: number;
      switch (outcome.kind) {
        case 'ok': {
          if (isBatchSettled(outcome.value.status)) {
            const items = outcomesOfItems(outcome.value.items ?? [], rows);
            await this.#o.journal?.append({ t: 'settled', batch: index, batchId, items, at: now() });
            const byLine = new Map(items.map((item) => [item.line, item]));
            this.#recordRows(
              rows,
              index,
              batchId,
              (row) => byLine.get(row.line)?.outcome ?? 'failed',
              (row) => byLine.get(row.line)?.error ?? null,
            );
            const count = (kind: RowOutcome) => items.filter((item) => item.outcome === kind).length;
            this.#emit({
              kind: 'batch-settled',
              batchIndex: index,
              batchId,
              created: count('created'),
              updated: count('updated'),
              failed: count('failed'),
            });
            this.#emitProgress();
            return this.#batchDone(index, batchId, 'settled', rows.length, meta, null);
          }
          polls += 1;
          if (polls > policy.maxRetries)
            return notFollowed(
              'Accepted; Omneo had not processed the batch when the runner stopped polling.',
            );
          delayMs = policy.baseMs + backoffDelayMs(polls, policy, this.#random);
          break;
        }
        case 'rate-limited':
          if (this.#clock.now() >= this.#lastDecreaseAt) {
            this.#lastDecreaseAt = this.#clock.now();
            this.#setConcurrency(onRateLimited(this.#concurrency));
          }
          delayMs = rateLimitDelayMs(outcome.retryAfterMs, 1, policy, this.#random);
          break;
        case 'unauthorised':
          this.pause(
            'credentials',
            `Omneo refused the API token (HTTP ${outcome.status}: ${outcome.message}).`,
          );
          continue;
        case 'aborted':
          return notFollowed(`Accepted; outcome not followed (${this.#stopMessage()})`);
        case 'server-error':
        case 'network-error':
        case 'timeout':
        case 'unexpected':
          failures += 1;
          if (
            outcome.kind === 'unexpected' ||
            failures > (this.#o.sendBackoff ?? defaultSendBackoff).maxRetries
          ) {
            return notFollowed(`Accepted; its outcome could not be read: ${outcome.message}`);
          }
          delayMs = backoffDelayMs(failures, policy, this.#random);
          break;
      }
      await this.#clock.sleep(delayMs, this.#abort.signal);
    }
  }

  #failBatch(index: number, rows: readonly PlannedRow[], error: string, meta: BatchMeta): void {
    this.#emit({ kind: 'batch-failed', batchIndex: index, rows: rows.length, error });
    this.#recordRows(rows, index, null, 'failed', () => error);
    this.#batchDone(index, null, 'failed', rows.length, meta, error);
  }

  #finishUnsent(
    index: number,
    rows: readonly PlannedRow[],
    why: string,
    batchId: string | null,
    meta: BatchMeta = { resent: false, sends: 0 },
  ): void {
    this.#recordRows(rows, index, batchId, 'not-sent', () => why);
    this.#batchDone(index, batchId, 'not-sent', rows.length, meta, why);
  }

  #recordRows(
    rows: readonly PlannedRow[],
    batchIndex: number,
    batchId: string | null,
    outcome: RowOutcome | ((row: PlannedRow) => RowOutcome),
    error: (row: PlannedRow) => string | null,
  ): void {
    for (const row of rows) {
      this.#rows.push({
        line: row.line,
        batchIndex,
        batchId,
        outcome: typeof outcome === 'function' ? outcome(row) : outcome,
        error: error(row),
      });
    }
  }

  #batchDone(
    index: number,
    batchId: string | null,
    state: BatchResult['state'],
    rows: number,
    meta: BatchMeta,
    error: string | null,
  ): void {
    this.#batches.push({ index, batchId, state, rows, resent: meta.resent, sends: meta.sends, error });
  }

  #countAcknowledged(rows: number): void {
    this.#rowsSent += rows;
    this.#acknowledged += 1;
    this.#window = recordProgress(this.#window, this.#clock.now(), rows);
    this.#emitProgress();
  }

  #emitProgress(): void {
    const rate = rowsPerSecond(this.#window, this.#clock.now());
    const total = this.#o.totalRows;
    this.#emit({
      kind: 'progress',
      rowsSent: this.#rowsSent,
      batchesAcknowledged: this.#acknowledged,
      totalBatches: this.#o.totalBatches ?? null,
      rowsPerSecond: Math.round(rate * 10) / 10,
      etaSeconds: total === null || total === undefined ? null : etaSeconds(total - this.#rowsSent, rate),
    });
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

interface BatchMeta {
  readonly resent: boolean;
  readonly sends: number;
}

const now = () => new Date().toISOString();
