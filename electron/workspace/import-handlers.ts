/**
 * Handlers for `import:*`, `jobs:*` and `report:export`, over the app's {@link AppJobs}.
 */
import type { AppContext } from '../app/app-services';
import { OperationFailure, type Handlers } from '../app/handler-registry';
import { previewWithCompare, type AppCompare } from './app-compare';
import type { AppJobs } from './app-jobs';
import { withUndoState } from './app-undo';
import { jobReport, problemsReport } from './report-export';
import { guarded } from './workspace-errors';
import type { WorkspaceStore } from './workspace-store';

/** The import, job and report handlers; an import by a mode sends by the file's compare. */
export function createImportHandlers(
  app: AppContext,
  store: WorkspaceStore,
  jobs: AppJobs,
  compare: AppCompare,
): Handlers {
  return {
    'import:preview': async ({ fileId, connectionId, mode }) => {
      const preview = await jobs.preview(fileId, connectionId);
      if (!mode || preview.kind !== 'needs-confirmation') return preview;
      const workspace = await store.get(fileId);
      const { confirmation } = compare.answersFor(workspace, connectionId, mode);
      return previewWithCompare(preview, confirmation, workspace.check?.options.batchSize ?? 500);
    },
    'import:start': async ({ fileId, connectionId, importJobId, mode }) => {
      if (!mode) return jobs.start(fileId, connectionId, importJobId);
      const workspace = await store.get(fileId);
      const { answers, confirmation } = compare.answersFor(workspace, connectionId, mode);
      const started = await jobs.start(fileId, connectionId, importJobId, { mode, answers });
      if (started.kind !== 'started') return started;
      const shown = previewWithCompare(
        { kind: 'needs-confirmation', confirmation: started.confirmation },
        confirmation,
        workspace.check?.options.batchSize ?? 500,
      );
      return shown.kind === 'needs-confirmation' ? { ...started, confirmation: shown.confirmation } : started;
    },
    'import:pause': ({ jobId }) => ({ job: jobs.pause(jobId) }),
    'import:resume': async ({ jobId }) => {
      if (!jobs.isActive(jobId))
        throw new OperationFailure('not-found', `Job ${jobId} is not running; resume it from the history.`);
      return { job: await jobs.resume(jobId) };
    },
    'import:cancel': async ({ jobId }) => ({ job: await jobs.cancel(jobId) }),
    'jobs:list': async () => ({ jobs: await withUndoState(await jobs.list(), jobs.journalDir) }),
    'jobs:resume': async ({ jobId }) => ({ job: await jobs.resume(jobId) }),
    'jobs:failed-rows': ({ jobId, offset, limit }) => jobs.failedRows(jobId, offset, limit),
    'jobs:live': ({ jobId }) => jobs.live(jobId),
    'import:retry-failed': ({ jobId, confirmed }) => jobs.retryFailed(jobId, confirmed),
    'report:export': async (input) => {
      const report =
        input.of === 'job'
          ? await jobReport(jobs.journalDir, input.jobId, input.report)
          : await guarded(async () =>
              problemsReport(await store.get(input.fileId), input.report === 'preview'),
            );
      return app.deps.saveReport(report.name, report.content, report.rows);
    },
  };
}
