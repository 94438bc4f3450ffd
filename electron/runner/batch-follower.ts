/**
 * Follows one accepted batch with `GET /batches/{id}` until Omneo has processed it, then records
 * each row's outcome (created, updated, failed with its error) by input line.
 *
 * Omneo queues batches and reports outcomes only through webhooks or this endpoint (omneo-sdk
 * `Batch`; ../shared/omneo-api.md), so a desktop tool polls — with back-off, honouring 429.
 */
import type { PlannedRow } from '../../shared/engine/check-result';
import { isBatchSettled } from '../../shared/omneo/api-schemas';
import { outcomesOfItems } from '../../shared/runner/batch-answers';
import { backoffDelayMs, type BackoffPolicy } from '../../shared/runner/backoff';
import { decideRetry, noFailuresYet, type RetryPolicy } from '../../shared/runner/retry-policy';
import type { Clock } from '../../shared/runner/clock';
import type { RowOutcome, RunEvent } from '../../shared/runner/run-events';
import type { OmneoClient } from '../omneo/api-client';
import { confirmCreatedOnResend } from './lost-answer';
import type { BatchMeta, RunLedger } from './run-ledger';
import type { RunJournal } from './run-journal';

/** What the follower needs from the run it belongs to. */
export interface FollowContext {
  readonly client: () => OmneoClient;
  readonly clock: Clock;
  readonly random: () => number;
  /** Spacing of polls of a batch Omneo has not processed yet; `maxRetries` is the most such polls. */
  readonly policy: BackoffPolicy;
  /**
   * What a failed request (429, 5xx, timeout, dropped connection) does, sending or polling: the
   * one policy of every Omneo call (shared/runner/retry-policy.ts).
   */
  readonly retryPolicy: RetryPolicy;
  readonly signal: AbortSignal;
  readonly journal: RunJournal | null;
  readonly ledger: RunLedger;
  readonly emit: (event: RunEvent) => void;
  /** Waits while the run is paused; false when it is stopping. */
  readonly waitToGo: () => Promise<boolean>;
  readonly stopMessage: () => string;
  /** A 401/403 to a request sent with `refused` (ignored when the token was replaced since). */
  readonly pauseForCredentials: (message: string, refused: OmneoClient) => void;
  /** A 429 to a request sent at `sentAt`: lets the runner lower its concurrency. */
  readonly rateLimited: (sentAt: number) => void;
}

/**
 * Polls until the batch settles and records its rows. A batch whose outcome cannot be read (the
 * run stopped, polling gave up) leaves its rows `accepted` with a note — they did reach Omneo.
 */
export async function followBatch(
  ctx: FollowContext,
  index: number,
  batchId: string,
  rows: readonly PlannedRow[],
  meta: BatchMeta,
): Promise<void> {
  const { clock, policy, ledger } = ctx;
  const notFollowed = (why: string) => {
    ledger.recordRows(rows, index, batchId, 'accepted', () => why);
    ledger.batchDone(index, batchId, 'accepted', rows.length, meta, why);
  };
  let polls = 0;
  let tally = noFailuresYet;
  await clock.sleep(policy.baseMs, ctx.signal);
  for (;;) {
    if (!(await ctx.waitToGo())) return notFollowed(`Accepted; outcome not followed (${ctx.stopMessage()})`);
    const sentAt = clock.now();
    const client = ctx.client();
    const outcome = await client.getBatch(batchId, ctx.signal);
    let delayMs: number;
    switch (outcome.kind) {
      case 'ok': {
        if (isBatchSettled(outcome.value.status)) {
          const answered = outcomesOfItems(outcome.value.items ?? [], rows);
          // Sent again after a lost answer: "updated" may be a profile the first send created.
          const items =
            meta.resent && meta.firstSentAt
              ? await confirmCreatedOnResend(answered, meta.firstSentAt, client, clock, ctx.signal)
              : answered;
          await ctx.journal?.append({
            t: 'settled',
            batch: index,
            batchId,
            items,
            at: new Date().toISOString(),
          });
          const byLine = new Map(items.map((item) => [item.line, item]));
          ledger.recordRows(
            rows,
            index,
            batchId,
            (row) => byLine.get(row.line)?.outcome ?? 'failed',
            (row) => byLine.get(row.line)?.error ?? null,
            (row) => byLine.get(row.line)?.profileId ?? null,
          );
          const count = (kind: RowOutcome) => items.filter((item) => item.outcome === kind).length;
          ctx.emit({
            kind: 'batch-settled',
            batchIndex: index,
            batchId,
            created: count('created'),
            updated: count('updated'),
            failed: count('failed'),
          });
          ledger.emitProgress();
          return ledger.batchDone(index, batchId, 'settled', rows.length, meta, null);
        }
        polls += 1;
        if (polls > policy.maxRetries) {
          return notFollowed('Accepted; Omneo had not processed the batch when the runner stopped polling.');
        }
        delayMs = policy.baseMs + backoffDelayMs(polls, policy, ctx.random);
        break;
      }
      case 'rate-limited':
      case 'server-error':
      case 'network-error':
      case 'timeout': {
        if (outcome.kind === 'rate-limited') ctx.rateLimited(sentAt);
        const decision = decideRetry(outcome, tally, ctx.retryPolicy, ctx.random);
        if (decision.kind === 'give-up') {
          return notFollowed(`Accepted; its outcome could not be read: ${decision.message}`);
        }
        tally = decision.tally;
        delayMs = decision.delayMs;
        break;
      }
      case 'unauthorised':
        ctx.pauseForCredentials(
          `Omneo refused the API token (HTTP ${outcome.status}: ${outcome.message}).`,
          client,
        );
        continue;
      case 'aborted':
        return notFollowed(`Accepted; outcome not followed (${ctx.stopMessage()})`);
      case 'unexpected':
        if (outcome.status === 404) {
          // Omneo acknowledged this batch and no longer knows it: nothing says whether its rows
          // were imported. The journal marks it unknown, so a resume sends it again (safe: Omneo
          // upserts on each row's match key).
          await ctx.journal?.append({ t: 'lost', batch: index, batchId, at: new Date().toISOString() });
          return notFollowed(
            `Omneo acknowledged batch ${batchId} but no longer knows it (404): the outcome of these rows is unknown; resume the job to send them again.`,
          );
        }
        return notFollowed(`Accepted; its outcome could not be read: ${outcome.message}`);
    }
    await clock.sleep(delayMs, ctx.signal);
  }
}
