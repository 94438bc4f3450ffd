/**
 * Starts the whole browser host: the app services (tokens session-only — no OS keyring or
 * encrypted store is reachable from here), the Sandbox, and the HTTP server serving the built
 * renderer and the contract. Used by `npm run start:web`, `npm start` without Electron, and
 * `omneo-import ui`.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAppServices, type AppServices } from '../app/app-services';
import { sessionOnlyEncryptor } from '../app/encryptor';
import { openTable } from '../files/open-table';
import { appHandlerModules } from '../workspace/app-handler-modules';
import { startSimulator, type SimulatorOptions } from '../simulator/simulator';
import { createHostFiles, pruneUploads } from './host-files';
import { keepHostPort, listenOnLastPort } from './host-port';
import { startHostServer } from './host-server';
import { createHostSessions } from './host-sessions';
import { writeLauncher } from './browser-launch';

/** How to start the host. */
export interface BrowserHostOptions {
  /** The user's data folder (connections, jobs, the Sandbox tenant). */
  readonly dataDir: string;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  /** 0 for a free port. */
  readonly port?: number;
  /**
   * With port 0: use the last run's port when it is free, and keep this run's (host-port.ts), so
   * a tab left open reconnects after a restart. `npm start` and `omneo-import ui` set it.
   */
  readonly reusePort?: boolean;
  /** A file to offer at start (`--open FILE`). */
  readonly openFile?: string;
  readonly version?: string;
  readonly sandboxOptions?: Partial<SimulatorOptions>;
  readonly log?: (line: string) => void;
}

/** A running host. */
export interface BrowserHost {
  /** `http://127.0.0.1:P` */
  readonly origin: string;
  readonly port: number;
  /** A new single-use, short-lived start link (`…/#start=<code>`), to print or open. */
  startLink(): string;
  /** Writes a launcher file for a new start link (see browser-launch.ts) and answers its path. */
  launcherFile(): Promise<string>;
  readonly services: AppServices;
  close(): Promise<void>;
}

/** Why tokens are session-only in the host, shown on the page. */
export const hostStorageNote =
  'The browser version cannot reach an OS keyring or encrypted store on this computer.';

/** Starts services and server; resolves once listening. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'omneo-host-'));
  const folders = {
    tempDir,
    uploadsDir: path.join(options.dataDir, 'uploads'),
    journalDir: path.join(options.dataDir, 'jobs'),
  };
  await pruneUploads(folders.uploadsDir, folders.journalDir).catch(() => 0);
  const files = createHostFiles(folders);
  const services = await createAppServices(
    {
      dataDir: options.dataDir,
      encryptor: sessionOnlyEncryptor(hostStorageNote),
      runtime: 'browser-host',
      productName: 'Omneo Profile Importer',
      version: options.version ?? '0.0.0',
      platform: process.platform,
      dialogs: null,
      saveReport: files.saveReport,
      startSimulator,
      sandboxOptions: options.sandboxOptions,
      openTable,
      log: options.log,
    },
    appHandlerModules,
  );
  if (options.openFile) await services.setStartupFile(path.resolve(options.openFile));
  const listen = (port: number) =>
    startHostServer({
      services,
      files,
      rendererDir: options.rendererDir,
      sessions: createHostSessions(),
      port,
      log: options.log,
    });
  const reuse = options.reusePort === true && (options.port ?? 0) === 0;
  const server = reuse ? await listenOnLastPort(options.dataDir, listen) : await listen(options.port ?? 0);
  if (reuse) await keepHostPort(options.dataDir, server.port);
  return {
    origin: server.origin,
    port: server.port,
    startLink: () => server.startLink(),
    launcherFile: () => writeLauncher(tempDir, (onUsed) => server.startLink(onUsed)),
    services,
    async close() {
      await server.close();
      await services.close();
      await files.close();
    },
  };
}
