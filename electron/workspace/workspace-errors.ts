/**
 * The workspace's own errors; the handlers turn them into typed operation errors (`guarded` in
 * review-handlers.ts).
 */

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
