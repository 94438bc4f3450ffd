/**
 * Handlers for `import:*`, `jobs:*` and `report:export`, over the app's {@link AppJobs}.
 */
import type { AppContext } from '../app/app-services';
import { OperationFailure, type Handlers } from '../app/handler-registry';
import type { AppJobs } from './app-jobs';
import { jobReport, problemsReport } from './report-export';
import { guarded } from './workspace-errors';
import type { WorkspaceStore } from './workspace-store';

/** The import, job and report handlers. */
export function createImportHandlers(app: AppContext, store: WorkspaceStore, jobs: AppJobs): Handlers {
  return {
    'import:preview': ({ fileId, connectionId }) => jobs.preview(fileId, connectionId),
    'import:start': ({ fileId, connectionId, importJobId }) => jobs.start(fileId, connectionId, importJobId),
    'import:pause': ({ jobId }) => ({ job: jobs.pause(jobId) }),
    'import:resume': async ({ jobId }) => {
      if (!jobs.isActive(jobId))
        throw new OperationFailure('not-found', `Job ${jobId} is not running; resume it from the history.`);
      return { job: await jobs.resume(jobId) };
    },
    'import:cancel': async ({ jobId }) => ({ job: await jobs.cancel(jobId) }),
    'jobs:list': async () => ({ jobs: await jobs.list() }),
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
