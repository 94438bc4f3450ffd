/**
 * The app's compare step, modes and undo over the contract, against a seeded Sandbox over loopback:
 * the compare's counts and per-row answers are exact, the review filters by them, the confirmation
 * states them, an import by a mode sends exactly what it says, and undo restores the tenant except
 * a profile changed since (kept and listed).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareCsv, editProfile, seededTenant, tenantByEmail, writeCsv } from '../compare/compare-fixture';
import {
  checkAll,
  openFile,
  startWorkspace,
  valueOf,
  type Job,
  type WorkspaceHarness,
} from './workspace-harness';

let app: WorkspaceHarness;
let fileId: string;

beforeEach(async () => {
  app = await startWorkspace({ sandboxOptions: { processingDelayMs: 5, tenant: seededTenant } });
  fileId = await openFile(app, await writeCsv(compareCsv));
  await app.call('mapping:suggest', { fileId });
  valueOf(await checkAll(app, { fileId, options: { phoneRegion: 'AU' } }));
});
afterEach(() => app.close());

/** Resolves with the first event `event` whose payload passes `test` (seen already or to come). */
function nextEvent<T>(event: string, test: (payload: T) => boolean): Promise<T> {
  const seen = app.events.find((e) => e.event === event && test(e.payload as T));
  if (seen) return Promise.resolve(seen.payload as T);
  return new Promise((resolve) => {
    const unsubscribe = app.services.events.subscribe((name, payload) => {
      if (name !== event || !test(payload as T)) return;
      unsubscribe();
      resolve(payload as T);
    });
  });
}

interface Status {
  state: string;
  counts: Record<string, number> | null;
  requests: number;
  rowsCompared: number;
}

async function compared(): Promise<Status> {
  valueOf(await app.call('compare:start', { fileId, connectionId: 'sandbox' }));
  return nextEvent<Status>('compare:progress', (s) => s.state !== 'running');
}

const sandbox = () => {
  const running = app.services.context.sandbox.running();
  if (!running) throw new Error('the Sandbox is not running');
  return running;
};
const tenant = () => tenantByEmail(sandbox());

async function importBy(mode: string): Promise<Job> {
  const started = valueOf<{ kind: string; job: Job }>(
    await app.call('import:start', { fileId, connectionId: 'sandbox', confirmed: true, mode }),
  );
  expect(started.kind).toBe('started');
  return (await nextEvent<{ job: Job }>('job:finished', (e) => e.job.id === started.job.id)).job;
}

describe('compare in the app', () => {
  it('answers every sendable row exactly, and the review filters by the answers', async () => {
    const status = await compared();
    expect(status.state).toBe('compared');
    expect(status.counts).toEqual({
      rows: 7,
      create: 2,
      update: 2,
      unchanged: 1,
      conflict: 3,
      withWarnings: 1,
    });
    expect(status.requests).toBeGreaterThan(0);

    const updates = valueOf<{ rows: { line: number; changes: unknown[] }[] }>(
      await app.call('compare:rows', { fileId, action: 'update' }),
    );
    expect(updates.rows.map((r) => r.line)).toEqual([3, 7]);
    expect(updates.rows[0]?.changes).toEqual([
      { field: 'first_name', old: '"Ann"', new: '"Annie"', replacesList: false },
      { field: 'tags', old: '["old"]', new: '["vip"]', replacesList: true },
    ]);
    expect(updates.rows[1]?.changes).toEqual([]);
    const conflicts = valueOf<{
      rows: { line: number; conflicts: string[]; unknownReferences: { severity: string }[] }[];
    }>(await app.call('compare:rows', { fileId, action: 'conflict' }));
    expect(conflicts.rows.map((r) => r.line)).toEqual([4, 5, 8]);
    expect(conflicts.rows[0]?.conflicts).toEqual(['mobile phone +61412000002 is already held by profile 2']);
    expect(conflicts.rows[1]?.unknownReferences).toMatchObject([{ severity: 'error' }]);
    const creates = valueOf<{
      rows: { line: number; unknownReferences: { severity: string; value: string }[] }[];
    }>(await app.call('compare:rows', { fileId, action: 'create' }));
    expect(creates.rows.find((r) => r.line === 6)?.unknownReferences).toMatchObject([
      { severity: 'warning', value: 'brand-new' },
    ]);

    for (const [action, lines] of [
      ['create', [2, 6]],
      ['update', [3, 7]],
      ['conflict', [4, 5, 8]],
    ] as const) {
      const page = valueOf<{ total: number; rows: { line: number }[] }>(
        await app.call('rows:query', { fileId, offset: 0, limit: 100, compare: action }),
      );
      expect(page.rows.map((r) => r.line)).toEqual(lines);
      expect(page.total).toBe(lines.length);
    }
  });

  it('an edit after the compare makes it stale: an import by a mode is refused until compared again', async () => {
    await compared();
    valueOf(await app.call('rows:edit', { fileId, line: 2, column: 1, value: 'Newt' }));
    const status = valueOf<Status>(await app.call('compare:status', { fileId }));
    expect(status.state).toBe('stale');
    const refused = await app.call('import:start', {
      fileId,
      connectionId: 'sandbox',
      confirmed: true,
      mode: 'both',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(sandbox().state().batches).toEqual([]);
    expect((await compared()).state).toBe('compared');
  });
});

describe('modes and undo in the app', () => {
  it('create only sends only the creates; undo deletes them except one changed since, listed as kept', async () => {
    await compared();
    const before = tenant();
    const preview = valueOf<{
      confirmation: { profiles: number; message: string; compare: { message: string } };
    }>(await app.call('import:preview', { fileId, connectionId: 'sandbox', mode: 'create' }));
    expect(preview.confirmation.compare.message).toBe(
      '2 new profiles, 0 updates, 3 conflicts not sent, 2 skipped (create only)',
    );
    expect(preview.confirmation.profiles).toBe(2);
    expect(preview.confirmation.message).toMatch(/^2 profiles in 1 batch to Sandbox/);

    const job = await importBy('create');
    expect(job.counts).toMatchObject({ created: 2, updated: 0, skipped: 5, failed: 0 });
    const sent = sandbox()
      .state()
      .batches.flatMap((b) => b.items.map((i) => i.external_id));
    expect(sent).toEqual(['new@example.com', 'eve@example.com']);
    const listed = valueOf<{ jobs: Job[] }>(await app.call('jobs:list')).jobs.find((j) => j.id === job.id);
    expect(listed).toMatchObject({ undoable: true, undone: false });

    // Someone changes Eve after the import.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await editProfile(sandbox(), 'eve@example.com', { first_name: 'Eva' });

    const plan = valueOf<{
      kind: string;
      counts: Record<string, number>;
      kept: { line: number; reason: string }[];
    }>(await app.call('undo:plan', { jobId: job.id }));
    expect(plan.counts).toMatchObject({ delete: 1, restore: 0, keep: 1 });
    expect(plan.kept).toMatchObject([{ line: 6 }]);
    expect(plan.kept[0]?.reason).toMatch(/^changed since/);
    valueOf(await app.call('undo:start', { jobId: job.id }));
    const end = await nextEvent<{
      phase: string;
      report: { deleted: number; kept: { line: number }[]; complete: boolean };
    }>('undo:progress', (e) => e.phase === 'finished');
    expect(end.report).toMatchObject({ complete: true, deleted: 1, restored: 0, kept: [{ line: 6 }] });
    const { 'eve@example.com': kept, ...rest } = tenant();
    expect(rest).toEqual(before);
    expect(kept).toMatchObject({ first_name: 'Eva' });
    const after = valueOf<{ jobs: Job[] }>(await app.call('jobs:list')).jobs.find((j) => j.id === job.id);
    expect(after).toMatchObject({ undoable: false, undone: true });
  });

  it('both sends creates and updates, never conflicts; undo restores the updated profiles', async () => {
    await compared();
    const before = tenant();
    const job = await importBy('both');
    expect(job.counts).toMatchObject({ created: 2, updated: 2, skipped: 3 });
    expect(tenant()['ann@example.com']).toMatchObject({ first_name: 'Annie', tags: ['vip'] });
    const plan = valueOf<{ counts: Record<string, number> }>(await app.call('undo:plan', { jobId: job.id }));
    expect(plan.counts).toMatchObject({ delete: 2, restore: 2, keep: 0 });
    valueOf(await app.call('undo:start', { jobId: job.id }));
    await nextEvent<{ phase: string }>('undo:progress', (e) => e.phase === 'finished');
    expect(tenant()).toEqual(before);
  });

  it('a job sent without a compare is not offered for undo', async () => {
    const started = valueOf<{ job: Job }>(
      await app.call('import:start', { fileId, connectionId: 'sandbox', confirmed: true }),
    );
    await nextEvent<{ job: Job }>('job:finished', (e) => e.job.id === started.job.id);
    const listed = valueOf<{ jobs: Job[] }>(await app.call('jobs:list')).jobs[0];
    expect(listed).toMatchObject({ undoable: false });
    expect(valueOf(await app.call('undo:plan', { jobId: started.job.id }))).toMatchObject({
      kind: 'not-undoable',
    });
  });
});
