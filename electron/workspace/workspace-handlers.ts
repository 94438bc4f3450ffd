/**
 * The workspace's handler module: mapping, checking, reviewing rows, importing, jobs and reports
 * over the app's open files. Plugged into the app by `defaultHandlerModules` (app-services.ts).
 */
import type { AppContext } from '../app/app-services';
import type { Handlers } from '../app/handler-registry';
import { createImportHandlers } from './import-handlers';
import { ImportJobs } from './import-jobs';
import { createMappingHandlers } from './mapping-handlers';
import { createReviewHandlers } from './review-handlers';
import { createWorkspaceStore } from './workspace-store';

/** Every workspace operation's handler, sharing one store of loaded files and one set of jobs. */
export function createWorkspaceHandlers(app: AppContext): Handlers {
  const store = createWorkspaceStore(app);
  const jobs = new ImportJobs(app, store);
  return {
    ...createMappingHandlers(app, store),
    ...createReviewHandlers(app, store),
    ...createImportHandlers(app, store, jobs),
  };
}
