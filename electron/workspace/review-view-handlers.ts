/**
 * Handlers for searching, sorting and changing many review rows: `rows:query`, `rows:locate` and
 * `rows:bulk` (see review-view.ts and bulk-changes.ts).
 */
import type { AppContext } from '../app/app-services';
import type { Handlers } from '../app/handler-registry';
import { applyBulk } from './bulk-changes';
import { guarded, unlocked } from './workspace-errors';
import { locateLine, viewPage } from './review-view';
import type { WorkspaceStore } from './workspace-store';

/** The handlers over the app's workspaces. */
export function createReviewViewHandlers(_app: AppContext, store: WorkspaceStore): Handlers {
  return {
    'rows:query': ({ fileId, offset, limit, ...view }) =>
      guarded(async () => viewPage(await store.get(fileId), view, offset, limit)),

    'rows:locate': ({ fileId, line, ...view }) =>
      guarded(async () => {
        const workspace = await store.get(fileId);
        let inFile = true;
        try {
          workspace.indexOf(line);
        } catch {
          inFile = false;
        }
        return { position: inFile ? locateLine(workspace, view, line) : null, inFile };
      }),

    'rows:bulk': ({ fileId, action }) =>
      guarded(async () => {
        const workspace = unlocked(await store.get(fileId));
        const changed = applyBulk(workspace, action);
        return { changed, summary: workspace.summary(), canUndo: workspace.canUndo };
      }),
  };
}
