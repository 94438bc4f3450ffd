/**
 * Runs the browser host from a parsed command line until SIGINT or SIGTERM: the one loop behind
 * `node dist/host.mjs` (npm start / start:web) and `omneo-import ui`.
 */
import { openInBrowser } from './browser-launch';
import { startBrowserHost } from './browser-host';
import type { HostCommandLine } from './host-options';
import { startCodeLifetimeMs } from './host-sessions';
import { installProcessGuards } from './process-guards';

/**
 * Starts the host, prints a start link to `out`, opens a browser unless told not to (through a
 * launcher file, never with the link on a command line), prints a new link each time Enter is
 * pressed (a link works once, for a short while), and resolves once a signal stopped it and it
 * closed (Sandbox stopped, temp files gone). Host log lines go to `err`, prefixed `[host]`; an
 * error nothing caught is logged there and the host lives on (see process-guards.ts).
 */
export async function serveUntilStopped(
  commandLine: HostCommandLine,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<void> {
  const log = (line: string): void => err(`[host] ${line}\n`);
  // Before anything can fail out of band: one stray error must not drop every tab and job.
  const removeGuards = installProcessGuards({ log });
  const host = await startBrowserHost({ ...commandLine.host, log });
  const minutes = startCodeLifetimeMs / 60_000;
  const stdin = process.stdin;
  const readsEnter = stdin.isTTY === true;
  out(
    `Omneo Profile Importer is running at ${host.origin}\n\nOpen it with this link (it works once, ` +
      `within ${minutes} minutes):\n\n  ${host.startLink()}\n\n` +
      `${readsEnter ? 'Press Enter for a new link, Ctrl+C to stop.' : 'Press Ctrl+C to stop.'}\n`,
  );
  if (commandLine.openBrowser) openInBrowser(await host.launcherFile());
  const newLink = (): void =>
    out(`\nA new start link (works once, within ${minutes} minutes):\n\n  ${host.startLink()}\n`);
  if (readsEnter) stdin.on('data', newLink).resume();
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (readsEnter) stdin.off('data', newLink).pause();
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await host.close();
  removeGuards();
}
