/**
 * Turns Omneo's per-batch answers back into per-row facts, by input line.
 *
 * A 422 names rows by their position in the request (`profiles.3.email` is the 4th profile sent —
 * Laravel validation keys, ../shared/omneo-api.md "Errors"); `GET /batches/{id}` lists items in the
 * request's order (omneo-sdk `Batch.items`), each with the record's match key as `external_id`.
 */
import type { RowOutcome } from './run-events';

/** A row as sent: its input line and normalised match key. */
export interface SentRow {
  readonly line: number;
  readonly matchKey: string;
}

/** The rows a 422 rejected (by line, with the server's messages) and errors about the whole batch. */
export interface RejectedRows {
  readonly rows: ReadonlyMap<number, string>;
  readonly batchErrors: readonly string[];
}

/**
 * Maps 422 error paths to the rows sent: `profiles.3.email: ["…"]` → row 3's line with
 * `email: …`. Paths outside `profiles.N` (e.g. `match_criteria`) or past the end are batch errors.
 */
export function rowsRejectedBy(
  errors: Readonly<Record<string, readonly string[]>>,
  sent: readonly SentRow[],
): RejectedRows {
  const byIndex = new Map<number, string[]>();
  const batchErrors: string[] = [];
  for (const [path, messages] of Object.entries(errors)) {
    const match = /^profiles\.(\d+)(?:\.(.+))?$/.exec(path);
    const index = match ? Number(match[1]) : -1;
    if (!match || index >= sent.length) {
      batchErrors.push(`${path}: ${messages.join(' ')}`);
      continue;
    }
    const field = match[2];
    const text = messages.map((m) => (field ? `${field}: ${m}` : m));
    byIndex.set(index, [...(byIndex.get(index) ?? []), ...text]);
  }
  const rows = new Map<number, string>();
  for (const [index, messages] of [...byIndex.entries()].sort((a, b) => a[0] - b[0])) {
    const row = sent[index];
    if (row) rows.set(row.line, messages.join('; '));
  }
  return { rows, batchErrors };
}

/** One item of `GET /batches/{id}` as the runner needs it. */
export interface BatchItemAnswer {
  readonly status: string;
  /** The profile created or updated (omneo-sdk `Batch.items[].entity_id`). */
  readonly entity_id?: string | number | null;
  readonly external_id?: string | number | null;
  readonly error?: unknown;
}

/** A settled row: its line, what Omneo did, and the error when it failed. */
export interface ItemOutcome {
  readonly line: number;
  readonly outcome: Extract<RowOutcome, 'created' | 'updated' | 'failed'>;
  readonly error: string | null;
  /** The profile Omneo created or updated (the item's `entity_id`), when it said; kept for undo. */
  readonly profileId?: string;
}

/**
 * Pairs a settled batch's items with the rows sent, in request order.
 *
 * When the item count differs from the rows sent, items are matched by `external_id` (the match
 * key) instead; a row with no item is `failed` with "Omneo reported no outcome for this row".
 * Item statuses other than created/updated count as failed, with the server's error.
 */
export function outcomesOfItems(items: readonly BatchItemAnswer[], sent: readonly SentRow[]): ItemOutcome[] {
  const inOrder = items.length === sent.length;
  const byKey = new Map<string, BatchItemAnswer[]>();
  if (!inOrder) {
    for (const item of items) {
      const key = String(item.external_id ?? '').toLowerCase();
      byKey.set(key, [...(byKey.get(key) ?? []), item]);
    }
  }
  return sent.map((row, index) => {
    const item = inOrder ? items[index] : byKey.get(row.matchKey.toLowerCase())?.shift();
    if (!item) return { line: row.line, outcome: 'failed', error: 'Omneo reported no outcome for this row.' };
    const status = item.status.toLowerCase();
    if (status === 'created' || status === 'updated') {
      const profileId =
        item.entity_id === null || item.entity_id === undefined ? {} : { profileId: String(item.entity_id) };
      return { line: row.line, outcome: status, error: null, ...profileId };
    }
    return { line: row.line, outcome: 'failed', error: itemError(item.error, status) };
  });
}

function itemError(error: unknown, status: string): string {
  if (typeof error === 'string' && error !== '') return error;
  if (Array.isArray(error)) return error.map(String).join('; ');
  if (error && typeof error === 'object') return JSON.stringify(error);
  return `Omneo reported the item as ${status}.`;
}
