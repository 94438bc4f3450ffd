/**
 * What the batch runner records about each batch, and how those records fold into each batch's
 * state — the runner's side of a job's durable journal.
 *
 * The runner writes an entry BEFORE a batch is sent (`sending`) and AFTER its answer (`accepted`,
 * `rows-rejected`, `failed`, `settled`, `lost`), so a replay after a crash knows, for every batch,
 * whether Omneo acknowledged it: acknowledged batches are never sent again; a batch with `sending`
 * but no answer has an unknown outcome and is sent again (safe: Omneo upserts on each row's match
 * key). Where the entries are kept (a file per job) is the job core's business
 * (electron/jobs/journal.ts); the runner only needs {@link RunJournal}.
 */
import type { RowOutcome } from '../../shared/runner/run-events';

/** One row's outcome as recorded when its batch settled; `profileId` is Omneo's, when it said. */
export interface JournalItem {
  readonly line: number;
  readonly outcome: Extract<RowOutcome, 'created' | 'updated' | 'failed'>;
  readonly error: string | null;
  readonly profileId?: string | null;
}

/** One journal entry. `at` is an ISO time. */
export type JournalEntry =
  | {
      readonly t: 'sending';
      readonly batch: number;
      readonly attempt: number;
      readonly rows: number;
      readonly at: string;
    }
  | { readonly t: 'accepted'; readonly batch: number; readonly batchId: string; readonly at: string }
  | {
      readonly t: 'rows-rejected';
      readonly batch: number;
      readonly rows: readonly { readonly line: number; readonly message: string }[];
      readonly at: string;
    }
  | {
      readonly t: 'attempt-failed';
      readonly batch: number;
      readonly reason: string;
      /** The request may have reached Omneo (no answer came): the next send repeats it. */
      readonly unknownOutcome: boolean;
      readonly at: string;
    }
  | { readonly t: 'failed'; readonly batch: number; readonly error: string; readonly at: string }
  | {
      readonly t: 'settled';
      readonly batch: number;
      readonly batchId: string;
      readonly items: readonly JournalItem[];
      readonly at: string;
    }
  /**
   * Omneo acknowledged the batch but no longer knows it (`GET /batches/{id}` answered 404, e.g. the
   * tenant lost it in a crash): its outcome is unknown, so a resume sends it again.
   */
  | { readonly t: 'lost'; readonly batch: number; readonly batchId: string; readonly at: string }
  | { readonly t: 'run-ended'; readonly status: string; readonly at: string };

/** Names of the entry kinds, to tell a journal line from any other JSON object. */
export const journalEntryKinds: ReadonlySet<string> = new Set([
  'sending',
  'accepted',
  'rows-rejected',
  'attempt-failed',
  'failed',
  'settled',
  'lost',
  'run-ended',
]);

/**
 * Where a batch stands after replaying the journal: `sending` means a send began and no answer was
 * recorded (or Omneo lost the batch) — its outcome is unknown; `pending` means the last try was
 * refused without effect.
 */
export type JournalBatchState = 'pending' | 'sending' | 'accepted' | 'settled' | 'failed';

/** One batch as the journal remembers it. */
export interface BatchRecord {
  readonly index: number;
  readonly state: JournalBatchState;
  readonly batchId: string | null;
  /** Rows Omneo rejected (422), by line: never sent again. */
  readonly rejected: ReadonlyMap<number, string>;
  readonly items: readonly JournalItem[] | null;
  /** How many times a send began, over every run of the job. */
  readonly sends: number;
  /** A send began while an earlier one had no answer (its outcome was unknown). */
  readonly resent: boolean;
  /** When the first send of this batch began (ISO time), over every run of the job. */
  readonly firstSentAt: string | null;
  readonly error: string | null;
}

/** The journal as the runner uses it: each batch's state, and a durable append. */
export interface RunJournal {
  /** Each batch's state as the journal knows it (batches never mentioned are absent: pending). */
  batches(): ReadonlyMap<number, BatchRecord>;
  /** Records one entry; resolves once it is durable. Rejects when it cannot be written. */
  append(entry: JournalEntry): Promise<void>;
}

/** Folds journal entries into each batch's latest state. */
export function replayJournal(entries: readonly JournalEntry[]): Map<number, BatchRecord> {
  const records = new Map<number, BatchRecord>();
  for (const entry of entries) {
    if ('batch' in entry) records.set(entry.batch, applyEntry(records.get(entry.batch), entry));
  }
  return records;
}

/** One batch's state after `entry`, given its state before (undefined: never mentioned). */
export function applyEntry(
  previous: BatchRecord | undefined,
  entry: Exclude<JournalEntry, { t: 'run-ended' }>,
): BatchRecord {
  const base: BatchRecord = previous ?? {
    index: entry.batch,
    state: 'sending',
    batchId: null,
    rejected: new Map(),
    items: null,
    sends: 0,
    resent: false,
    firstSentAt: null,
    error: null,
  };
  switch (entry.t) {
    case 'sending':
      return {
        ...base,
        state: 'sending',
        sends: base.sends + 1,
        firstSentAt: base.firstSentAt ?? entry.at,
        // a send that began while the last one never got an answer repeats it
        resent: base.resent || (previous !== undefined && previous.state === 'sending'),
      };
    case 'accepted':
      return { ...base, state: 'accepted', batchId: entry.batchId, error: null };
    case 'attempt-failed':
      return entry.unknownOutcome ? base : { ...base, state: 'pending' };
    case 'rows-rejected': {
      const rejected = new Map(base.rejected);
      for (const row of entry.rows) rejected.set(row.line, row.message);
      return { ...base, state: 'pending', rejected };
    }
    case 'failed':
      return { ...base, state: 'failed', error: entry.error };
    case 'settled':
      return { ...base, state: 'settled', batchId: entry.batchId, items: entry.items };
    case 'lost':
      return { ...base, state: 'sending', batchId: null, items: null };
  }
}
