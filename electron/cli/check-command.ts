/**
 * `omneo-import check <file>`: the full preview of an import from the command line — every profile
 * as it would be sent and every problem by line and column — with nothing sent anywhere.
 */
import type { Command } from 'commander';
import type { CompareInput } from '../../shared/compare/compare-row';
import { BatchCollector } from '../../shared/engine/batch-collector';
import type { CheckOptions } from '../../shared/engine/check-options';
import type { PlannedBatch, RowOutcome } from '../../shared/engine/check-result';
import { checkFile, CheckOptionsError, type CheckProgress } from '../engine/check-file';
import { addCheckFlags, readCheckArgs } from './check-args';
import { addCompareFlags, compareForCheck, wantsCompare, type CompareFlags } from './check-compare';
import { exitCodeFor, formatReport, reportJson } from './check-output';
import { headerRowHint } from './header-hint';
import { UsageError, type CliContext, type CommandRegistration } from './cli-context';
import { listenForInterrupts } from './interrupts';
import { JsonLinesFile } from './json-lines-file';
import { createProgressLine, formatCheckProgress } from './terminal-progress';
import { terminalSafe } from './terminal-text';

interface CheckCommandFlags extends CompareFlags {
  json?: boolean;
  records?: string;
  payload?: string;
}

/** Registers `check` on the program. */
export const registerCheckCommand: CommandRegistration = (program: Command, context: CliContext) => {
  const command = program
    .command('check')
    .description(
      'Read a spreadsheet, map and validate every row, and show what would be sent (sends nothing)',
    )
    .argument('<file>', 'CSV, TSV or Excel file');
  addCompareFlags(addCheckFlags(command))
    .option('--json', 'print one JSON object instead of the readable summary')
    .option('--records <file>', 'write JSON Lines, one per data row: {line, status, profile}')
    .option('--payload <file>', 'write JSON Lines, one per batch: the exact request body')
    .addHelpText(
      'after',
      '\nExit codes: 0 every row valid, 1 some rows invalid or duplicates (or, with --compare, conflicts or rows the mode skips), 2 nothing sendable (a file error, a mapping that cannot be sent, no data rows, a date column of unknown order, or no valid row) or the compare could not finish (no token, refused, interrupted: run again to resume), 64 usage error.',
    )
    .action(async (file: string, flags: CheckCommandFlags & Parameters<typeof readCheckArgs>[1]) => {
      context.exitCode = await runCheck(file, flags, context);
    });
};

function openOutput(flag: string, file: string | undefined): JsonLinesFile | null {
  if (file === undefined) return null;
  try {
    return new JsonLinesFile(file);
  } catch (error) {
    throw new UsageError(
      `${flag} ${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

/** Writes each batch a run would send, as it fills, as one request body per line. */
class PayloadWriter {
  private batches: BatchCollector | null = null;
  private match = 'email';

  constructor(private readonly file: JsonLinesFile) {}

  /** Starts with the check's settled options (match criteria, batch size). */
  start(options: CheckOptions): void {
    this.match = options.match;
    this.batches = new BatchCollector(options.batchSize);
  }

  add(outcome: RowOutcome): void {
    const full = this.batches?.add(outcome);
    if (full) this.write(full);
  }

  flush(): void {
    const last = this.batches?.finish();
    if (last) this.write(last);
  }

  private write(batch: PlannedBatch): void {
    this.file.write({ match_criteria: this.match, profiles: batch.rows.map((r) => r.profile) });
  }
}

async function runCheck(
  file: string,
  flags: CheckCommandFlags & Parameters<typeof readCheckArgs>[1],
  context: CliContext,
): Promise<number> {
  const args = await readCheckArgs(file, flags);
  const records = openOutput('--records', flags.records);
  const payloadFile = openOutput('--payload', flags.payload);
  const payload = payloadFile === null ? null : new PayloadWriter(payloadFile);
  // A progress line on a terminal only, and never with --json (whose reader wants one object).
  const progressLine = createProgressLine({
    write: context.err,
    isTTY: context.errIsTTY === true && !flags.json,
    ...(context.errColumns !== undefined && { columns: context.errColumns }),
  });
  let phase: CheckProgress['phase'] | null = null;
  let phaseStarted = performance.now();
  const compareRows: CompareInput[] | null = wantsCompare(flags) ? [] : null;
  const compareWithProgress = async (rows: readonly CompareInput[]) => {
    const interrupts = listenForInterrupts((text) => progressLine.above(`${text}\n`));
    try {
      return await compareForCheck(args, matchOf, rows, flags, interrupts.signal, (done, requests) =>
        progressLine.update(
          () => `comparing with Omneo: ${done} of ${rows.length} rows, ${requests} requests`,
        ),
      );
    } finally {
      progressLine.clear();
      interrupts.dispose();
    }
  };
  let matchOf = 'email';
  try {
    const report = await checkFile(
      args.path,
      args.read,
      { from: args.mapping, overrides: args.overrides },
      args.options,
      {
        onStart: ({ options }) => {
          matchOf = options.match;
          payload?.start(options);
        },
        onProgress: (progress) => {
          if (progress.phase !== phase) {
            phase = progress.phase;
            phaseStarted = performance.now();
          }
          progressLine.update(() => formatCheckProgress(progress, performance.now() - phaseStarted));
        },
        onRow: (outcome) => {
          if (compareRows && outcome.status === 'valid' && outcome.profile && outcome.matchKey) {
            compareRows.push({ line: outcome.line, matchKey: outcome.matchKey, profile: outcome.profile });
          }
          records?.write({
            line: outcome.line,
            status: outcome.status,
            profile: outcome.status === 'valid' ? outcome.profile : null,
          });
          payload?.add(outcome);
        },
      },
    );
    progressLine.clear();
    payload?.flush();
    const sendable = report.fileError === null && report.mappingProblems.length === 0;
    records?.commit(sendable);
    payloadFile?.commit(sendable);
    const hint = await headerRowHint(args.path, args.read, report);
    const compared = compareRows && sendable ? await compareWithProgress(compareRows) : null;
    context.out(
      flags.json
        ? `${terminalSafe(JSON.stringify({ ...reportJson(report), ...(hint && { hint }), ...(compared && { compare: compared.json }) }, null, 2), true)}
`
        : `${formatReport(report)}${
            hint
              ? `
${terminalSafe(hint)}
`
              : ''
          }${
            compared
              ? `${terminalSafe(compared.text, true)}
`
              : ''
          }`,
    );
    return Math.max(exitCodeFor(report), compared?.exitCode ?? 0);
  } catch (error) {
    progressLine.clear();
    records?.discard();
    payloadFile?.discard();
    if (error instanceof CheckOptionsError) throw new UsageError(error.message);
    throw error;
  }
}
