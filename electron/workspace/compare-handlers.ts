/**
 * Handlers for comparing a checked file with Omneo (`compare:*`) and undoing an import (`undo:*`),
 * over the app's {@link AppCompare} and {@link AppUndo}.
 */
import type { Handlers } from '../app/handler-registry';
import type { AppCompare } from './app-compare';
import type { AppUndo } from './app-undo';

/** The compare and undo handlers. */
export function createCompareHandlers(compare: AppCompare, undo: AppUndo): Handlers {
  return {
    'compare:start': ({ fileId, connectionId }) => compare.start(fileId, connectionId),
    'compare:status': ({ fileId }) => compare.status(fileId),
    'compare:cancel': ({ fileId }) => compare.cancel(fileId),
    'compare:rows': ({ fileId, action, offset, limit }) => compare.rows(fileId, action, offset, limit),
    'undo:plan': ({ jobId }) => undo.plan(jobId),
    'undo:start': ({ jobId }) => undo.start(jobId),
    'undo:cancel': ({ jobId }) => undo.cancel(jobId),
  };
}
