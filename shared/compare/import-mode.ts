/**
 * Import modes and what a compare means for sending: which rows go, which are skipped and why,
 * and the counts the confirmation states ("9,610 new profiles, 264 updates, 12 conflicts not sent").
 */
import type { CompareAnswer } from './compare-row';

/** `create`: only new profiles; `update`: only existing ones; `both`: whatever the match finds. */
export const importModes = ['create', 'update', 'both'] as const;
export type ImportMode = (typeof importModes)[number];

/** Whether a compared row is sent under `mode`, and the reason when it is not. */
export type SendDecision = { readonly send: true } | { readonly send: false; readonly reason: string };

/**
 * The rule, once: a conflict is never sent; in create-only mode a row matching a profile is
 * skipped; in update-only mode a row matching nothing is skipped.
 */
export function sendDecision(answer: CompareAnswer, mode: ImportMode): SendDecision {
  if (answer.action === 'conflict') {
    return { send: false, reason: `conflict: ${answer.conflicts.map((c) => c.message).join('; ')}` };
  }
  if (mode === 'create' && answer.action === 'update') {
    return {
      send: false,
      reason: `matches existing profile ${answer.profileId ?? '?'} (create only)`,
    };
  }
  if (mode === 'update' && answer.action === 'create') {
    return { send: false, reason: 'matches no existing profile (update only)' };
  }
  return { send: true };
}

/** How many compared rows would create, update, conflict, and be skipped by the mode. */
export interface CompareCounts {
  readonly rows: number;
  readonly create: number;
  readonly update: number;
  /**
   * Updates the mode sends that would change no field (a part of `update`; none under create-only,
   * where every match is skipped — so a summary never says "1 of the updates change nothing" beside
   * "0 updates").
   */
  readonly unchanged: number;
  readonly conflict: number;
  /** Rows the mode skips (creates under update-only, updates under create-only). */
  readonly skippedByMode: number;
  /** Rows with at least one unknown-reference warning. */
  readonly withWarnings: number;
}

/** Count compared rows under `mode`. */
export function countCompare(answers: Iterable<CompareAnswer>, mode: ImportMode): CompareCounts {
  const counts = {
    rows: 0,
    create: 0,
    update: 0,
    unchanged: 0,
    conflict: 0,
    skippedByMode: 0,
    withWarnings: 0,
  };
  for (const answer of answers) {
    counts.rows += 1;
    counts[answer.action] += 1;
    if (answer.warnings.length > 0) counts.withWarnings += 1;
    const decision = sendDecision(answer, mode);
    if (!decision.send && answer.action !== 'conflict') counts.skippedByMode += 1;
    if (decision.send && answer.action === 'update' && answer.changes.length === 0) counts.unchanged += 1;
  }
  return counts;
}

/**
 * One line for the confirmation and the CLI, e.g. "9,610 new profiles, 264 updates, 12 conflicts
 * not sent" (plus "N skipped (create only)" when the mode skips rows).
 */
export function formatCompareCounts(counts: CompareCounts, mode: ImportMode): string {
  const n = (value: number): string => value.toLocaleString('en-US');
  const plural = (value: number, one: string, many: string): string =>
    `${n(value)} ${value === 1 ? one : many}`;
  const created = mode === 'update' ? 0 : counts.create;
  const updated = mode === 'create' ? 0 : counts.update;
  const parts = [
    plural(created, 'new profile', 'new profiles'),
    plural(updated, 'update', 'updates'),
    `${plural(counts.conflict, 'conflict', 'conflicts')} not sent`,
  ];
  if (counts.skippedByMode > 0) {
    parts.push(`${n(counts.skippedByMode)} skipped (${mode === 'create' ? 'create only' : 'update only'})`);
  }
  return parts.join(', ');
}
