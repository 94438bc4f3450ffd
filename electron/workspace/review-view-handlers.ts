/**
 * Handlers for searching, sorting and changing many review rows: `rows:query`, `rows:locate` and
 * `rows:bulk` (see review-view.ts and bulk-changes.ts).
 */
import type { AppContext } from '../app/app-services';
import type { Handlers } from '../app/handler-registry';
import type { AppCompare } from './app-compare';
import { applyBulk } from './bulk-changes';
import type { FileWorkspace } from './file-workspace';
import { guarded, unlocked } from './workspace-errors';
import { locateLine, viewPage, type RowView } from './review-view';
import type { WorkspaceStore } from './workspace-store';

/** The handlers over the app's workspaces; a view by compare answer reads the file's compare. */
export function createReviewViewHandlers(
  _app: AppContext,
  store: WorkspaceStore,
  compare: AppCompare | null = null,
): Handlers {
  /** The view with its compare action resolved to lines (none when there is no current compare). */
  const resolve = (
    workspace: FileWorkspace,
    { compare: action, ...view }: Omit<RowView, 'compare'> & { compare?: 'create' | 'update' | 'conflict' },
  ): RowView => {
    if (action === undefined) return view;
    return {
      ...view,
      compare: { action, version: 0, lines: new Set(), ...compare?.linesOf(workspace, action) },
    };
  };
  return {
    'rows:query': ({ fileId, offset, limit, ...view }) =>
      guarded(async () => {
        const workspace = await store.get(fileId);
        return viewPage(workspace, resolve(workspace, view), offset, limit);
      }),

    'rows:locate': ({ fileId, line, ...rest }) =>
      guarded(async () => {
        const workspace = await store.get(fileId);
        const view = resolve(workspace, rest);
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
