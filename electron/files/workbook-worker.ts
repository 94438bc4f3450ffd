/**
 * Worker thread that reads one workbook for the host (see `workbook-isolation.ts`): opens it, or
 * streams its data rows one chunk per request, and answers with plain messages. A fault in the
 * file (or running out of the worker's memory) ends this thread, never the host's.
 *
 * Bundled to `dist/workbook-worker.mjs` and `dist/electron/workbook-worker.cjs`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FileErrorException } from '../../shared/source/source-table';
import type { WorkbookAnswer, WorkbookTask } from './workbook-isolation';
import { encodeRows, openWorkbookPlan, workbookRows } from './workbook-reader';

const task = workerData as WorkbookTask;
const port = parentPort;
/** Resolves when the host asks for the next chunk of rows. */
let asked: (() => void) | null = null;

function answer(message: WorkbookAnswer): void {
  port?.postMessage(message);
}

async function run(): Promise<void> {
  if (task.job.kind === 'open') {
    answer({ kind: 'opened', opened: await openWorkbookPlan(task.file, task.job.options) });
    return;
  }
  for await (const rows of workbookRows(task.file, task.job.plan, task.job.chunkRows)) {
    const next = new Promise<void>((resolve) => (asked = resolve));
    answer({ kind: 'rows', json: encodeRows(rows) });
    await next;
  }
  answer({ kind: 'done' });
}

if (port !== null) {
  port.on('message', () => asked?.());
  run().catch((error: unknown) => {
    if (error instanceof FileErrorException) answer({ kind: 'file-error', error: error.fileError });
    else answer({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  });
}
