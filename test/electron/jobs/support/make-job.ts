/**
 * Makes a job through the job core for tests: a spec with sensible defaults, the given batches
 * (and a `valid` checked row for each of their rows), opened for sending.
 */
import path from 'node:path';
import type { PlannedBatch } from '../../../../shared/engine/check-result';
import { defaultCheckOptions } from '../../../../shared/engine/check-options';
import type { JobSpecInput } from '../../../../electron/jobs/job-spec';
import { beginJob, commitJob } from '../../../../electron/jobs/job-store';
import type { OpenJob } from '../../../../electron/jobs/run-job';

/** What a test job needs; everything else defaults. */
export interface TestJob {
  readonly journalDir: string;
  readonly filePath: string;
  readonly baseUrl?: string;
  readonly batches?: readonly PlannedBatch[];
  readonly spec?: Partial<JobSpecInput>;
}

/** Makes and opens the job (holding its locks: close its journal and sender lock when done). */
export async function makeJob(test: TestJob): Promise<OpenJob> {
  const baseUrl = test.baseUrl ?? 'http://127.0.0.1:1/api/v3';
  const batches = test.batches ?? [];
  const begun = await beginJob(test.journalDir, test.filePath, baseUrl);
  let valid = 0;
  for (const batch of batches) {
    for (const row of batch.rows) {
      begun.draft.addRow({
        line: row.line,
        status: 'valid',
        batch: batch.index,
        error: null,
        matchKey: row.matchKey,
      });
      valid += 1;
    }
    begun.draft.addBatch(batch);
  }
  return commitJob(begun, {
    startedBy: 'cli',
    file: { path: test.filePath, name: path.basename(test.filePath), size: 1, sha256: 'c'.repeat(64) },
    read: {},
    header: ['email'],
    mapping: [{ column: 0, header: 'email', target: 'email' }],
    options: defaultCheckOptions,
    changes: { edits: [], skips: [] },
    repeatedPhones: 'keep',
    connection: { baseUrl, id: null, name: baseUrl },
    importJobId: null,
    wait: true,
    retryOf: null,
    check: { rows: valid, valid, invalid: 0, blank: 0, duplicate: 0, skipped: 0, batches: batches.length },
    ...test.spec,
  });
}

/** Closes a job made by {@link makeJob} without running it. */
export async function closeJob(job: OpenJob): Promise<void> {
  await job.journal.close();
  await job.senderLock.release();
}
