/**
 * The truth about rows of a batch that was sent again because the answer to an earlier send was
 * lost: that first send may have reached Omneo and created the profiles, so the re-send reports
 * them `updated` although this job created them. Each such row's profile is read
 * (`GET /profiles/{id}`, retried by the one retry policy) and its `created_at` compared with the
 * batch's first send: created since then (allowing {@link clockSkewAllowanceMs} between this
 * computer's clock and Omneo's) → recorded `created`, with a note saying how it was confirmed.
 *
 * So the reports and counts say what the job did, and undo deletes those profiles instead of
 * "restoring" them.
 */
import type { Clock } from '../../shared/runner/clock';
import type { OmneoClient } from '../omneo/api-client';
import { callWithRetry } from '../omneo/retrying-call';
import type { JournalItem } from './run-journal';

/**
 * How much earlier than the first send a profile's `created_at` may read and still count as made
 * by that send: the clocks of this computer and of Omneo may differ. A profile someone else
 * created within this minute before the send would be told as created by the job.
 */
export const clockSkewAllowanceMs = 60_000;

/** The note on a row confirmed created this way (results.csv `error` column, beside `created`). */
export const createdOnResendNote =
  'created by this job: the answer to its first send was lost; the re-send said updated, and the profile was created after the first send';

/** The note on a row whose profile could not be read to tell (it stays `updated`). */
export const unconfirmedOnResendNote =
  'updated, or created by this job: the answer to its first send was lost and the profile could not be read to tell';

/**
 * `items` with each `updated` row whose profile was created since `firstSentAt` (ISO time) turned
 * `created`. Reads at most 4 profiles at once. Never throws for Omneo's answers.
 */
export async function confirmCreatedOnResend(
  items: readonly JournalItem[],
  firstSentAt: string,
  client: OmneoClient,
  clock: Clock,
  signal?: AbortSignal,
): Promise<JournalItem[]> {
  const since = Date.parse(firstSentAt) - clockSkewAllowanceMs;
  const out = [...items];
  const todo = out.flatMap((item, at) => (item.outcome === 'updated' && item.profileId ? [at] : []));
  const worker = async (): Promise<void> => {
    for (let at = todo.shift(); at !== undefined; at = todo.shift()) {
      const item = out[at] as JournalItem;
      const answer = await callWithRetry((s) => client.getProfile(item.profileId as string, s), {
        clock,
        signal,
      });
      const createdAt = answer.kind === 'ok' ? Date.parse(answer.value?.created_at ?? '') : Number.NaN;
      if (Number.isNaN(createdAt)) out[at] = { ...item, error: unconfirmedOnResendNote };
      else if (createdAt >= since) out[at] = { ...item, outcome: 'created', error: createdOnResendNote };
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, todo.length) }, worker));
  return out;
}
