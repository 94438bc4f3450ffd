/**
 * Runs the browser host from a parsed command line until SIGINT or SIGTERM: the one loop behind
 * `node dist/host.mjs` (npm start / start:web) and `omneo-import ui`.
 */
import { spawn } from 'node:child_process';
import { startBrowserHost } from './browser-host';
import type { HostCommandLine } from './host-options';

/** Opens the URL in the user's browser; failure is fine (the URL is printed). */
export function openInBrowser(url: string): void {
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

/**
 * Starts the host, prints its URL (with the session key) to `out`, opens a browser unless told
 * not to, and resolves once a signal stopped it and it closed (Sandbox stopped, temp files gone).
 * Host log lines go to `err`, prefixed `[host]`.
 */
export async function serveUntilStopped(
  commandLine: HostCommandLine,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<void> {
  const host = await startBrowserHost({ ...commandLine.host, log: (line) => err(`[host] ${line}\n`) });
  out(`Omneo Profile Importer is running at:\n\n  ${host.url}\n\nPress Ctrl+C to stop.\n`);
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
}
