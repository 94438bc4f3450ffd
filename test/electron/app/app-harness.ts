/**
 * Builds real app services over a temp data folder, the real reader and the real simulator, and
 * records everything that would reach the renderer (replies, events) and the log, so tests can
 * scan it for tokens.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createAppServices,
  type AppServices,
  type AppServicesDeps,
} from '../../../electron/app/app-services';
import type { Encryptor } from '../../../electron/app/encryptor';
import { openTable } from '../../../electron/files/open-table';
import { startSimulator } from '../../../electron/simulator/simulator';
import { appHandlerModules } from '../../../electron/workspace/app-handler-modules';
import type { Reply } from '../../../shared/ipc/reply';

export interface Harness {
  readonly services: AppServices;
  readonly dataDir: string;
  /** Every reply, event payload and log line, serialised, in order. */
  readonly seen: string[];
  call(operation: string, input?: unknown): Promise<Reply<unknown>>;
  close(): Promise<void>;
}

/** Starts services in `dataDir` (a new temp folder when absent). */
export async function startHarness(
  encryptor: Encryptor,
  overrides: Partial<AppServicesDeps> = {},
  dataDir?: string,
): Promise<Harness> {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'omneo-app-')));
  const seen: string[] = [];
  const services = await createAppServices(
    {
      dataDir: dir,
      encryptor,
      runtime: 'browser-host',
      productName: 'Omneo Profile Importer',
      version: '0.0.0-test',
      platform: process.platform,
      dialogs: null,
      saveReport: async () => ({ kind: 'cancelled' }),
      startSimulator,
      openTable,
      log: (line) => seen.push(`log: ${line}`),
      ...overrides,
    },
    appHandlerModules,
  );
  const unsubscribe = services.events.subscribe((event, payload) =>
    seen.push(`${event}: ${JSON.stringify(payload)}`),
  );
  return {
    services,
    dataDir: dir,
    seen,
    async call(operation, input = {}) {
      const reply = await services.dispatch(operation, input, { transport: 'test' });
      seen.push(`${operation}: ${JSON.stringify(reply)}`);
      return reply;
    },
    async close() {
      unsubscribe();
      await services.close();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The value of an `ok` reply; fails the test with the error otherwise. */
export function valueOf<T = Record<string, unknown>>(reply: Reply<unknown>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`);
  return reply.value as T;
}
