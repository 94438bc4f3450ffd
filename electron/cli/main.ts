/**
 * `omneo-import`: the command-line tool. Builds the commander program from the list of command
 * registrations below and, when run as the bundled CLI (`dist/cli.mjs`), runs it.
 *
 * Each command lives in its own file and registers itself; to add one, import its registration and
 * append it to {@link commandRegistrations}.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { JobDiskError } from '../jobs/job-folder';
import { exitCodes, UsageError, type CliContext, type CommandRegistration } from './cli-context';
import { registerCheckCommand } from './check-command';
import { registerRunCommand } from './run-command';
import { registerSimCommand } from './sim-command';
import { registerUndoCommand } from './undo-command';
import { registerUiCommand } from './ui-command';
import { terminalSafe, terminalSafeErr } from './terminal-text';

/** Every command of the CLI, in help order. */
export const commandRegistrations: readonly CommandRegistration[] = [
  registerCheckCommand,
  registerRunCommand,
  registerUndoCommand,
  registerSimCommand,
  registerUiCommand,
];

/**
 * Builds the program with every command registered, writing through `context`.
 *
 * Commander's own errors (unknown option, missing argument) are thrown as `CommanderError`
 * instead of exiting, so {@link runCli} can map them to exit code 64.
 */
export function buildProgram(context: CliContext): Command {
  const program = new Command('omneo-import')
    .description('Check customer spreadsheets and import them into Omneo profiles.')
    .exitOverride()
    .configureOutput({ writeOut: context.out, writeErr: context.err })
    .showHelpAfterError('(run with --help for usage)');
  for (const register of commandRegistrations) register(program, context);
  return program;
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and returns the exit code.
 *
 * Exit codes: 0 success, 1 some rows invalid or duplicates, 2 file error, 64 usage error, 74 a
 * disk that refused a write (see `exitCodes`). Never throws for a user's mistake.
 */
export async function runCli(args: readonly string[], context: CliContext): Promise<number> {
  const program = buildProgram(context);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const benign = ['commander.helpDisplayed', 'commander.help', 'commander.version'];
      if (benign.includes(error.code)) return exitCodes.ok;
      jsonFailure(args, context, 'usage', error.message, exitCodes.usage);
      return exitCodes.usage;
    }
    if (error instanceof UsageError) {
      context.err(`error: ${error.message}\n`);
      jsonFailure(args, context, 'usage', error.message, exitCodes.usage);
      return exitCodes.usage;
    }
    if (error instanceof JobDiskError) {
      context.err(`error: ${error.message}\n`);
      jsonFailure(args, context, 'disk', error.message, exitCodes.ioError);
      return exitCodes.ioError;
    }
    throw error;
  }
}

/**
 * With `run --json`, every failure is also one JSON line on stdout (`{kind: 'error', reason,
 * message, exitCode}`), so a script reading the events always gets one, even for a bad flag.
 */
export function jsonFailure(
  args: readonly string[],
  context: CliContext,
  reason: string,
  message: string,
  exitCode: number,
): void {
  if (args[0] !== 'run' || !args.includes('--json')) return;
  context.out(`${JSON.stringify({ kind: 'error', reason, message, exitCode })}\n`);
}

/** A message on one line, at most 500 characters (an error's text can hold anything). */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 500 ? `${flat.slice(0, 500)}…` : flat;
}

/** True when this module is the bundled CLI entry (`dist/cli.mjs`), not imported by a test. */
function isBundledEntry(): boolean {
  return path.basename(fileURLToPath(import.meta.url)) === 'cli.mjs';
}

/**
 * Exits quietly when the reader of stdout or stderr goes away (`check --json | head`): a closed
 * pipe (EPIPE) is how such a reader says it has read enough, not a failure to report. Exits with
 * the command's exit code so far; a job's journal stays consistent (each line is fsynced before
 * its request), so an interrupted `run` can be resumed.
 */
export function exitQuietlyOnClosedPipe(
  context: CliContext,
  streams: readonly NodeJS.WritableStream[] = [process.stdout, process.stderr],
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') exit(context.exitCode);
      else throw error;
    });
  }
}

if (isBundledEntry()) {
  const context: CliContext = {
    // Control characters from a file never reach the terminal as such (terminal-text.ts).
    out: (text) => process.stdout.write(terminalSafe(text, true)),
    err: (text) => process.stderr.write(terminalSafeErr(text)),
    errIsTTY: Boolean(process.stderr.isTTY),
    ...(process.stderr.isTTY && { errColumns: process.stderr.columns }),
    exitCode: exitCodes.ok,
  };
  exitQuietlyOnClosedPipe(context);
  runCli(process.argv.slice(2), context).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // One line, never a stack trace: what failed, and that it is a fault of the importer.
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      process.stderr.write(
        `omneo-import: unexpected failure (a bug; please report it): ${oneLine(message)}\n`,
      );
      jsonFailure(process.argv.slice(2), context, 'unexpected', oneLine(message), exitCodes.software);
      process.exitCode = exitCodes.software;
    },
  );
}
