/**
 * `omneo-import run <file>`: check the file, then send its valid rows to Omneo in batches, with a
 * durable journal (`--resume JOB` after a crash), and write results.csv and errors.csv.
 *
 * Takes every `check` flag (added by `addCheckFlags`, parsed by `readCheckArgs`) plus the connection
 * and run flags. Exit codes ({@link runExitCodesHelp}): 0 every row imported, 1 some rows failed,
 * were invalid, duplicates or not sent, 2 nothing sent (file, mapping, journal or credential
 * error), 64 a usage error, 130/143 interrupted by SIGINT/SIGTERM (resumable).
 */
import type { Command } from 'commander';
import { formatReconciliation } from '../../shared/runner/reconcile';
import type { RunEvent } from '../../shared/runner/run-events';
import { callWithRetry } from '../omneo/retrying-call';
import { defaultJournalDir } from '../runner/data-dir';
import { runImportJob, type ImportJobOutcome } from '../runner/import-job';
import { jobIdPattern, JournalError, readJobSettings } from '../runner/journal';
import { createProgressPrinter } from '../runner/progress-printer';
import { addCheckFlags, readCheckArgs } from './check-args';
import { exitCodes, UsageError, type CliContext, type CommandRegistration } from './cli-context';
import { modeOption, wantsCompare } from './check-compare';
import { addConnectionFlags, clientFromFlags, type ConnectionFlags } from './connection-flags';
import type { ImportMode } from '../../shared/compare/import-mode';
import { headerRowHint } from './header-hint';
import { listenForInterrupts, signalExitCodes, type Interrupts } from './interrupts';
import {
  applyRunEvent,
  createProgressLine,
  formatRunProgress,
  redrawEveryMs,
  startRunProgress,
} from './terminal-progress';

/** The exit codes of `run`, as `--help` shows them. */
export const runExitCodesHelp = `
Exit codes:
  0    every row was imported (created or updated; blank rows are skipped)
  1    some rows failed at Omneo, were invalid or duplicates, or were not sent (see errors.csv)
  2    nothing was sent: a file error, a mapping that cannot be sent, no data rows, an unknown or
       busy job (another process is sending it), or the token was refused or could not be checked
  64   a usage error: a bad flag, option value or job id
  130  interrupted by Ctrl+C (SIGINT); 143 stopped by SIGTERM — reports are written for what is
       known; continue with: omneo-import run --resume JOB

Ctrl+C once stops gently (batches already sent get their answer); twice aborts the requests in
flight (a resume sends them again, safely: Omneo upserts on each row's match key); three times exits.`;

/** The run-only flags commander parses. */
interface RunFlags extends ConnectionFlags {
  compare?: boolean;
  mode: ImportMode;
  concurrency: string;
  importJobId?: string;
  journalDir?: string;
  resume?: string;
  wait: boolean;
  report?: string;
  json?: boolean;
}

/** Registers `run` on the program. */
export const registerRunCommand: CommandRegistration = (program: Command, context: CliContext) => {
  const command = program
    .command('run')
    .description('Check a file and import its valid rows into Omneo, with retries and a resumable journal.')
    .argument('[file]', 'CSV, TSV or Excel file (optional with --resume)');
  addConnectionFlags(
    addCheckFlags(command),
    "Omneo API base URL, e.g. https://api.acme.getomneo.com/api/v3 (default with --resume: the job's)",
  )
    .option('--compare', 'compare with Omneo first: conflicts are not sent, and the job can be undone')
    .addOption(modeOption())
    .option('--concurrency <n>', 'batches in flight at once, 1–32', '4')
    .option('--import-job-id <id>', 'Omneo import job to group the batches under')
    .option('--journal-dir <dir>', 'where job journals are kept (default: the per-user data folder)')
    .option('--resume <job>', 'resume an interrupted job by its id')
    .option('--no-wait', "don't follow batches to their outcome")
    .option('--report <dir>', 'folder for results.csv and errors.csv (default: the job folder)')
    .option('--json', 'print events as JSON Lines')
    .addHelpText('after', runExitCodesHelp)
    .action(async (file: string | undefined, flags: RunFlags & Parameters<typeof readCheckArgs>[1]) => {
      context.exitCode = await runCommand(file, flags, context);
    });
};

async function runCommand(
  file: string | undefined,
  flags: RunFlags & Parameters<typeof readCheckArgs>[1],
  context: CliContext,
): Promise<number> {
  // On a terminal (and never with --json) one progress line, redrawn in place; notices print
  // above it. Elsewhere the printer writes one line per notable event.
  const tty = context.errIsTTY === true && !flags.json;
  const progressLine = createProgressLine({
    write: context.err,
    isTTY: tty,
    ...(context.errColumns !== undefined && { columns: context.errColumns }),
  });
  /** Prints a failure (and its JSON event with --json) and returns its exit code. */
  const fail = (reason: string, message: string, code: number): number => {
    if (flags.json) context.out(`${JSON.stringify({ kind: 'error', reason, message, exitCode: code })}\n`);
    progressLine.clear();
    context.err(`error: ${message}\n`);
    return code;
  };
  if (!file && !flags.resume) throw new UsageError('run: give a file to import, or --resume JOB');
  if (flags.resume !== undefined && !jobIdPattern.test(flags.resume)) {
    throw new UsageError(
      `--resume "${flags.resume}": not a job id; job ids look like 20250131-093000-ab12 (printed when the job started)`,
    );
  }
  const concurrency = Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    throw new UsageError(`--concurrency "${flags.concurrency}": expected a whole number from 1 to 32`);
  }
  const journalDir = flags.journalDir ?? defaultJournalDir();
  const baseUrl = flags.baseUrl ?? (flags.resume ? await baseUrlOfJob(journalDir, flags.resume) : undefined);
  const connection = clientFromFlags(baseUrl, flags, 'run');
  const args = file ? await readCheckArgs(file, flags) : null;
  if (connection.kind === 'no-token') {
    return fail('credentials', `${connection.message} Nothing was sent.`, exitCodes.fileError);
  }
  const { client } = connection;

  let progress = startRunProgress(performance.now());
  const redraw = (): void => progressLine.update(() => formatRunProgress(progress, performance.now()));
  // Redraws without events too: the check before sending, and rate-limit waits counting down.
  const ticker = tty ? setInterval(redraw, redrawEveryMs) : null;
  ticker?.unref();
  const interrupts = listenForInterrupts((text) => progressLine.above(`${text}\n`));
  const printer = createProgressPrinter({ write: progressLine.above, isTTY: Boolean(context.errIsTTY) });
  try {
    const verified = await callWithRetry((signal) => client.verify(signal), {
      signal: interrupts.signal,
      onRetry: (failure, retry, delayMs) => {
        const what = 'message' in failure ? failure.message : failure.kind;
        if (flags.json) {
          context.out(`${JSON.stringify({ kind: 'verify-retry', reason: failure.kind, retry, delayMs })}\n`);
        } else {
          progressLine.above(`checking the token: ${what}; retrying in ${(delayMs / 1000).toFixed(1)} s\n`);
        }
      },
    });
    if (interrupts.received()) return interrupted(interrupts, null, flags, context);
    if (verified.kind !== 'ok') {
      const why =
        verified.kind === 'unauthorised'
          ? `Omneo refused the token in ${flags.tokenEnv} (HTTP ${verified.status}: ${verified.message})`
          : `could not verify the token at ${client.baseUrl}: ${'message' in verified ? verified.message : verified.kind}`;
      return fail('credentials', `${why}. Nothing was sent.`, exitCodes.fileError);
    }

    const onEvent = flags.json
      ? (event: RunEvent) => context.out(`${JSON.stringify(event)}\n`)
      : (event: RunEvent) => {
          if (!tty) return printer.onEvent(event);
          progress = applyRunEvent(progress, event, performance.now());
          // The printer's own bar is replaced by the progress line; its notices still print.
          if (event.kind !== 'progress') printer.onEvent(event);
          redraw();
        };
    const outcome = await runImportJob({
      client,
      journalDir,
      resumeJobId: flags.resume ?? null,
      ...(args && {
        path: args.path,
        read: args.read,
        mapping: args.mapping,
        overrides: args.overrides,
        options: args.options,
      }),
      concurrency,
      compare: wantsCompare(flags)
        ? {
            mode: flags.mode,
            onProgress: (rows, requests) =>
              progressLine.update(() => `comparing with Omneo: ${rows} rows, ${requests} requests`),
          }
        : null,
      importJobId: flags.importJobId ?? null,
      wait: flags.wait,
      reportDir: flags.report ?? null,
      signal: interrupts.signal,
      onEvent,
      onStarted: (run, jobId) => {
        interrupts.attach(run);
        if (!flags.json) progressLine.above(`job ${jobId}${flags.resume ? ' (resumed)' : ''}\n`);
        else context.out(`${JSON.stringify({ kind: 'job', jobId, resumed: Boolean(flags.resume) })}\n`);
      },
    });
    if (ticker !== null) clearInterval(ticker);
    progressLine.clear();
    printer.end();
    if (outcome.kind === 'interrupted') return interrupted(interrupts, null, flags, context);
    if (outcome.kind === 'not-sendable' && outcome.check && args) {
      const hint = await headerRowHint(args.path, args.read, outcome.check);
      if (hint) return fail(outcome.kind, `${outcome.message}\n${hint}`, exitCodes.fileError);
    }
    if (outcome.kind !== 'ran') return fail(outcome.kind, outcome.message, exitCodes.fileError);
    return finish(outcome, interrupts, flags, context);
  } finally {
    if (ticker !== null) clearInterval(ticker);
    progressLine.clear();
    printer.end();
    interrupts.dispose();
  }
}

/** Exit code and message when a signal stopped the run before any job started. */
function interrupted(
  interrupts: Interrupts,
  jobId: string | null,
  flags: RunFlags,
  context: CliContext,
): number {
  const signal = interrupts.received() ?? 'SIGINT';
  const code = signalExitCodes[signal];
  const message = jobId
    ? `Interrupted — continue with: omneo-import run --resume ${jobId}`
    : 'Interrupted before anything was sent.';
  if (flags.json)
    context.out(`${JSON.stringify({ kind: 'interrupted', signal, jobId, message, exitCode: code })}\n`);
  context.err(`${message}\n`);
  return code;
}

/** The base URL a job was started with, so `--resume JOB` needs no `--base-url`; null if unknown. */
async function baseUrlOfJob(journalDir: string, jobId: string): Promise<string | undefined> {
  try {
    return (await readJobSettings(journalDir, jobId)).baseUrl;
  } catch (error) {
    if (error instanceof JournalError) return undefined;
    throw error;
  }
}

function finish(
  outcome: Extract<ImportJobOutcome, { kind: 'ran' }>,
  interrupts: Interrupts,
  flags: RunFlags,
  context: CliContext,
): number {
  const { counts } = outcome.report;
  const signal = outcome.result.status === 'cancelled' ? interrupts.received() : null;
  const code = signal
    ? signalExitCodes[signal]
    : outcome.result.status === 'paused-credentials'
      ? exitCodes.fileError
      : counts.created + counts.updated + counts.accepted + counts.blank === counts.rows
        ? exitCodes.ok
        : exitCodes.rowProblems;
  const stopped =
    outcome.result.status === 'completed'
      ? null
      : `${signal ? 'Interrupted' : outcome.result.status === 'cancelled' ? 'Cancelled' : 'Stopped: Omneo refused the token'} — continue with: omneo-import run --resume ${outcome.jobId}`;
  const resent = outcome.result.batches.filter((b) => b.resent).map((b) => b.index + 1);
  if (flags.json) {
    context.out(
      `${JSON.stringify({
        kind: 'report',
        jobId: outcome.jobId,
        status: outcome.result.status,
        counts,
        resentBatches: resent,
        results: outcome.report.resultsPath,
        errors: outcome.report.errorsPath,
        ...(outcome.result.status !== 'completed' && {
          resume: `omneo-import run --resume ${outcome.jobId}`,
        }),
        ...(signal && { interrupted: signal }),
        exitCode: code,
      })}\n`,
    );
    if (stopped) context.err(`${stopped}\n`);
    return code;
  }
  const lines = [
    formatReconciliation(counts),
    ...(resent.length > 0 ? [`re-sent after an unknown outcome: batch ${resent.join(', ')}`] : []),
    `results: ${outcome.report.resultsPath}`,
    ...(outcome.report.errorsPath
      ? [`rows to fix (${outcome.report.rowsToFix}): ${outcome.report.errorsPath}`]
      : []),
    ...(stopped ? [stopped] : []),
  ];
  context.out(`${lines.join('\n')}\n`);
  return code;
}
