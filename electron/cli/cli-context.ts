/**
 * What every `omneo-import` command is given: where to write, and how to report its exit code.
 *
 * Commands write through the context instead of `process.stdout`, so the same program runs in the
 * bundled CLI and in tests, and the exit codes are the ones the CLI documents.
 */
import type { Command } from 'commander';

/** Exit codes of `omneo-import` (64 is BSD `EX_USAGE`, as sysexits.h defines it). */
export const exitCodes = {
  /** Every row is valid (or the command succeeded). */
  ok: 0,
  /** Some rows are invalid or duplicates. */
  rowProblems: 1,
  /** Nothing sendable: a file error, a mapping that cannot be sent, no data rows (or, for `run`, a refused token or unusable job). */
  fileError: 2,
  /** A bad command line, option value or mapping. */
  usage: 64,
  /** An unexpected failure inside the program (a bug): one line, no stack trace (`EX_SOFTWARE`). */
  software: 70,
  /** The disk refused a write (full, read-only): the message names the folder (`EX_IOERR`). */
  ioError: 74,
} as const;

/** Where a command writes and how it sets its exit code. */
export interface CliContext {
  /** Writes to standard output (text as given; add your own newlines). */
  readonly out: (text: string) => void;
  /** Writes to standard error. */
  readonly err: (text: string) => void;
  /** Whether standard error is a terminal: progress lines are drawn only then (default false). */
  readonly errIsTTY?: boolean;
  /** The terminal's width, when standard error is one (progress lines are cut to fit). */
  readonly errColumns?: number;
  /** The process exit code once the command's action resolves; commands set it. */
  exitCode: number;
}

/**
 * Adds one command to the program; each command file exports one of these.
 *
 * Use `program.command(name)` (not `addCommand`) so the command inherits the program's exit and
 * output settings, which turn commander's own errors into exit code 64.
 */
export type CommandRegistration = (program: Command, context: CliContext) => void;

/** A bad command line or option value: printed as `error: …` and exits with 64. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
