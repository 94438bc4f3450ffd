/**
 * Entry of the browser host (bundled to dist/host.mjs): `node dist/host.mjs [flags]`, used by
 * `npm run start:web`, `npm start` when Electron is absent, and `omneo-import ui`.
 *
 * Prints the URL (with its session key), opens a browser unless told not to, serves until SIGINT
 * or SIGTERM, then closes the Sandbox and removes its temp files.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { startBrowserHost } from './browser-host';
import { HostUsageError, hostUsage, parseHostCommandLine } from './host-options';

/** Opens the URL in the user's browser; failure is fine (the URL is printed). */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser launcher here; the printed URL is enough.
  }
}

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
  const host = await startBrowserHost({
    ...commandLine.host,
    log: (line) => process.stderr.write(`[host] ${line}\n`),
  });
  process.stdout.write(`Omneo Profile Importer is running at:\n\n  ${host.url}\n\nPress Ctrl+C to stop.\n`);
  if (commandLine.openBrowser) openInBrowser(host.url);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await host.close();
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
