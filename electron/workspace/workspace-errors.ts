/**
 * The workspace's own errors, and the guards the handlers put around their work: `guarded` turns
 * these errors into typed operation errors, `unlocked` refuses changes while a job sends the file.
 */
import { OperationFailure } from '../app/handler-registry';
import type { FileWorkspace } from './file-workspace';

/** Thrown for a line or column the file does not have; the handlers turn it into `not-found`. */
export class NoSuchCellError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoSuchCellError';
  }
}

/** Thrown when an operation needs every row checked and the check is still running. */
export class CheckRunningError extends Error {
  constructor() {
    super('The check is still running; wait until every row is checked.');
    this.name = 'CheckRunningError';
  }
}

/** Thrown when an operation needs a check and the file has none (or the mapping changed since). */
export class NotCheckedError extends Error {
  constructor() {
    super('Check the file first: the mapping or options changed since the last check.');
    this.name = 'NotCheckedError';
  }
}

/** Turns the workspace's own errors into typed operation errors. */
export async function guarded<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof NoSuchCellError) throw new OperationFailure('not-found', error.message);
    if (error instanceof NotCheckedError || error instanceof CheckRunningError)
      throw new OperationFailure('conflict', error.message);
    throw error;
  }
}

/** The workspace, or a `conflict` failure while an import job is sending its rows. */
export function unlocked(workspace: FileWorkspace): FileWorkspace {
  if (workspace.lockedBy !== null) {
    throw new OperationFailure(
      'conflict',
      `Import job ${workspace.lockedBy} is sending this file; edits and skips wait until it ends.`,
    );
  }
  return workspace;
}
