import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateFileWriter } from '../../../electron/simulator/state-file';
import type { TenantData } from '../../../electron/simulator/tenant-store';

let dir: string | null = null;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

describe('StateFileWriter', () => {
  it('folds a burst of save requests into at most one save per interval, and flush writes the last state', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sim-state-'));
    const file = path.join(dir, 'state.json');
    let snapshots = 0;
    let version = 0;
    const writer = new StateFileWriter(
      file,
      () => {
        snapshots += 1;
        return { version } as unknown as TenantData;
      },
      200,
    );
    const started = Date.now();
    while (Date.now() - started < 450) {
      version += 1;
      writer.requestSave();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await writer.flush();
    // ~450 ms of requests every 5 ms: one save at once, then one per 200 ms — never one per request.
    expect(snapshots).toBeGreaterThanOrEqual(2);
    expect(snapshots).toBeLessThanOrEqual(5);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { tenant: { version: number } };
    expect(saved.tenant.version).toBe(version);
  });
});
