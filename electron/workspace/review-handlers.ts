/**
 * Handlers for checking and reviewing a file: `check:run` (whole file, with `check:progress`
 * events), `rows:page`, `rows:edit`, `rows:skip`, `rows:undo`, `rows:payload` and
 * `issues:summary`.
 */
import type { OperationOutput } from '../../shared/ipc/contract';
import type { AppContext } from '../app/app-services';
import { OperationFailure, type Handlers } from '../app/handler-registry';
import type { FileWorkspace, PreparedPlan } from './file-workspace';
import { checkBlocker, issueHint } from './issue-hints';
import { automaticMapping, rememberMapping, toContractProblem } from './workspace-mapping';
import { guarded, unlocked } from './workspace-errors';
import type { WorkspaceStore } from './workspace-store';

function changed(workspace: FileWorkspace, index: number): OperationOutput<'rows:edit'> {
  return { row: workspace.reviewRow(index, true), summary: workspace.summary(), canUndo: workspace.canUndo };
}

/** Least time between two `check:progress` events of one check, in ms. */
const progressEveryMs = 100;

/**
 * Starts checking every row and answers as soon as the first slice is in, so the review can show
 * its first rows while the rest are checked. The check goes on in slices, pushing `check:progress`;
 * the last event (`complete: true`) carries the final summary and blocker. The answer's `complete`
 * says whether the check already finished (small files); the import stays refused until it has.
 */
async function startCheck(
  app: AppContext,
  workspace: FileWorkspace,
  prepared: PreparedPlan,
): Promise<OperationOutput<'check:run'>> {
  const { fileId } = workspace;
  const totalRows = workspace.rows.size;
  const ambiguousDateColumns = prepared.ambiguousDateColumns.map((c) => ({
    ...c,
    examples: [...c.examples],
  }));
  let firstSlice = (): void => {};
  const sliced = new Promise<void>((resolve) => (firstSlice = resolve));
  let run = 0;
  let lastEvent = 0;
  const checking = workspace.runCheck(prepared, (rowsChecked) => {
    firstSlice();
    // A slice takes a few ms: an event per slice would keep the page re-rendering.
    const now = performance.now();
    if (now - lastEvent < progressEveryMs) return;
    lastEvent = now;
    app.events.emit('check:progress', { fileId, rowsChecked, totalRows, run, complete: false });
  });
  run = workspace.check?.run ?? 0;
  checking.then(
    (finished) => {
      if (!finished) return;
      const summary = workspace.summary();
      app.events.emit('check:progress', {
        fileId,
        rowsChecked: totalRows,
        totalRows,
        run,
        complete: true,
        summary,
        blocker: checkBlocker(summary, prepared.ambiguousDateColumns, workspace.info.name),
      });
    },
    (error: unknown) =>
      app.log(`check of ${fileId} failed: ${error instanceof Error ? error.name : 'error'}`),
  );
  const finished = await Promise.race([sliced.then(() => true), checking]);
  if (!finished || workspace.check?.run !== run)
    throw new OperationFailure('conflict', 'A newer check of this file replaced this one.');
  const summary = workspace.summary();
  const complete = workspace.checkComplete;
  return {
    kind: 'checked',
    run,
    complete,
    summary,
    ambiguousDateColumns,
    blocker: complete ? checkBlocker(summary, prepared.ambiguousDateColumns, workspace.info.name) : null,
  };
}

/** The review handlers over the app's workspaces. */
export function createReviewHandlers(app: AppContext, store: WorkspaceStore): Handlers {
  return {
    'check:run': async ({ fileId, options, repeatedPhones }) => {
      const workspace = unlocked(await store.get(fileId));
      workspace.repeatedPhones = repeatedPhones;
      workspace.mapping ??= automaticMapping(workspace);
      const preparation = await store.prepare(workspace, options);
      if (preparation.kind === 'file-error') return { kind: 'file-error', error: preparation.error };
      if (preparation.kind === 'needs-mapping') {
        const problems = preparation.problems.map(toContractProblem);
        return {
          kind: 'needs-mapping',
          message:
            problems.length > 0
              ? `The mapping cannot be sent: ${problems.map((p) => p.message).join('; ')}.`
              : 'Map the columns first.',
          problems,
        };
      }
      await rememberMapping(app.deps.dataDir, (line) => app.log(line), workspace, options);
      return startCheck(app, workspace, preparation.prepared);
    },

    'rows:page': ({ fileId, offset, limit, filter, issueCode }) =>
      guarded(async () => (await store.get(fileId)).page(filter, issueCode, offset, limit)),

    'rows:edit': ({ fileId, line, column, value }) =>
      guarded(async () => {
        const workspace = unlocked(await store.get(fileId));
        workspace.summary(); // a check is needed to re-validate the row
        return changed(workspace, workspace.edit(line, column, value));
      }),

    'rows:skip': ({ fileId, line, skipped, reason }) =>
      guarded(async () => {
        const workspace = unlocked(await store.get(fileId));
        workspace.summary();
        return changed(workspace, workspace.skip(line, skipped, reason));
      }),

    'rows:undo': ({ fileId }) =>
      guarded(async () => {
        const workspace = unlocked(await store.get(fileId));
        workspace.summary();
        const index = workspace.undo();
        if (index === null) throw new OperationFailure('conflict', 'There is nothing to undo.');
        return changed(workspace, index);
      }),

    'rows:payload': ({ fileId, line }) =>
      guarded(async () => {
        const workspace = await store.get(fileId);
        const index = workspace.indexOf(line);
        const { profile, issues } = workspace.payload(index);
        return { line, profile, issues: [...issues] };
      }),

    'issues:summary': ({ fileId }) =>
      guarded(async () => {
        const workspace = await store.get(fileId);
        const summary = workspace.summary();
        const groups = workspace.check?.state.issueGroups() ?? [];
        return {
          groups: groups.map((g) => ({
            code: g.code,
            severity: g.severity,
            count: g.count,
            message: issueHint(g, {
              phoneRegion: workspace.check?.options.phoneRegion ?? null,
              repeatedPhones: workspace.repeatedPhones,
            }),
            example: g.example,
          })),
          summary,
        };
      }),
  };
}
