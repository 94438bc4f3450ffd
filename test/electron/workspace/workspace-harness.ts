/**
 * App services with the workspace module over a temp data folder, the real reader and the real
 * simulator (as the Sandbox), recording every reply and event so tests can scan them for the token.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAppServices, type AppServicesDeps } from '../../../electron/app/app-services';
import { openTable } from '../../../electron/files/open-table';
import { startSimulator } from '../../../electron/simulator/simulator';
import { appHandlerModules } from '../../../electron/workspace/app-handler-modules';
import type { z } from 'zod';
import type { jobSchema } from '../../../shared/ipc/import-schemas';
import type { Reply } from '../../../shared/ipc/reply';
import { valueOf } from '../app/app-harness';
import { aesTestEncryptor } from '../app/test-encryptor';

export { valueOf };

/** The services plus what reached the renderer. */
export interface WorkspaceHarness {
  readonly services: Awaited<ReturnType<typeof createAppServices>>;
  readonly dataDir: string;
  /** Every reply, event and log line, serialised, in order. */
  readonly seen: string[];
  /** Event payloads by event name. */
  readonly events: { readonly event: string; readonly payload: unknown }[];
  /** Reports handed to `saveReport`: name and content. */
  readonly reports: { readonly name: string; readonly content: string }[];
  call(operation: string, input?: unknown): Promise<Reply<unknown>>;
  /** Closes the services; removes the folder unless `keep`. */
  close(keep?: boolean): Promise<void>;
}

/** The same key across restarts, so a second harness over the same folder reads the vault. */
const encryptor = aesTestEncryptor();

/** Starts the services with the workspace handlers; `dataDir` reuses a folder (a restart). */
export async function startWorkspace(
  overrides: Partial<AppServicesDeps> = {},
  dataDir?: string,
): Promise<WorkspaceHarness> {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'omneo-ws-')));
  const seen: string[] = [];
  const events: { event: string; payload: unknown }[] = [];
  const reports: { name: string; content: string }[] = [];
  const services = await createAppServices(
    {
      dataDir: dir,
      encryptor,
      runtime: 'browser-host',
      productName: 'Omneo Profile Importer',
      version: '0.0.0-test',
      platform: process.platform,
      dialogs: null,
      saveReport: async (name, content, rows) => {
        reports.push({ name, content });
        return { kind: 'download', name, rows, href: `/download/${reports.length}` };
      },
      startSimulator,
      sandboxOptions: { processingDelayMs: 5 },
      openTable,
      log: (line) => seen.push(`log: ${line}`),
      ...overrides,
    },
    appHandlerModules,
  );
  const unsubscribe = services.events.subscribe((event, payload) => {
    seen.push(`${event}: ${JSON.stringify(payload)}`);
    events.push({ event, payload });
  });
  return {
    services,
    dataDir: dir,
    seen,
    events,
    reports,
    async call(operation, input = {}) {
      const reply = await services.dispatch(operation, input, { transport: 'test' });
      seen.push(`${operation}: ${JSON.stringify(reply)}`);
      return reply;
    },
    async close(keep = false) {
      unsubscribe();
      await services.close();
      if (!keep) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Registers and opens a file; answers its file id. */
export async function openFile(app: WorkspaceHarness, filePath: string): Promise<string> {
  const registered = await app.services.context.files.register(filePath);
  const opened = valueOf<{ kind: string; fileId: string }>(
    await app.call('file:open', { via: 'ref', ref: registered.ref }),
  );
  if (opened.kind !== 'opened') throw new Error(`could not open ${filePath}: ${JSON.stringify(opened)}`);
  return opened.fileId;
}

/**
 * `check:run`, then (when it answered before every row was checked) the check's last
 * `check:progress` event: answers the reply with the final summary and blocker, as if the whole
 * check had been awaited.
 */
export async function checkAll(app: WorkspaceHarness, input: unknown): Promise<Reply<unknown>> {
  const reply = await app.call('check:run', input);
  if (!reply.ok) return reply;
  const answer = reply.value as { kind: string; run?: number; complete?: boolean };
  if (answer.kind !== 'checked' || answer.complete) return reply;
  const done = await new Promise<{ summary: unknown; blocker: unknown }>((resolve) => {
    const seen = app.events.find((e) => isLast(e, answer.run));
    if (seen) return resolve(seen.payload as { summary: unknown; blocker: unknown });
    const unsubscribe = app.services.events.subscribe((event, payload) => {
      if (!isLast({ event, payload }, answer.run)) return;
      unsubscribe();
      resolve(payload as { summary: unknown; blocker: unknown });
    });
  });
  return { ok: true, value: { ...answer, complete: true, summary: done.summary, blocker: done.blocker } };
}

function isLast(e: { event: string; payload: unknown }, run: number | undefined): boolean {
  const p = e.payload as { run?: number; complete?: boolean };
  return e.event === 'check:progress' && p.complete === true && p.run === run;
}

/** A job as the contract answers it (`import:start`, `jobs:list`, `job:finished`). */
export type Job = z.infer<typeof jobSchema>;
/** A job's row counts. */
export type JobCounts = Job['counts'];

/** The sum of every bucket a row can end in; a test asserts it equals the file's rows. */
export const bucketTotal = (c: JobCounts): number =>
  c.blank + c.invalid + c.duplicate + c.skipped + c.created + c.updated + c.failed + c.pending;
