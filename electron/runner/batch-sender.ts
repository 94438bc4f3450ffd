/**
 * Sends one planned batch to `POST /profiles/batch` and settles what the answer says: accepted
 * (then followed), rows named by a 422 marked invalid and the rest sent again, 429, 5xx, timeouts
 * and dropped connections retried as the one retry policy of every Omneo call decides
 * (../../shared/runner/retry-policy.ts), 401/403 pausing the run for new credentials. Every transition is journalled before and after the request.
 */
import type { PlannedRow } from '../../shared/engine/check-result';
import { rowsRejectedBy } from '../../shared/runner/batch-answers';
import { decideRetry, noFailuresYet } from '../../shared/runner/retry-policy';
import { followBatch, type FollowContext } from './batch-follower';
import type { RunImportOptions } from './batch-runner';

/** What sending needs from the run it belongs to: the follower's context plus the request's own. */
export interface SendContext extends FollowContext {
  readonly options: Pick<RunImportOptions, 'matchCriteria' | 'importJobId' | 'journal' | 'wait'>;
  /** Aborts requests in flight (a hard cancel only); `signal` ends back-off sleeps. */
  readonly abortSignal: AbortSignal;
  /** A request succeeded: the run may raise its concurrency. */
  readonly requestSucceeded: () => void;
}

/** One batch as the runner hands it over. */
export interface BatchToSend {
  readonly index: number;
  /** The rows still to send (rows a resumed journal shows rejected are already left out). */
  readonly rows: readonly PlannedRow[];
  /** The journal shows a send of this batch with no answer: a re-send is reported as such. */
  readonly unknownBefore: boolean;
}

const now = () => new Date().toISOString();

/**
 * Sends one batch until Omneo acknowledges it, rejects all its rows, or retries run out, then
 * follows an acknowledged batch when the run waits for outcomes. `freeSlot` is called once, as soon
 * as the batch no longer holds one of the run's concurrent request slots. Throws only what the
 * journal throws (a disk refusing the write); the runner isolates everything else per batch.
 */
export async function sendBatch(ctx: SendContext, batch: BatchToSend, freeSlot: () => void): Promise<void> {
  const { index, unknownBefore } = batch;
  const options = ctx.options;
  const journal = options.journal;
  let rows = batch.rows;
  let holding = true;
  const release = () => {
    if (!holding) return;
    holding = false;
    freeSlot();
  };
  let tally = noFailuresYet;
  let attempt = 0;
  let unknown = unknownBefore;
  let resent = false;
  let firstSentAt = journal?.batches().get(index)?.firstSentAt ?? null;
  const meta = () => ({ resent, sends: attempt, firstSentAt });
  try {
    for (;;) {
      if (!(await ctx.waitToGo())) return ctx.ledger.unsent(index, rows, ctx.stopMessage(), meta());
      attempt += 1;
      resent ||= unknown;
      const at = now();
      firstSentAt ??= at;
      await journal?.append({ t: 'sending', batch: index, attempt, rows: rows.length, at });
      ctx.emit({ kind: 'batch-sending', batchIndex: index, rows: rows.length, attempt });
      const sentAt = ctx.clock.now();
      const body = {
        match_criteria: options.matchCriteria,
        profiles: rows.map((row) => row.profile),
        ...(options.importJobId ? { import_job_id: options.importJobId } : {}),
      };
      const client = ctx.client();
      const outcome = await client.postBatch(body, ctx.abortSignal);
      const failedAttempt = (reason: string, unknownOutcome: boolean) =>
        journal?.append({ t: 'attempt-failed', batch: index, reason, unknownOutcome, at: now() });
      switch (outcome.kind) {
        case 'accepted': {
          await journal?.append({ t: 'accepted', batch: index, batchId: outcome.batchId, at: now() });
          ctx.requestSucceeded();
          ctx.emit({
            kind: 'batch-accepted',
            batchIndex: index,
            batchId: outcome.batchId,
            rows: rows.length,
          });
          ctx.ledger.acknowledged(rows.length);
          release();
          if (options.wait) return await followBatch(ctx, index, outcome.batchId, rows, meta());
          ctx.ledger.recordRows(rows, index, outcome.batchId, 'accepted', () => null);
          return ctx.ledger.batchDone(index, outcome.batchId, 'accepted', rows.length, meta(), null);
        }
        case 'invalid': {
          const rejected = rowsRejectedBy(outcome.errors, rows);
          if (rejected.rows.size === 0) {
            const error = [outcome.message, ...rejected.batchErrors].join(' ');
            await journal?.append({ t: 'failed', batch: index, error, at: now() });
            return ctx.ledger.failBatch(index, rows, error, meta());
          }
          const named = [...rejected.rows].map(([line, message]) => ({ line, message }));
          await journal?.append({ t: 'rows-rejected', batch: index, rows: named, at: now() });
          ctx.emit({ kind: 'batch-rejected-rows', batchIndex: index, rows: named });
          const bad = rows.filter((row) => rejected.rows.has(row.line));
          ctx.ledger.recordRows(bad, index, null, 'invalid', (row) => rejected.rows.get(row.line) ?? null);
          rows = rows.filter((row) => !rejected.rows.has(row.line));
          unknown = false;
          if (rows.length === 0) {
            return ctx.ledger.batchDone(index, null, 'rejected', 0, meta(), 'Omneo rejected every row.');
          }
          continue;
        }
        case 'rate-limited': {
          await failedAttempt('rate-limited', false);
          ctx.rateLimited(sentAt);
          const decision = decideRetry(outcome, tally, ctx.retryPolicy, ctx.random);
          if (decision.kind === 'give-up') {
            const error = decision.message;
            await journal?.append({ t: 'failed', batch: index, error, at: now() });
            return ctx.ledger.failBatch(index, rows, error, meta());
          }
          tally = decision.tally;
          const delayMs = decision.delayMs;
          ctx.emit({
            kind: 'batch-retry-scheduled',
            batchIndex: index,
            reason: 'rate-limited',
            attempt,
            delayMs,
            unknownOutcome: false,
          });
          await ctx.clock.sleep(delayMs, ctx.signal);
          unknown = false;
          continue;
        }
        case 'unauthorised':
          await failedAttempt('unauthorised', false);
          ctx.pauseForCredentials(
            `Omneo refused the API token (HTTP ${outcome.status}: ${outcome.message}).`,
            client,
          );
          unknown = false;
          continue;
        case 'server-error':
        case 'network-error':
        case 'timeout': {
          const unknownOutcome = outcome.kind !== 'server-error' && outcome.unknownOutcome;
          const decision = decideRetry(outcome, tally, ctx.retryPolicy, ctx.random);
          if (decision.kind === 'give-up') {
            const error = decision.message;
            await journal?.append({ t: 'failed', batch: index, error, at: now() });
            return ctx.ledger.failBatch(index, rows, error, meta());
          }
          tally = decision.tally;
          await failedAttempt(outcome.kind, unknownOutcome);
          const delayMs = decision.delayMs;
          ctx.emit({
            kind: 'batch-retry-scheduled',
            batchIndex: index,
            reason: outcome.kind,
            attempt,
            delayMs,
            unknownOutcome,
          });
          await ctx.clock.sleep(delayMs, ctx.signal);
          unknown = unknownOutcome;
          continue;
        }
        case 'aborted':
          await failedAttempt('cancelled', outcome.unknownOutcome);
          return ctx.ledger.unsent(
            index,
            rows,
            outcome.unknownOutcome
              ? 'Cancelled while sending: the batch may have reached Omneo; resume the job to make sure.'
              : ctx.stopMessage(),
            meta(),
          );
        case 'unexpected':
          await journal?.append({ t: 'failed', batch: index, error: outcome.message, at: now() });
          return ctx.ledger.failBatch(index, rows, outcome.message, meta());
      }
    }
  } finally {
    release();
  }
}
