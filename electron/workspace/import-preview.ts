/**
 * What an import would send, for the user to confirm before anything leaves ("9,874 profiles in
 * 20 batches to Sandbox; 126 skipped by you"), and the workspace's rows and batches in the shapes
 * the runner and the report writer read.
 */
import type { OperationOutput } from '../../shared/ipc/contract';
import type { PlannedBatch } from '../../shared/engine/check-result';
import type { SourceRow } from '../../shared/source/source-table';
import type { FileWorkspace } from './file-workspace';
import { describeLeftOut, type LeftOutCounts } from '../../shared/engine/left-out';
import { checkBlocker } from './issue-hints';

export type Preview = OperationOutput<'import:preview'>;
type Confirmation = Extract<Preview, { kind: 'needs-confirmation' }>['confirmation'];

/** Numbers as people read them: 9,874. */
export const number = new Intl.NumberFormat('en');

/**
 * The confirmation for importing the workspace's checked rows, or why nothing can be sent.
 * `connectionName` is asked only when there is something to send (it throws for an unknown one).
 */
export function previewImport(workspace: FileWorkspace, connectionName: () => string): Preview {
  const check = workspace.check;
  if (!check) return { kind: 'not-checked', message: 'Check the file before importing it.' };
  if (!workspace.checkComplete)
    return { kind: 'not-checked', message: 'The check is still running; import once every row is checked.' };
  const summary = workspace.summary();
  const blocker = checkBlocker(summary, check.ambiguousDateColumns, workspace.info.name);
  if (blocker) return { kind: 'nothing-to-send', message: blocker };
  const name = connectionName();
  const notSent = summary.invalid + summary.duplicate + summary.blank;
  // Rows Omneo is known to refuse (a repeated mobile phone kept) are sent but not "ready".
  const ready = summary.valid - summary.refused;
  const parts = [
    `${number.format(ready)} ${ready === 1 ? 'profile' : 'profiles'}${summary.refused > 0 ? ` ready to send and ${number.format(summary.refused)} Omneo will refuse,` : ''} in ${number.format(summary.batches)} ${summary.batches === 1 ? 'batch' : 'batches'} to ${name}`,
    ...(summary.skipped > 0 ? [`${number.format(summary.skipped)} skipped by you`] : []),
    ...(notSent > 0 ? [`${number.format(notSent)} not sent (invalid, duplicate or blank)`] : []),
  ];
  const confirmation: Confirmation = {
    refusals: refusalsOf(workspace),
    profiles: summary.valid,
    batches: summary.batches,
    connectionName: name,
    skipped: summary.skipped,
    notSent,
    message: `${parts.join('; ')}.`,
    leftOut: leftOutSentence(check.state.leftOut()),
  };
  return { kind: 'needs-confirmation', confirmation };
}

/**
 * Warnings of the check that Omneo will turn into refusals, with the rows each concerns: a
 * `mobile_phone` repeated from an earlier sent row (Omneo keeps mobile_phone unique — omneo-api.md),
 * unless the user chose to leave it out of those rows.
 */
function refusalsOf(workspace: FileWorkspace): Confirmation['refusals'] {
  if (workspace.repeatedPhones === 'leave-out') return [];
  // The sent rows that keep a repeated phone (the engine's count), not every row with the warning.
  const rows = workspace.check?.state.summary.refused ?? 0;
  if (rows === 0) return [];
  const them = rows === 1 ? 'it' : 'them';
  return [
    {
      code: 'mobile-phone-repeated',
      rows,
      message: `${number.format(rows)} ${rows === 1 ? 'row repeats' : 'rows repeat'} a mobile phone of an earlier row — Omneo keeps mobile_phone unique and will refuse ${them}. Choose "Leave out repeated mobile phones" in Options to send ${them} without the phone.`,
    },
  ];
}

/** Planned batches as the async stream the runner reads. */
export async function* inOrder(batches: readonly PlannedBatch[]): AsyncGenerator<PlannedBatch> {
  yield* batches;
}

/** The workspace's rows as sent (edits applied), in chunks, for errors.csv. */
export async function* rowsOf(workspace: FileWorkspace): AsyncGenerator<readonly SourceRow[]> {
  for (let start = 0; start < workspace.rows.size; start += 2_000) {
    const chunk: SourceRow[] = [];
    for (let i = start; i < Math.min(workspace.rows.size, start + 2_000); i += 1) {
      chunk.push({ line: workspace.rows.line(i), cells: workspace.cells(i) });
    }
    yield chunk;
  }
}

/** The confirmation's line on values left out, or null when none are. */
function leftOutSentence(counts: LeftOutCounts): string | null {
  const said = describeLeftOut(counts);
  return said && `${said} — each named in the left_out column of results.csv.`;
}
