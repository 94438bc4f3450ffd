/**
 * How a finished import is announced outside the page: the desktop app's OS notification and the
 * browser tab's title use the same words, so the user reads one sentence wherever they look.
 */

/** What the words need of a job (the contract's job, see import-schemas.ts). */
export interface FinishedImport {
  readonly fileName: string;
  readonly state: string;
  readonly counts: { readonly created: number; readonly updated: number; readonly failed: number };
}

/** "Import completed: customers.csv" — the notification's title and the tab title's start. */
export function finishedImportTitle(job: FinishedImport): string {
  return `Import ${job.state}: ${job.fileName}`;
}

/** "900 created, 80 updated, 20 failed" — the notification's body. */
export function finishedImportBody(job: FinishedImport): string {
  const { created, updated, failed } = job.counts;
  return `${created.toLocaleString('en')} created, ${updated.toLocaleString('en')} updated, ${failed.toLocaleString('en')} failed`;
}
