/**
 * Command-line flags and environment of the browser host, parsed into {@link BrowserHostOptions}.
 *
 * Flags: `--data-dir DIR` (env OMNEO_DATA_DIR), `--port N` (env OMNEO_PORT; 0 = free port),
 * `--no-open` (env OMNEO_NO_OPEN=1: don't open a browser), `--open FILE` (offer FILE at start,
 * for automation), `--renderer-dir DIR`, `--sandbox-port N` and `--sandbox-test-endpoints`
 * (expose the Sandbox simulator's /__sim endpoints, for end-to-end tests).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultJournalDir } from '../runner/data-dir';
import type { BrowserHostOptions } from './browser-host';

/** Parsed host options plus whether to open a browser. */
export interface HostCommandLine {
  readonly host: BrowserHostOptions;
  readonly openBrowser: boolean;
}

/** A bad flag value, with a message naming the flag. */
export class HostUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostUsageError';
  }
}

/** Usage text printed for `--help` and bad flags. */
export const hostUsage = `Usage: omneo-import ui [options]

Starts the Omneo Profile Importer in your browser, served from this computer only.

Options:
  --data-dir DIR            where connections and import jobs are kept (env OMNEO_DATA_DIR)
  --port N                  port on 127.0.0.1 (default: the last run's when free, else a free
                            one, so an open tab reconnects; env OMNEO_PORT)
  --no-open                 do not open a browser, just print the address (env OMNEO_NO_OPEN=1)
  --open FILE               offer FILE in the app at start
  --renderer-dir DIR        the built app (default: dist/renderer)
  --sandbox-port N          port of the built-in Sandbox simulator (default: a free one)
  --sandbox-test-endpoints  expose the Sandbox's /__sim test endpoints
  -h, --help                show this help
`;

function port(flag: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new HostUsageError(`${flag} must be a port number from 0 to 65535, got "${value}"`);
  }
  return n;
}

/** The built renderer beside the bundle (dist/host.mjs → dist/renderer) or in the checkout. */
export function defaultRendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'renderer'), path.resolve(here, '..', '..', 'dist', 'renderer')];
  return (
    candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[0] ?? 'dist/renderer'
  );
}

/** Parses flags (without `node` and the script). Throws {@link HostUsageError}; null for `--help`. */
export function parseHostCommandLine(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): HostCommandLine | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        open: { type: 'string' },
        'renderer-dir': { type: 'string' },
        'sandbox-port': { type: 'string' },
        'sandbox-test-endpoints': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new HostUsageError(error instanceof Error ? error.message : String(error));
  }
  const flags = parsed.values;
  if (flags.help) return null;
  if (flags.open !== undefined && !existsSync(flags.open)) {
    throw new HostUsageError(`--open: ${flags.open} does not exist`);
  }
  const sandboxPort = port('--sandbox-port', flags['sandbox-port']);
  const sandboxOptions = {
    ...(sandboxPort === undefined ? {} : { port: sandboxPort }),
    ...(flags['sandbox-test-endpoints'] ? { testEndpoints: true } : {}),
  };
  return {
    host: {
      dataDir: path.resolve(flags['data-dir'] ?? env.OMNEO_DATA_DIR ?? path.dirname(defaultJournalDir(env))),
      rendererDir: path.resolve(flags['renderer-dir'] ?? defaultRendererDir()),
      port: port('--port', flags.port ?? env.OMNEO_PORT) ?? 0,
      reusePort: true,
      ...(flags.open === undefined ? {} : { openFile: flags.open }),
      sandboxOptions,
    },
    openBrowser: !flags['no-open'] && env.OMNEO_NO_OPEN !== '1',
  };
}
