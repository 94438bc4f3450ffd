/**
 * Two `import:start` calls for the same checked file at the same moment (a double click, two tabs):
 * exactly one job runs, the other call gets a clear refusal, and every row reaches the Sandbox once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../support/shared-paths';
import {
  bucketTotal as total,
  checkAll,
  openFile,
  startWorkspace,
  valueOf,
  type Job,
  type WorkspaceHarness,
} from './workspace-harness';

describe('two simultaneous import:start for one file', () => {
  let app: WorkspaceHarness;
  let fileId: string;
  beforeAll(async () => {
    app = await startWorkspace({ sandboxOptions: { latencyMs: 20 } });
    fileId = await openFile(app, fixturePath('customers-1000.csv'));
    await app.call('mapping:suggest', { fileId });
    await checkAll(app, { fileId, options: { phoneRegion: 'US', batchSize: 100, onInvalidValue: 'drop' } });
  });
  afterAll(() => app.close());

  it('runs one job; the other is refused with a message, and no row is sent twice', async () => {
    const input = { fileId, connectionId: 'sandbox', confirmed: true };
    const replies = await Promise.all([app.call('import:start', input), app.call('import:start', input)]);
    const started = replies.filter((r) => r.ok);
    const refused = replies.filter((r) => !r.ok);
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringContaining('customers-1000.csv is already being sent'),
      },
    });

    const job = valueOf<{ job: Job }>(started[0]!).job;
    const end = await new Promise<Job>((resolve) => {
      const unsubscribe = app.services.events.subscribe((event, payload) => {
        const p = payload as { job: Job };
        if (event === 'job:finished' && p.job.id === job.id) {
          unsubscribe();
          resolve(p.job);
        }
      });
    });
    expect(end.state).toBe('completed');
    expect(total(end.counts)).toBe(1000);
    const profiles = app.services.context.sandbox.running()?.state().profiles ?? [];
    const emails = profiles.map((p) => String(p.email));
    expect(new Set(emails).size).toBe(emails.length);
    expect(profiles).toHaveLength(end.counts.created);
  });
});
