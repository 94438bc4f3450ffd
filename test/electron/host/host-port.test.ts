import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepHostPort, lastHostPort, listenOnLastPort } from '../../../electron/host/host-port';

/** A listener on `port` (0: a free one); answers its port and a close. */
async function listenOn(port: number): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the browser host keeps its port for the next run', () => {
  let dataDir = '';
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'omneo-host-port-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('listens on the last run’s port when it is free, and on a free one when it is taken', async () => {
    expect(await lastHostPort(dataDir)).toBeNull();
    const first = await listenOnLastPort(dataDir, listenOn);
    await keepHostPort(dataDir, first.port);
    await first.close();
    expect(await lastHostPort(dataDir)).toBe(first.port);

    const second = await listenOnLastPort(dataDir, listenOn);
    expect(second.port).toBe(first.port);

    // Taken (the second run still listens): a free port instead, without an error.
    const third = await listenOnLastPort(dataDir, listenOn);
    expect(third.port).not.toBe(first.port);
    await Promise.all([second.close(), third.close()]);
  });
});
