/**
 * Turns the batch runner's events into the contract's `import:progress` and `batch:settled`
 * events.
 *
 * Rate limiting and retries are pushed as what they are (`waiting: 'rate-limited'`, batch state
 * `retrying`), never as failures; only a batch the runner gave up on is `failed`.
 */
import { cappedWaitNotice } from '../../shared/runner/backoff';
import type { EventPayload } from '../../shared/ipc/contract';
import { assertNever, type RunEvent } from '../../shared/runner/run-events';
import type { EventHub } from '../app/event-hub';

type BatchState = EventPayload<'batch:settled'>['batch']['state'];

/** One running job's progress, fed with every runner event (the counts are the job core's). */
export class JobProgress {
  #waiting: EventPayload<'import:progress'>['waiting'] = null;
  #rowsSent = 0;
  #acknowledged = 0;
  readonly #attempts = new Map<number, number>();
  readonly #rows = new Map<number, number>();
  /** Each batch's latest state, and the latest progress event, for a page that (re)opens mid-run. */
  readonly #latest = new Map<number, EventPayload<'batch:settled'>['batch']>();
  #lastProgress: EventPayload<'import:progress'> | null = null;

  /**
   * @param totalRows rows handed to the runner (the valid rows)
   * @param totalBatches batches planned
   */
  constructor(
    private readonly events: EventHub,
    private readonly jobId: string,
    private readonly totalRows: number,
    private readonly totalBatches: number,
  ) {}

  /** What a page opened mid-run needs to catch up: the last progress and every batch's state. */
  live(): {
    progress: EventPayload<'import:progress'> | null;
    batches: EventPayload<'batch:settled'>['batch'][];
  } {
    return {
      progress: this.#lastProgress,
      batches: [...this.#latest.values()].sort((a, b) => a.index - b.index),
    };
  }

  /** Marks the job paused or running again, and says so in a progress event. */
  setPaused(paused: boolean): void {
    this.#waiting = paused ? 'paused' : null;
    this.#progress(0, null);
  }

  /** Handles one runner event. */
  handle(event: RunEvent): void {
    switch (event.kind) {
      case 'batch-sending':
        this.#attempts.set(event.batchIndex, event.attempt);
        this.#rows.set(event.batchIndex, event.rows);
        if (this.#waiting !== 'paused') this.#waiting = null;
        return this.#batch(event.batchIndex, 'sending', null, null);
      case 'batch-accepted':
        return this.#batch(event.batchIndex, 'accepted', event.batchId, null);
      case 'batch-retry-scheduled': {
        const limited = event.reason === 'rate-limited';
        if (this.#waiting !== 'paused') this.#waiting = limited ? 'rate-limited' : 'retrying';
        const seconds = Math.ceil(event.delayMs / 1000);
        const why = limited ? 'Omneo asked to slow down' : `${event.reason.replace('-', ' ')}`;
        this.#batch(
          event.batchIndex,
          limited ? 'rate-limited' : 'retrying',
          null,
          (limited ? cappedWaitNotice(event.delayMs) : null) ?? `${why}; trying again in ${seconds} s.`,
        );
        return this.#progress(0, null);
      }
      case 'batch-rejected-rows':
        this.#rows.set(event.batchIndex, (this.#rows.get(event.batchIndex) ?? 0) - event.rows.length);
        return;
      case 'batch-settled':
        return this.#batch(
          event.batchIndex,
          'settled',
          event.batchId,
          `${event.created} created, ${event.updated} updated, ${event.failed} failed.`,
        );
      case 'batch-failed':
        return this.#batch(event.batchIndex, 'failed', null, event.error);
      case 'batch-skipped':
        return this.#batch(event.batchIndex, 'settled', null, 'Already sent before the job was resumed.');
      case 'progress':
        this.#rowsSent = event.rowsSent;
        this.#acknowledged = event.batchesAcknowledged;
        return this.#progress(event.rowsPerSecond, event.etaSeconds);
      case 'paused':
        return this.setPaused(true);
      case 'resumed':
        return this.setPaused(false);
      case 'concurrency-changed':
      case 'finished':
        return;
      default:
        assertNever(event);
    }
  }

  #batch(index: number, state: BatchState, batchId: string | null, message: string | null): void {
    const batch = {
      index,
      batchId,
      rows: this.#rows.get(index) ?? 0,
      attempts: this.#attempts.get(index) ?? 0,
      state,
      message,
    };
    this.#latest.set(index, batch);
    this.events.emit('batch:settled', { jobId: this.jobId, batch });
  }

  #progress(rowsPerSecond: number, etaSeconds: number | null): void {
    this.#lastProgress = {
      jobId: this.jobId,
      rowsSent: this.#rowsSent,
      totalRows: this.totalRows,
      batchesAcknowledged: this.#acknowledged,
      totalBatches: this.totalBatches,
      rowsPerSecond: Math.max(0, rowsPerSecond),
      etaSeconds: etaSeconds === null ? null : Math.max(0, etaSeconds),
      waiting: this.#waiting,
    };
    this.events.emit('import:progress', this.#lastProgress);
  }
}
