/**
 * Undo an import: delete the profiles it created, restore the ones it updated to their recorded
 * values (`PUT /profiles/{id}`), and keep — listing them "kept — changed since" — profiles someone
 * changed after the import (`updated_at` later than the import's write).
 *
 * Two steps, so the confirmation can state exact counts: {@link planUndo} reads each profile
 * (`GET /profiles/{id}`) and decides; {@link executeUndo} acts, paced and retried like sending.
 * Resumable after any interruption, SIGKILL included: `undo-progress.jsonl` (private) records
 * `start` before each change and `done` after it; a profile with `done` is never touched again, and
 * one with only `start` is read again — gone means deleted, its recorded values mean restored.
 * The job's lock is held throughout, so an undo never runs beside a send of the same job.
 */
import path from 'node:path';
import type { Clock } from '../../shared/runner/clock';
import type { OmneoClient } from '../omneo/api-client';
import { failureMessage, type ApiOutcome } from '../omneo/api-outcome';
import { acquireJobLock } from '../jobs/job-lock';
import { createRequestPool, type RequestPool } from '../compare/request-pool';
import { readUndoProgress, UndoProgressWriter, type UndoResult } from './undo-progress';
import { undoTargets, type UndoTarget } from './undo-record';

/** What undo decided for one profile. */
export interface UndoDecision {
  readonly target: UndoTarget;
  /** `delete`/`restore`: to do; `kept`: changed since (or not recorded); `gone`/`done`: nothing left to do. */
  readonly action: 'delete' | 'restore' | 'kept' | 'gone' | 'done';
  /** Why a profile is kept, or what was done earlier. */
  readonly reason: string | null;
}

/** Counts for the confirmation: "delete N, restore M, keep K". */
export interface UndoCounts {
  readonly delete: number;
  readonly restore: number;
  readonly keep: number;
  /** Already deleted by someone (or by an earlier undo run). */
  readonly gone: number;
  /** Done by an earlier, interrupted undo run. */
  readonly done: number;
}

/** A planned undo: the decisions and their counts, with the job's lock held until `close()`. */
export interface PlannedUndo {
  readonly decisions: readonly UndoDecision[];
  readonly counts: UndoCounts;
  close(): Promise<void>;
}

/** How to reach Omneo and how politely. */
export interface UndoOptions {
  readonly client: OmneoClient;
  readonly journalDir: string;
  readonly jobId: string;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
  /** Spaces retries (default: the real clock); tests pass a fake one. */
  readonly clock?: Clock;
}

/** Why undo cannot start: the job recorded too little, or a look-up failed. */
export class UndoError extends Error {}

/** Read every profile and decide. Throws {@link UndoError}, or `JobLockedError` when the job is busy. */
export async function planUndo(options: UndoOptions): Promise<PlannedUndo> {
  const undoable = await undoTargets(options.journalDir, options.jobId);
  if (undoable.kind === 'not-undoable') throw new UndoError(undoable.reason);
  const jobDir = path.join(options.journalDir, options.jobId);
  const lock = await acquireJobLock(jobDir, options.jobId);
  try {
    const progress = await readUndoProgress(jobDir);
    const pool = poolFor(options);
    const decisions = new Map<UndoTarget, UndoDecision>();
    let read = 0;
    await pool.each(undoable.targets, async (target) => {
      decisions.set(target, await decide(target, progress.get(target.profileId ?? ''), options.client, pool));
      options.onProgress?.(++read, undoable.targets.length);
    });
    if (options.signal?.aborted)
      throw new UndoError('interrupted while reading the profiles; nothing was changed');
    const list = undoable.targets.map((t) => decisions.get(t) as UndoDecision);
    const count = (action: UndoDecision['action']) => list.filter((d) => d.action === action).length;
    return {
      decisions: list,
      counts: {
        delete: count('delete'),
        restore: count('restore'),
        keep: count('kept'),
        gone: count('gone'),
        done: count('done'),
      },
      close: () => lock.release(),
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** What happened to each profile, in line order. `complete` is false when interrupted. */
export interface UndoReport {
  readonly complete: boolean;
  readonly results: readonly { readonly decision: UndoDecision; readonly result: UndoResult | null }[];
}

/** Carry out a planned undo, then release the job's lock. */
export async function executeUndo(options: UndoOptions, planned: PlannedUndo): Promise<UndoReport> {
  const jobDir = path.join(options.journalDir, options.jobId);
  const writer = new UndoProgressWriter(jobDir);
  const pool = poolFor(options);
  const results = new Map<UndoDecision, UndoResult>();
  const work = planned.decisions.filter((d) => d.action === 'delete' || d.action === 'restore');
  let done = 0;
  try {
    await pool.each(work, async (decision) => {
      const id = decision.target.profileId as string;
      await writer.append({ t: 'start', profileId: id, action: decision.action as 'delete' | 'restore' });
      const outcome: ApiOutcome<unknown> =
        decision.target.kind === 'restore'
          ? await pool.call(
              (signal) =>
                options.client.updateProfile(
                  id,
                  (decision.target as { fields: Record<string, unknown> }).fields,
                  signal,
                ) as Promise<ApiOutcome<unknown>>,
            )
          : await pool.call((signal) => options.client.deleteProfile(id, signal));
      const result: UndoResult =
        outcome.kind === 'ok'
          ? decision.action === 'delete'
            ? 'deleted'
            : 'restored'
          : { failed: failureMessage(outcome) };
      if (outcome.kind === 'aborted') return;
      await writer.append({ t: 'done', profileId: id, result });
      results.set(decision, result);
      options.onProgress?.(++done, work.length);
    });
  } finally {
    await writer.close();
    await planned.close();
  }
  return {
    complete: !options.signal?.aborted && results.size === work.length,
    results: planned.decisions.map((decision) => ({ decision, result: results.get(decision) ?? null })),
  };
}

function poolFor(options: UndoOptions): RequestPool {
  return createRequestPool({
    concurrency: options.concurrency ?? 4,
    signal: options.signal,
    clock: options.clock,
  });
}

async function decide(
  target: UndoTarget,
  earlier: { started: boolean; result: UndoResult | null } | undefined,
  client: OmneoClient,
  pool: RequestPool,
): Promise<UndoDecision> {
  if (target.kind === 'keep') return { target, action: 'kept', reason: target.reason };
  if (earlier?.result)
    return { target, action: 'done', reason: `done earlier: ${describeResult(earlier.result)}` };
  const answer = await pool.call((signal) => client.getProfile(target.profileId, signal));
  if (answer.kind !== 'ok') {
    throw new UndoError(`could not read profile ${target.profileId}: ${failureMessage(answer)}`);
  }
  const profile = answer.value;
  if (!profile) return { target, action: earlier?.started ? 'done' : 'gone', reason: 'no longer in Omneo' };
  if (target.kind === 'restore' && earlier?.started && hasValues(profile, target.fields)) {
    return { target, action: 'done', reason: 'restored by an interrupted undo' };
  }
  const changedAt = Date.parse(profile.updated_at ?? '');
  if (Number.isFinite(changedAt) && changedAt > Date.parse(target.writtenAt)) {
    return { target, action: 'kept', reason: `changed since (updated_at ${profile.updated_at})` };
  }
  return { target, action: target.kind, reason: null };
}

/** Whether `profile` holds exactly `fields` (null = absent). */
function hasValues(profile: Record<string, unknown>, fields: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(fields).every(
    ([field, value]) => JSON.stringify(profile[field] ?? null) === JSON.stringify(value ?? null),
  );
}

/** `deleted`, `restored` or `failed: …`. */
export function describeResult(result: UndoResult): string {
  return typeof result === 'string' ? result : `failed: ${result.failed}`;
}
