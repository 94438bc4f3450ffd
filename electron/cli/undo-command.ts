/**
 * `omneo-import undo JOB`: take an import back — delete the profiles it created, restore the ones
 * it updated to their recorded values, keep (and list) those changed since. States the counts
 * (delete N, restore M, keep K) and asks before changing anything (`--yes` to skip the question).
 * Resumable: run it again after an interruption. Writes `undo-report.json` in the job folder.
 */
import { createInterface } from 'node:readline/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { checkBaseUrl } from '../../shared/ipc/base-url';
import { defaultJournalDir } from '../runner/data-dir';
import { JobLockedError } from '../jobs/job-lock';
import { readJobSpec } from '../jobs/job-folder';
import { jobIdPattern } from '../jobs/job-spec';
import { JournalError } from '../jobs/journal';
import {
  describeResult,
  executeUndo,
  planUndo,
  UndoError,
  type PlannedUndo,
  type UndoReport,
} from '../undo/run-undo';
import { undoReportJson, writeUndoReport } from '../undo/undo-report';
import { exitCodes, UsageError, type CliContext, type CommandRegistration } from './cli-context';
import { addConnectionFlags, clientFromFlags, type ConnectionFlags } from './connection-flags';
import { listenForInterrupts, signalExitCodes } from './interrupts';

interface UndoFlags extends ConnectionFlags {
  journalDir?: string;
  yes?: boolean;
  json?: boolean;
  concurrency: string;
}

/** Registers `undo` on the program. */
export const registerUndoCommand: CommandRegistration = (program: Command, context: CliContext) => {
  const command = program
    .command('undo')
    .description('Undo an import: delete the profiles it created, restore the ones it updated')
    .argument('<job>', 'the job id printed when the import started');
  addConnectionFlags(command, "Omneo API base URL (default: the job's; another tenant is refused)")
    .option('--journal-dir <dir>', 'where job journals are kept (default: the per-user data folder)')
    .option('--concurrency <n>', 'requests in flight at once, 1–32', '4')
    .option('--yes', 'do not ask before changing profiles')
    .option('--json', 'print the plan and the report as JSON')
    .addHelpText(
      'after',
      '\nOnly jobs run with --compare or --mode can be undone. A profile changed since the import is kept and listed.\nExit codes: 0 everything undone, 1 some profiles kept or failed, 2 not undoable, busy, or the token is missing or refused, 64 usage error, 130/143 interrupted (run again to resume).',
    )
    .action(async (jobId: string, flags: UndoFlags) => {
      context.exitCode = await undoCommand(jobId, flags, context);
    });
};

async function undoCommand(jobId: string, flags: UndoFlags, context: CliContext): Promise<number> {
  if (!jobIdPattern.test(jobId))
    throw new UsageError(`undo "${jobId}": not a job id (they look like 20250131-093000-ab12)`);
  const concurrency = Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    throw new UsageError(`--concurrency "${flags.concurrency}": expected a whole number from 1 to 32`);
  }
  const fail = (message: string): number => {
    if (flags.json)
      context.out(`${JSON.stringify({ kind: 'error', message, exitCode: exitCodes.fileError })}\n`);
    context.err(`error: ${message}\n`);
    return exitCodes.fileError;
  };
  const journalDir = flags.journalDir ?? defaultJournalDir();
  let jobBaseUrl: string;
  try {
    jobBaseUrl = (await readJobSpec(journalDir, jobId)).connection.baseUrl;
  } catch (error) {
    if (error instanceof JournalError) return fail(error.message);
    throw error;
  }
  const connection = clientFromFlags(flags.baseUrl ?? jobBaseUrl, flags, 'undo');
  if (connection.kind === 'no-token') return fail(`${connection.message} Nothing was changed.`);
  const jobUrl = checkBaseUrl(jobBaseUrl);
  if (flags.baseUrl && (!jobUrl.ok || jobUrl.url !== connection.client.baseUrl)) {
    throw new UsageError(`--base-url: job ${jobId} was imported into ${jobBaseUrl}; undo it there`);
  }
  const interrupts = listenForInterrupts((text) => context.err(`${text}\n`));
  const options = { client: connection.client, journalDir, jobId, concurrency, signal: interrupts.signal };
  try {
    let planned: PlannedUndo;
    try {
      planned = await planUndo(options);
    } catch (error) {
      if (error instanceof UndoError || error instanceof JobLockedError) return fail(error.message);
      throw error;
    }
    const { counts } = planned;
    const summary = `delete ${counts.delete}, restore ${counts.restore}, keep ${counts.keep}${counts.gone ? ` (${counts.gone} already gone)` : ''}${counts.done ? ` (${counts.done} done by an earlier undo)` : ''}`;
    if (flags.json) context.out(`${JSON.stringify({ kind: 'plan', jobId, counts })}\n`);
    else context.err(`undo job ${jobId}: ${summary}\n`);
    if (!flags.yes && !(await confirmed(context))) {
      await planned.close();
      context.err('Nothing was changed.\n');
      return process.stdin.isTTY ? exitCodes.ok : exitCodes.usage;
    }
    const report = await executeUndo(options, planned);
    await writeUndoReport(path.join(journalDir, jobId), undoReportJson(jobId, report));
    const signal = interrupts.received();
    const problems = report.results.filter(
      ({ decision, result }) => decision.action === 'kept' || (result !== null && typeof result !== 'string'),
    );
    const code = signal
      ? signalExitCodes[signal]
      : problems.length > 0
        ? exitCodes.rowProblems
        : exitCodes.ok;
    if (flags.json)
      context.out(
        `${JSON.stringify({ kind: 'report', ...undoReportJson(jobId, report), exitCode: code })}\n`,
      );
    else context.out(`${reportText(jobId, report)}\n`);
    if (signal) context.err(`Interrupted — continue with: omneo-import undo ${jobId}\n`);
    return code;
  } finally {
    interrupts.dispose();
  }
}

async function confirmed(context: CliContext): Promise<boolean> {
  if (!process.stdin.isTTY) {
    context.err('Confirm with --yes (standard input is not a terminal).\n');
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question('Proceed? [y/N] ')).trim());
  } finally {
    rl.close();
  }
}

function reportText(jobId: string, report: UndoReport): string {
  const count = (what: string) => report.results.filter(({ result }) => result === what).length;
  const lines = [`undo of job ${jobId}: ${count('deleted')} deleted, ${count('restored')} restored`];
  for (const { decision, result } of report.results) {
    const who = `profile ${decision.target.profileId ?? '?'} (line ${decision.target.line})`;
    if (decision.action === 'kept') lines.push(`  kept — ${decision.reason ?? ''}: ${who}`);
    else if (result !== null && typeof result !== 'string') lines.push(`  ${describeResult(result)}: ${who}`);
  }
  if (!report.complete) lines.push('  not finished: run the same command again to resume');
  return lines.join('\n');
}
