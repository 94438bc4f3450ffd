/**
 * What a job records so it can be undone, and what undo would do with it.
 *
 * Before sending, a job that ran a compare writes `undo-plan.json` in its folder (private, 0600,
 * fsynced): the mode, the rows the compare kept from sending and why, and for every row that will
 * update an existing profile that profile's values of the fields the import touches (from the
 * compare's look-up). After sending, the journal's `settled` entries hold each row's outcome and
 * profile id (the batch items' `entity_id`) and when the batch was seen settled — the import's
 * write time that undo compares a profile's `updated_at` with.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CompareAnswer, ProfileBefore } from '../../shared/compare/compare-row';
import { sendDecision, type ImportMode } from '../../shared/compare/import-mode';
import { writePrivateFile } from '../files/private-files';
import { readJournalEntries } from '../jobs/journal';

/** The file's name in the job folder. */
export const undoPlanFileName = 'undo-plan.json';

/** What a job recorded before sending. */
export interface UndoPlan {
  readonly version: 1;
  readonly mode: ImportMode;
  readonly match: string;
  readonly comparedAt: string;
  /** Rows not sent because of the compare (conflicts, or skipped by the mode), with the reason. */
  readonly skips: readonly { readonly line: number; readonly reason: string }[];
  /** Rows that will update an existing profile, with its values before the import. */
  readonly updates: readonly {
    readonly line: number;
    readonly profileId: string;
    readonly before: ProfileBefore;
  }[];
}

/** The plan for `answers` under `mode`. */
export function undoPlanOf(answers: readonly CompareAnswer[], mode: ImportMode, match: string): UndoPlan {
  const skips: { line: number; reason: string }[] = [];
  const updates: UndoPlan['updates'][number][] = [];
  for (const answer of answers) {
    const decision = sendDecision(answer, mode);
    if (!decision.send) skips.push({ line: answer.line, reason: decision.reason });
    else if (answer.action === 'update' && answer.profileId && answer.before) {
      updates.push({ line: answer.line, profileId: answer.profileId, before: answer.before });
    }
  }
  return { version: 1, mode, match, comparedAt: new Date().toISOString(), skips, updates };
}

/** Write the plan into the job folder, durably and privately. */
export async function writeUndoPlan(jobDir: string, plan: UndoPlan): Promise<void> {
  await writePrivateFile(path.join(jobDir, undoPlanFileName), `${JSON.stringify(plan)}\n`, { durable: true });
}

/** The job's plan, or null when it recorded none (a job run without compare). */
export async function readUndoPlan(jobDir: string): Promise<UndoPlan | null> {
  try {
    return JSON.parse(await fs.readFile(path.join(jobDir, undoPlanFileName), 'utf8')) as UndoPlan;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`${path.join(jobDir, undoPlanFileName)} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** One profile undo would act on. `writtenAt` is when the import's batch was seen settled. */
export type UndoTarget =
  | { readonly kind: 'delete'; readonly profileId: string; readonly line: number; readonly writtenAt: string }
  | {
      readonly kind: 'restore';
      readonly profileId: string;
      readonly line: number;
      readonly writtenAt: string;
      readonly fields: Readonly<Record<string, unknown>>;
    }
  /** A profile the import touched that undo cannot take back (nothing was recorded for it). */
  | {
      readonly kind: 'keep';
      readonly profileId: string | null;
      readonly line: number;
      readonly reason: string;
    };

/** Whether a job can be undone, and if so the profiles to delete and restore. */
export type Undoable =
  | { readonly kind: 'undoable'; readonly targets: readonly UndoTarget[] }
  | { readonly kind: 'not-undoable'; readonly reason: string };

/**
 * What undo would act on for a job: the profiles its rows created (delete) and the ones they
 * updated (restore to the recorded values). Not undoable when the job ran without a compare, or
 * Omneo did not say which profiles it created.
 */
export async function undoTargets(journalDir: string, jobId: string): Promise<Undoable> {
  const plan = await readUndoPlan(path.join(journalDir, jobId));
  if (!plan) {
    return {
      kind: 'not-undoable',
      reason: `job ${jobId} did not record what undo needs (it ran without a compare); only jobs run with --compare or --mode can be undone`,
    };
  }
  const before = new Map(plan.updates.map((u) => [u.line, u]));
  const targets: UndoTarget[] = [];
  const entries = await readJournalEntries(journalDir, jobId);
  const settled = new Set(entries.flatMap((e) => (e.t === 'settled' ? [e.batch] : [])));
  if (entries.some((e) => e.t === 'accepted' && !settled.has(e.batch))) {
    return {
      kind: 'not-undoable',
      reason: `job ${jobId} has batches Omneo accepted whose outcome it never read (--no-wait, or resume it first), so it does not know every profile it created`,
    };
  }
  // A batch sent again after an unknown outcome may report "updated" for a profile its own first
  // send created: those rows, found by no compare, are deleted like the created ones.
  const sends = new Map<number, number>();
  for (const e of entries) if (e.t === 'sending') sends.set(e.batch, (sends.get(e.batch) ?? 0) + 1);
  for (const entry of entries) {
    if (entry.t !== 'settled') continue;
    const resent = (sends.get(entry.batch) ?? 0) > 1;
    for (const item of entry.items) {
      const recordedBefore = before.get(item.line);
      if (item.outcome === 'created' && recordedBefore) {
        // Told created after a lost answer, yet the compare found the profile before the import:
        // it existed, so it is restored, never deleted.
        targets.push({
          kind: 'restore',
          profileId: item.profileId ?? recordedBefore.profileId,
          line: item.line,
          writtenAt: entry.at,
          fields: recordedBefore.before.fields,
        });
      } else if (item.outcome === 'created') {
        if (!item.profileId) {
          const reason = 'Omneo did not say which profile this row created';
          targets.push({ kind: 'keep', profileId: null, line: item.line, reason });
          continue;
        }
        targets.push({ kind: 'delete', profileId: item.profileId, line: item.line, writtenAt: entry.at });
      } else if (item.outcome === 'updated') {
        const recorded = before.get(item.line);
        if (!recorded && resent && item.profileId) {
          targets.push({ kind: 'delete', profileId: item.profileId, line: item.line, writtenAt: entry.at });
          continue;
        }
        if (!recorded) {
          // The compare found no profile, yet Omneo updated one: it appeared in between.
          const reason = 'updated a profile the compare did not find, so no values were recorded';
          targets.push({ kind: 'keep', profileId: item.profileId ?? null, line: item.line, reason });
          continue;
        }
        targets.push({
          kind: 'restore',
          profileId: item.profileId ?? recorded.profileId,
          line: item.line,
          writtenAt: entry.at,
          fields: recorded.before.fields,
        });
      }
    }
  }
  return { kind: 'undoable', targets: targets.sort((a, b) => a.line - b.line) };
}
