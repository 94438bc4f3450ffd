/**
 * `omneo-import ui`: starts the app in the browser (the browser host) and prints its URL.
 *
 * The same flags as `node dist/host.mjs` (see host-options.ts); serves until SIGINT or SIGTERM.
 */
import type { Command } from 'commander';
import { exitCodes, UsageError, type CliContext } from './cli-context';
import { serveUntilStopped } from '../host/serve-until-stopped';
import { HostUsageError, parseHostCommandLine } from '../host/host-options';

interface UiFlags {
  dataDir?: string;
  port?: string;
  open: boolean;
  file?: string;
  rendererDir?: string;
  sandboxPort?: string;
  sandboxTestEndpoints?: boolean;
}

/** Turns commander's flags back into host flags, so both entry points parse them one way. */
export function hostArgs(flags: UiFlags): string[] {
  const args: string[] = [];
  if (flags.dataDir !== undefined) args.push('--data-dir', flags.dataDir);
  if (flags.port !== undefined) args.push('--port', flags.port);
  if (!flags.open) args.push('--no-open');
  if (flags.file !== undefined) args.push('--open', flags.file);
  if (flags.rendererDir !== undefined) args.push('--renderer-dir', flags.rendererDir);
  if (flags.sandboxPort !== undefined) args.push('--sandbox-port', flags.sandboxPort);
  if (flags.sandboxTestEndpoints) args.push('--sandbox-test-endpoints');
  return args;
}

/** Registers `ui` on the CLI program. */
export function registerUiCommand(program: Command, context: CliContext): void {
  program
    .command('ui')
    .description('open the importer in your browser, served from this computer only')
    .option('--data-dir <dir>', 'where connections and import jobs are kept')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)')
    .option('--no-open', 'do not open a browser, just print the address')
    .option('--open-file <file>', 'offer this file in the app at start')
    .option('--renderer-dir <dir>', 'the built app (default: dist/renderer)')
    .option('--sandbox-port <n>', 'port of the built-in Sandbox simulator')
    .option('--sandbox-test-endpoints', "expose the Sandbox's /__sim test endpoints")
    .action(async (flags: UiFlags & { openFile?: string }) => {
      let commandLine;
      try {
        commandLine = parseHostCommandLine(hostArgs({ ...flags, file: flags.openFile }));
      } catch (error) {
        if (error instanceof HostUsageError) throw new UsageError(error.message);
        throw error;
      }
      if (!commandLine) return;
      await serveUntilStopped(commandLine, context.out, context.err);
      context.exitCode = exitCodes.ok;
    });
}
