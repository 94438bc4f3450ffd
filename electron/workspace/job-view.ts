/**
 * The app's view of a job over the contract: a history summary as the contract's job, and job-core
 * refusals as the contract's failures. Kept apart from ./app-jobs.ts, which drives the jobs.
 */
import type { OperationOutput } from '../../shared/ipc/contract';
import { OperationFailure } from '../app/handler-registry';
import { JobDiskError, type JobSummary } from '../jobs/job-folder';
import { JournalError } from '../jobs/journal';

/** A job as the contract shows it. */
export type Job = OperationOutput<'jobs:list'>['jobs'][number];

/** A job of the history as the contract shows it. */
export function jobOfSummary(summary: JobSummary, fileId: string | null = null): Job {
  return {
    id: summary.jobId,
    fileName: summary.fileName,
    connectionName: summary.connectionName,
    state: summary.state,
    startedAt: summary.startedAt,
    finishedAt: summary.finishedAt,
    counts: summary.counts,
    batches: summary.batches,
    resumable: summary.resumable,
    fileId,
    message: summary.message,
    ...(summary.leftOut && { leftOut: summary.leftOut }),
  };
}

/** Runs a job-core call, turning its refusals into the contract's failures. */
export async function core<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof JournalError)
      throw new OperationFailure(error.reason === 'not-found' ? 'not-found' : 'conflict', error.message);
    if (error instanceof JobDiskError) throw new OperationFailure('conflict', error.message);
    throw error;
  }
}
