/**
 * Entry of the browser host (bundled to dist/host.mjs): `node dist/host.mjs [flags]`, used by
 * `npm run start:web`, `npm start` when Electron is absent, and `omneo-import ui`.
 *
 * Prints a single-use start link, opens a browser unless told not to (see browser-launch.ts),
 * serves until SIGINT or SIGTERM, then closes the Sandbox and removes its temp files.
 */
import { pathToFileURL } from 'node:url';
import { serveUntilStopped } from './serve-until-stopped';
import { HostUsageError, hostUsage, parseHostCommandLine } from './host-options';

/** Runs the host with command-line flags; resolves with the exit code when it stops. */
export async function runHost(args: readonly string[]): Promise<number> {
  let commandLine;
  try {
    commandLine = parseHostCommandLine(args);
  } catch (error) {
    if (!(error instanceof HostUsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${hostUsage}`);
    return 64;
  }
  if (commandLine === null) {
    process.stdout.write(hostUsage);
    return 0;
  }
  await serveUntilStopped(
    commandLine,
    (text) => process.stdout.write(text),
    (text) => process.stderr.write(text),
  );
  return 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  runHost(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `The host could not start: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
