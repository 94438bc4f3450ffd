/**
 * Writes the rows and batches the user reviewed into a new job's snapshot, exactly: the file is
 * not read again to send.
 */
import type { JobDraft } from '../jobs/job-snapshot';
import type { FileWorkspace } from './file-workspace';

/** Rows of a job's snapshot written between two waits for the disk. */
const rowsPerWrite = 5_000;

/**
 * Adds every row's verdict and every batch of the workspace's complete check to `draft`, waiting
 * for the disk every {@link rowsPerWrite} rows so a 10,000,000-row file is never held as text.
 * The workspace is locked for `jobId` first (edits and skips wait), so what is written is one
 * state of the review; the caller unlocks it if the job is not started. Throws `CheckRunningError`
 * before a complete check and the draft's disk errors.
 */
export async function writeSnapshot(workspace: FileWorkspace, draft: JobDraft): Promise<void> {
  workspace.lockedBy = draft.jobId;
  let written = 0;
  for (const { row, batch } of workspace.snapshot()) {
    draft.addRow(row);
    if (batch) draft.addBatch(batch);
    if (++written % rowsPerWrite === 0) await draft.written();
  }
}
