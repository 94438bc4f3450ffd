/**
 * The review grid's {@link RowSource} over the bridge: pages (searched and sorted), go-to-line,
 * edits, skips, bulk changes and undo of one open
 * file, each a contract call; an error reply becomes a rejected promise with main's message.
 */
import type { Bridge } from '../../shared/ipc/bridge';
import type { Reply } from '../../shared/ipc/reply';
import type { RowSource } from './grid-model';

async function value<T>(reply: Promise<Reply<T>>): Promise<T> {
  const answer = await reply;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

/** Rows of `fileId` as main holds them. */
export function bridgeRowSource(bridge: Bridge<File>, fileId: string): RowSource {
  return {
    page: (query) => value(bridge.rows.query({ fileId, ...query })),
    locate: (line, query) => value(bridge.rows.locate({ fileId, line, ...query })),
    bulk: (action) => value(bridge.rows.bulk({ fileId, action })),
    edit: (line, column, text) => value(bridge.rows.edit({ fileId, line, column, value: text })),
    skip: (line, skipped) => value(bridge.rows.skip({ fileId, line, skipped })),
    undo: () => value(bridge.rows.undo({ fileId })),
  };
}
