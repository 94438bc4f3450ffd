/**
 * `omneo-import check <file>`: the full preview of an import from the command line — every profile
 * as it would be sent and every problem by line and column — with nothing sent anywhere.
 */
import type { Command } from 'commander';
import type { CompareInput } from '../../shared/compare/compare-row';
import type { PlannedRow } from '../../shared/engine/check-result';
import { checkFile, CheckOptionsError, type CheckProgress } from '../engine/check-file';
import { addCheckFlags, readCheckArgs } from './check-args';
import { addCompareFlags, compareForCheck, wantsCompare, type CompareFlags } from './check-compare';
import { exitCodeFor, formatReport, reportJson } from './check-output';
import { headerRowHint } from './header-hint';
import { UsageError, type CliContext, type CommandRegistration } from './cli-context';
import { listenForInterrupts } from './interrupts';
import { JsonLinesFile } from './json-lines-file';
import { createProgressLine, formatCheckProgress } from './terminal-progress';

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
      '\nExit codes: 0 every row valid, 1 some rows invalid or duplicates (or, with --compare, conflicts or rows the mode skips), 2 nothing sendable (a file error, a mapping that cannot be sent, or no data rows) or the compare could not finish (no token, refused, interrupted: run again to resume), 64 usage error.',
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

/**
 * Groups valid rows into request bodies as they stream (batch numbers come from the engine) and
 * writes each finished batch as one line.
 */
class PayloadWriter {
  private rows: PlannedRow[] = [];
  private batch = 0;
  match = 'email';

  constructor(private readonly file: JsonLinesFile) {}

  add(batch: number, row: PlannedRow): void {
    if (batch !== this.batch) this.flush();
    this.batch = batch;
    this.rows.push(row);
  }

  flush(): void {
    if (this.rows.length === 0) return;
    this.file.write({ match_criteria: this.match, profiles: this.rows.map((r) => r.profile) });
    this.rows = [];
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
          if (payload !== null) payload.match = options.match;
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
          if (
            payload !== null &&
            outcome.batch !== null &&
            outcome.profile !== null &&
            outcome.matchKey !== null
          ) {
            payload.add(outcome.batch, {
              line: outcome.line,
              matchKey: outcome.matchKey,
              profile: outcome.profile,
            });
          }
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
        ? `${JSON.stringify({ ...reportJson(report), ...(hint && { hint }), ...(compared && { compare: compared.json }) }, null, 2)}\n`
        : `${formatReport(report)}${hint ? `\n${hint}\n` : ''}${compared ? `${compared.text}\n` : ''}`,
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
