/**
 * Settled rows into the exact batches a run sends: sent rows in file order, `batchSize` to a batch,
 * numbered from 0. One piece of code for the CLI's `planBatches` and `check --payload` and the
 * app's planned batches, so the same settled rows always make the same batches.
 */
import type { PlannedBatch, PlannedRow, RowOutcome } from './check-result';

/** Collects sent rows into batches; see the module comment. */
export class BatchCollector {
  #rows: PlannedRow[] = [];
  #index = 0;

  /** @param batchSize rows per batch, 1–500 (Omneo's batch limit, `maxBatchSize`) */
  constructor(private readonly batchSize: number) {}

  /**
   * Adds the next row's outcome (file order); answers the batch it fills, or null. Only `valid`
   * rows with a profile and a match key are sent; every other outcome is passed over.
   */
  add(outcome: RowOutcome): PlannedBatch | null {
    if (outcome.status !== 'valid' || outcome.profile === null || outcome.matchKey === null) return null;
    this.#rows.push({ line: outcome.line, matchKey: outcome.matchKey, profile: outcome.profile });
    return this.#rows.length >= this.batchSize ? this.#take() : null;
  }

  /** The last, partly filled batch, or null when there is none. */
  finish(): PlannedBatch | null {
    return this.#rows.length > 0 ? this.#take() : null;
  }

  #take(): PlannedBatch {
    const batch = { index: this.#index, rows: this.#rows };
    this.#index += 1;
    this.#rows = [];
    return batch;
  }
}

/** Every batch of a run, from its rows' outcomes in file order. */
export function collectBatches(outcomes: Iterable<RowOutcome | null>, batchSize: number): PlannedBatch[] {
  const collector = new BatchCollector(batchSize);
  const batches: PlannedBatch[] = [];
  for (const outcome of outcomes) {
    const full = outcome && collector.add(outcome);
    if (full) batches.push(full);
  }
  const last = collector.finish();
  if (last) batches.push(last);
  return batches;
}
