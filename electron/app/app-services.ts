/**
 * The app's services behind the contract: one registry of handlers that both the Electron shell
 * and the browser host wire to their transport, so the two differ only in how calls arrive.
 *
 * Pure Node, no `electron`: everything runtime-specific (where data lives, how tokens are
 * encrypted, native dialogs, where reports go, the simulator, the reader) is injected. This file
 * holds the app's stores; the operations plug in as {@link HandlerModule}s, composed by the caller
 * (the app's own list is `appHandlerModules` in ../workspace/app-handler-modules.ts, above every
 * module it names).
 */
import { baseUrlOrigin } from '../../shared/ipc/base-url';
import type { OperationOutput } from '../../shared/ipc/contract';
import type { RegisteredFile } from '../../shared/ipc/bridge';
import type { SimulatorOptions } from '../simulator/simulator';
import { openConnectionsStore, type ConnectionsStore } from './connections-store';
import { openCredentialVault, type CredentialVault } from './credential-vault';
import type { Encryptor } from './encryptor';
import { createEventHub, type EventHub } from './event-hub';
import { dataPathHider } from './data-paths';
import { createFileStore, type FileStore, type OpenTable } from './file-store';
import { createDispatch, type Dispatch, type Handlers, type Log } from './handler-registry';
import { createSandbox, type Sandbox, type SimulatorFactory } from './sandbox';
import { ensurePrivateFolder } from '../files/private-files';

/** Native dialogs, when the runtime has them (Electron); the browser host has none. */
export interface Dialogs {
  /** Shows an open dialog for CSV/TSV/Excel files; null when the user cancels. */
  chooseFile(): Promise<string | null>;
  /** Shows a save dialog with a suggested file name; null when the user cancels. */
  chooseSaveFile(suggestedName: string): Promise<string | null>;
}

/**
 * Where an exported report goes: the shell asks a save dialog and writes the file; the host keeps
 * it for one download and answers its same-origin `href`.
 */
export type ReportSink = (
  name: string,
  content: string,
  rows: number,
) => Promise<OperationOutput<'report:export'>>;

/** Everything runtime-specific the services need. */
export interface AppServicesDeps {
  /** The user's data folder (connections, the token vault, jobs, the Sandbox tenant). */
  readonly dataDir: string;
  readonly encryptor: Encryptor;
  readonly runtime: 'electron' | 'browser-host';
  readonly productName: string;
  readonly version: string;
  readonly platform: string;
  readonly dialogs: Dialogs | null;
  readonly saveReport: ReportSink;
  readonly startSimulator: SimulatorFactory;
  /** Passed to the Sandbox simulator (a fixed port or the test endpoints, for end-to-end tests). */
  readonly sandboxOptions?: Partial<SimulatorOptions>;
  readonly openTable: OpenTable;
  /** App log; never given a token (see handler-registry.ts). Default: discard. */
  readonly log?: Log;
}

/** What handler modules get: the stores and services of the running app. */
export interface AppContext {
  readonly deps: AppServicesDeps;
  readonly vault: CredentialVault;
  readonly connections: ConnectionsStore;
  readonly files: FileStore;
  readonly sandbox: Sandbox;
  readonly events: EventHub;
  readonly log: Log;
  /** The file given at start (`--open FILE`), if any. */
  startupFile(): RegisteredFile | null;
  /** Runs `cleanup` when the services close, before the Sandbox stops (e.g. stopping running jobs). */
  onClose(cleanup: () => Promise<void>): void;
}

/** Adds handlers for some operations, given the app. */
export type HandlerModule = (app: AppContext) => Handlers;

/** The running services. */
export interface AppServices {
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly context: AppContext;
  /** Registers a file to offer at start (`--open FILE`); its ref appears in `app:info`. */
  setStartupFile(filePath: string): Promise<RegisteredFile>;
  /** Stops the Sandbox and anything else running. */
  close(): Promise<void>;
}

/** Answers what `dispatch` answers, with every path under the data folder hidden (data-paths.ts). */
function withoutDataPaths(dispatch: Dispatch, hidePaths: <T>(value: T) => T): Dispatch {
  return async (operation, input, context) => hidePaths(await dispatch(operation, input, context));
}

/**
 * Makes `deps.dataDir` private (0700), opens its stores and builds the registry from `modules`
 * (operations no module handles answer `not-implemented`).
 */
export async function createAppServices(
  deps: AppServicesDeps,
  modules: readonly HandlerModule[],
): Promise<AppServices> {
  const log = deps.log ?? (() => {});
  // Customer data, job settings and tokens live under it: owner only (see private-files.ts).
  await ensurePrivateFolder(deps.dataDir);
  const [vault, connections] = await Promise.all([
    openCredentialVault(deps.dataDir, deps.encryptor),
    openConnectionsStore(deps.dataDir),
  ]);
  for (const saved of connections.list()) {
    const origin = baseUrlOrigin(saved.baseUrl);
    if (origin !== null) await vault.adoptOrigin(saved.id, origin);
  }
  const hidePaths = dataPathHider(deps.dataDir);
  const events = createEventHub(hidePaths);
  const files = createFileStore(deps.openTable, (fileId, progress) =>
    events.emit('file:progress', { fileId, ...progress, rowsRead: 0 }),
  );
  const sandbox = createSandbox(deps.startSimulator, deps.dataDir, deps.sandboxOptions);
  let startup: RegisteredFile | null = null;
  const cleanups: (() => Promise<void>)[] = [];
  const context: AppContext = {
    deps,
    vault,
    connections,
    files,
    sandbox,
    events,
    log,
    startupFile: () => startup,
    onClose: (cleanup) => void cleanups.push(cleanup),
  };
  const handlers: Handlers = Object.assign({}, ...modules.map((module) => module(context)));
  return {
    dispatch: withoutDataPaths(createDispatch(handlers, log), hidePaths),
    events,
    context,
    async setStartupFile(filePath) {
      startup = await files.register(filePath);
      return startup;
    },
    async close() {
      await Promise.all(cleanups.map((cleanup) => cleanup().catch(() => undefined)));
      await sandbox.close();
    },
  };
}
