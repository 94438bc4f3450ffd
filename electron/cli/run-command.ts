/**
 * `omneo-import run <file>`: the CLI's front end over the job core (electron/jobs/): check the file
 * into a job, send it, and print what the job's reports say. `--resume JOB` continues any job,
 * including one the app started.
 *
 * Takes every `check` flag (added by `addCheckFlags`, parsed by `readCheckArgs`) plus the connection
 * and run flags. Exit codes: see {@link runExitCodesHelp} (0, 1, 2, 64, 70, 74, 130, 143).
 */
import type { Command } from 'commander';
import { describeLeftOut } from '../../shared/engine/left-out';
import { formatReconciliation } from '../../shared/runner/reconcile';
import type { RunEvent } from '../../shared/runner/run-events';
import { jobFromFile } from '../jobs/job-from-file';
import { JobDiskError, readJobSpec } from '../jobs/job-folder';
import { jobIdPattern } from '../jobs/job-spec';
import { openJobToResume } from '../jobs/job-store';
import { JournalError } from '../jobs/journal';
import { JobNotStartedError, runJob, type JobEnd, type OpenJob } from '../jobs/run-job';
import { compareBeforeSending } from '../undo/record-before-send';
import { failureMessage } from '../omneo/api-outcome';
import { callWithRetry } from '../omneo/retrying-call';
import { defaultJournalDir } from '../runner/data-dir';
import { hashFile } from '../runner/file-hash';
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
  1    some rows failed at Omneo, were invalid or duplicates, were not sent, or their outcome is
       still unknown (see errors.csv; the job can be resumed)
  2    nothing was sent: a file error, a mapping that cannot be sent, no data rows, an unknown,
       damaged or busy job (another process is sending it, or the same file to the same tenant),
       or the token was refused or could not be checked
  64   a usage error: a bad flag, option value or job id, or --resume with another --base-url
  70   an unexpected failure inside omneo-import (a bug): one line, no stack trace
  74   the disk refused a write (full, read-only): the message names the folder; resume later
  130  interrupted by Ctrl+C (SIGINT); 143 stopped by SIGTERM — reports are written for what is
       known; continue with: omneo-import run --resume JOB

Ctrl+C once stops gently (batches already sent get their answer and are followed to their
outcome); twice aborts the requests in flight (a resume sends them again, safely: Omneo upserts
on each row's match key); three times exits.`;

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
  const jobBaseUrl = flags.resume ? await baseUrlOfJob(journalDir, flags.resume) : undefined;
  if (flags.resume && flags.baseUrl && jobBaseUrl && !sameBaseUrl(flags.baseUrl, jobBaseUrl)) {
    throw new UsageError(
      `--base-url ${flags.baseUrl}: job ${flags.resume} sends to ${jobBaseUrl}; a job never spans two tenants. Leave out --base-url to resume it, or start a new import.`,
    );
  }
  const connection = clientFromFlags(flags.baseUrl ?? jobBaseUrl, flags, 'run');
  const args = file && !flags.resume ? await readCheckArgs(file, flags) : null;
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
        const what = failureMessage(failure);
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
          : `could not verify the token at ${client.baseUrl}: ${failureMessage(verified)}`;
      return fail('credentials', `${why}. Nothing was sent.`, exitCodes.fileError);
    }

    let job: OpenJob;
    try {
      if (flags.resume) {
        job = await openJobToResume(journalDir, flags.resume, { baseUrl: client.baseUrl });
        if (file) await assertSameFile(file, job);
        await assertSameMode(job, flags);
      } else {
        if (!args) throw new UsageError('run: give a file to import, or --resume JOB');
        const made = await jobFromFile({
          journalDir,
          path: args.path,
          read: args.read,
          mapping: args.mapping,
          overrides: args.overrides,
          options: args.options,
          baseUrl: client.baseUrl,
          importJobId: flags.importJobId ?? null,
          wait: flags.wait,
          compare: wantsCompare(flags) ? { mode: flags.mode } : null,
          signal: interrupts.signal,
        });
        if (made.kind === 'interrupted') return interrupted(interrupts, null, flags, context);
        if (made.kind === 'not-sendable') {
          const hint = made.check ? await headerRowHint(args.path, args.read, made.check) : null;
          return fail(made.kind, hint ? `${made.message}\n${hint}` : made.message, exitCodes.fileError);
        }
        job = made.job;
      }
    } catch (error) {
      if (error instanceof JournalError) {
        if (error.reason === 'other-tenant') throw new UsageError(error.message);
        return fail('journal-error', error.message, exitCodes.fileError);
      }
      throw error;
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
    const jobId = job.spec.jobId;
    const run = runJob(job, {
      client,
      concurrency,
      beforeSending: (open, signal) =>
        compareBeforeSending(open, client, signal, (rows, requests) =>
          progressLine.update(() => `comparing with Omneo: ${rows} rows, ${requests} requests`),
        ),
      onEvent,
      onCredentialsRefused: 'stop',
      reportDir: flags.report ?? null,
    });
    interrupts.attach(run);
    if (interrupts.received()) run.interrupt();
    if (!flags.json) progressLine.above(`job ${jobId}${flags.resume ? ' (resumed)' : ''}\n`);
    else context.out(`${JSON.stringify({ kind: 'job', jobId, resumed: Boolean(flags.resume) })}\n`);
    let end: JobEnd;
    try {
      end = await run.done;
    } catch (error) {
      if (!(error instanceof JobNotStartedError)) throw error;
      if (error.interrupted) return interrupted(interrupts, jobId, flags, context);
      return fail('not-sendable', `${error.message} Resume with the job ${jobId}.`, exitCodes.fileError);
    }
    if (ticker !== null) clearInterval(ticker);
    progressLine.clear();
    printer.end();
    return finish(end, interrupts, flags, context);
  } catch (error) {
    if (error instanceof JobDiskError) return fail('disk', error.message, exitCodes.ioError);
    throw error;
  } finally {
    if (ticker !== null) clearInterval(ticker);
    progressLine.clear();
    printer.end();
    interrupts.dispose();
  }
}

/** Refuses `run FILE --resume JOB` when FILE is not the file the job checked. */
async function assertSameFile(file: string, job: OpenJob): Promise<void> {
  const sha256 = await hashFile(file).catch(() => null);
  if (sha256 === job.spec.file.sha256) return;
  await job.journal.close();
  await job.senderLock.release();
  throw new JournalError(
    `${file} is not the file job ${job.spec.jobId} checked (${job.spec.file.name}, SHA-256 ${job.spec.file.sha256.slice(0, 12)}…); ` +
      `resuming sends the rows as they were checked: leave out the file, or start a new import.`,
  );
}

/**
 * Refuses `--resume JOB` with a compare or mode the job did not start with: skipping other rows now
 * would renumber the batches it sent (a job keeps its mode).
 */
async function assertSameMode(job: OpenJob, flags: RunFlags): Promise<void> {
  const recorded = job.spec.compare?.mode ?? null;
  const wanted = wantsCompare(flags);
  let why: string | null = null;
  if (recorded === null && wanted) {
    why = `Job ${job.spec.jobId} was started without a compare; resume it without --compare or --mode.`;
  } else if (recorded !== null && flags.mode !== 'both' && flags.mode !== recorded) {
    why = `Job ${job.spec.jobId} was started with --mode ${recorded}; resume it without --mode or with --mode ${recorded}.`;
  }
  if (why === null) return;
  await job.journal.close();
  await job.senderLock.release();
  throw new JournalError(why);
}

function sameBaseUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
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

/** The base URL a job was started with, so `--resume JOB` needs no `--base-url`; undefined if unknown. */
async function baseUrlOfJob(journalDir: string, jobId: string): Promise<string | undefined> {
  try {
    return (await readJobSpec(journalDir, jobId)).connection.baseUrl;
  } catch (error) {
    if (error instanceof JournalError) return undefined;
    throw error;
  }
}

function finish(end: JobEnd, interrupts: Interrupts, flags: RunFlags, context: CliContext): number {
  const { counts } = end.report;
  const jobId = end.spec.jobId;
  const status = end.result.status;
  const signal = status === 'cancelled' ? interrupts.received() : null;
  const complete = end.summary.state === 'completed';
  const code = signal
    ? signalExitCodes[signal]
    : status === 'paused-credentials'
      ? exitCodes.fileError
      : complete && counts.created + counts.updated + counts.accepted + counts.blank === counts.rows
        ? exitCodes.ok
        : exitCodes.rowProblems;
  const stopped = complete
    ? null
    : `${signal ? 'Interrupted' : status === 'cancelled' ? 'Cancelled' : status === 'paused-credentials' ? 'Stopped: Omneo refused the token' : `Not complete: ${end.summary.message ?? 'rows are pending'}`} — continue with: omneo-import run --resume ${jobId}`;
  const resent = end.result.batches.filter((b) => b.resent).map((b) => b.index + 1);
  if (flags.json) {
    context.out(
      `${JSON.stringify({
        kind: 'report',
        jobId,
        status,
        state: end.summary.state,
        counts,
        pending: end.summary.counts.pending,
        resentBatches: resent,
        leftOut: end.report.leftOut,
        results: end.report.resultsPath,
        errors: end.report.errorsPath,
        ...(!complete && { resume: `omneo-import run --resume ${jobId}` }),
        ...(signal && { interrupted: signal }),
        exitCode: code,
      })}\n`,
    );
    if (stopped) context.err(`${stopped}\n`);
    return code;
  }
  const leftOut = describeLeftOut(end.report.leftOut);
  const lines = [
    formatReconciliation(counts),
    ...(leftOut ? [`left out: ${leftOut} (see the left_out column of results.csv)`] : []),
    ...(resent.length > 0 ? [`re-sent after an unknown outcome: batch ${resent.join(', ')}`] : []),
    `results: ${end.report.resultsPath}`,
    ...(end.report.errorsPath ? [`rows to fix (${end.report.rowsToFix}): ${end.report.errorsPath}`] : []),
    ...(stopped ? [stopped] : []),
  ];
  context.out(`${lines.join('\n')}\n`);
  return code;
}
