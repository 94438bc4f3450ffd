/**
 * The app's compare is cancellable and resumable: cancelled part-way (its answers kept in the
 * private checkpoint), compared again it looks up only the rows it had not answered, and its
 * answers are the same as one uninterrupted compare's.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { writeCsv } from '../compare/compare-fixture';
import { checkAll, openFile, startWorkspace, valueOf, type WorkspaceHarness } from './workspace-harness';

let app: WorkspaceHarness;
let fileId: string;
const rows = 600;

beforeEach(async () => {
  // Slow look-ups (each request waits), so a cancel lands part-way.
  app = await startWorkspace({ sandboxOptions: { processingDelayMs: 5, latencyMs: 15 } });
  const lines = ['email,first_name,mobile_phone'];
  for (let i = 0; i < rows; i++)
    lines.push(`user${i}@example.com,User${i},0413${String(i).padStart(6, '0')}`);
  fileId = await openFile(app, await writeCsv(lines.join('\n')));
  await app.call('mapping:suggest', { fileId });
  valueOf(await checkAll(app, { fileId, options: { phoneRegion: 'AU' } }));
});
afterEach(() => app.close());

interface Status {
  state: string;
  rowsCompared: number;
  resumedRows: number;
  requests: number;
  counts: { create: number; update: number; conflict: number } | null;
}

function next(test: (s: Status) => boolean): Promise<Status> {
  return new Promise((resolve) => {
    const unsubscribe = app.services.events.subscribe((event, payload) => {
      if (event !== 'compare:progress' || !test(payload as Status)) return;
      unsubscribe();
      resolve(payload as Status);
    });
  });
}

it('a cancelled compare keeps what it found and goes on from there', async () => {
  const firstChunk = next((s) => s.state === 'running' && s.rowsCompared >= 100);
  valueOf(await app.call('compare:start', { fileId, connectionId: 'sandbox' }));
  await firstChunk;
  const cancelled = valueOf<Status>(await app.call('compare:cancel', { fileId }));
  expect(cancelled.state).toBe('cancelled');
  expect(cancelled.rowsCompared).toBeLessThan(rows);
  const checkpoint = await stat(path.join(app.dataDir, 'compare'));
  expect(checkpoint.mode & 0o777).toBe(0o700);
  // Nothing can be sent by a mode until the compare is complete.
  const refused = await app.call('import:start', {
    fileId,
    connectionId: 'sandbox',
    confirmed: true,
    mode: 'both',
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });

  const done = next((s) => s.state !== 'running');
  valueOf(await app.call('compare:start', { fileId, connectionId: 'sandbox' }));
  const resumed = await done;
  expect(resumed.state).toBe('compared');
  expect(resumed.resumedRows).toBeGreaterThanOrEqual(100);
  expect(resumed.rowsCompared).toBe(rows);
  expect(resumed.counts).toMatchObject({ create: rows, update: 0, conflict: 0 });
  // Only the rows not answered before were looked up: one availability check per row plus the
  // reference lists, the throttle and the email look-ups.
  expect(resumed.requests).toBeLessThan(rows - resumed.resumedRows + 30);
});
