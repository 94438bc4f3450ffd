/**
 * The built-in Sandbox connection: the project's Omneo simulator, started inside the app on
 * 127.0.0.1 with a free port the first time it is needed, so a new user with no Omneo account can
 * go through a whole import. Its token is made here and never leaves main.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ensurePrivateFolder } from '../files/private-files';
import type { RunningSimulator, SimulatorOptions } from '../simulator/simulator';

/** The Sandbox's fixed connection id. */
export const sandboxConnectionId = 'sandbox';
export const sandboxConnectionName = 'Sandbox (built-in simulator)';

/** Starts a simulator; the app passes `startSimulator`, tests may pass their own. */
export type SimulatorFactory = (options: SimulatorOptions) => Promise<RunningSimulator>;

/** The lazily started Sandbox. */
export interface Sandbox {
  /** Starts the simulator on first call (concurrent callers share one start); later calls reuse it. */
  ensure(): Promise<{ readonly baseUrl: string; readonly token: string }>;
  /** The running simulator, or null before the first `ensure`. */
  running(): RunningSimulator | null;
  /** The base URL once started; a placeholder before. */
  describeUrl(): string;
  close(): Promise<void>;
}

/**
 * Creates the Sandbox. Its profiles persist in `<dataDir>/sandbox/tenant.json`, so an import
 * interrupted by a restart can be resumed against the same tenant. `extra` passes simulator
 * options through (a fixed port or the test endpoints, for end-to-end tests).
 */
export function createSandbox(
  startSimulator: SimulatorFactory,
  dataDir: string,
  extra: Partial<SimulatorOptions> = {},
): Sandbox {
  let starting: Promise<RunningSimulator> | null = null;
  let simulator: RunningSimulator | null = null;
  return {
    async ensure() {
      starting ??= ensurePrivateFolder(path.join(dataDir, 'sandbox'))
        .then(() =>
          startSimulator({
            port: 0,
            host: '127.0.0.1',
            token: randomBytes(24).toString('base64url'),
            dataFile: path.join(dataDir, 'sandbox', 'tenant.json'),
            testEndpoints: false,
            ...extra,
          }),
        )
        .then(
          (started) => (simulator = started),
          (error: unknown) => {
            starting = null;
            throw error;
          },
        );
      const started = await starting;
      return { baseUrl: started.baseUrl, token: started.token };
    },
    running: () => simulator,
    describeUrl: () => simulator?.baseUrl ?? 'http://127.0.0.1 (starts on first use)',
    async close() {
      const pending = starting;
      starting = null;
      simulator = null;
      if (pending) await (await pending.catch(() => null))?.close();
    },
  };
}
