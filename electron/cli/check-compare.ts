/**
 * `omneo-import check FILE --compare`: after the check, look every sendable row up in the tenant
 * (read-only) and say what it would do — create, update (fields old → new) or conflict — under the
 * chosen `--mode`. Uses the connection options of `run`; resumes an interrupted compare of the same
 * file, settings and tenant from a private checkpoint in the jobs folder.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { CompareAnswer, CompareInput } from '../../shared/compare/compare-row';
import {
  countCompare,
  formatCompareCounts,
  importModes,
  sendDecision,
  type ImportMode,
} from '../../shared/compare/import-mode';
import { requestsPer1000Rows, runCompare, type CompareRun } from '../compare/run-compare';
import { defaultJournalDir } from '../runner/data-dir';
import { hashFile } from '../runner/file-hash';
import type { CheckArgs } from './check-args';
import { addConnectionFlags, clientFromFlags, type ConnectionFlags } from './connection-flags';

/** The flags `check` adds for compare. */
export interface CompareFlags extends ConnectionFlags {
  compare?: boolean;
  mode: ImportMode;
  journalDir?: string;
}

/** The `--mode` option, the same on `check` and `run`. */
export function modeOption(): Option {
  return new Option(
    '--mode <mode>',
    'create: only new profiles (rows matching one are skipped); update: only existing ones; both',
  )
    .choices(importModes)
    .default('both');
}

/** Adds `--compare`, `--mode` and the connection flags to `check`. */
export function addCompareFlags(command: Command): Command {
  return addConnectionFlags(
    command
      .option('--compare', 'look every sendable row up in Omneo (read-only): create, update or conflict')
      .addOption(modeOption()),
    'Omneo API base URL for --compare, e.g. https://api.acme.getomneo.com/api/v3',
  ).option(
    '--journal-dir <dir>',
    'where an interrupted compare is kept to resume (default: the data folder)',
  );
}

/** Whether the flags ask for a compare (`--compare`, or a mode that needs one). */
export function wantsCompare(flags: CompareFlags): boolean {
  return flags.compare === true || flags.mode !== 'both';
}

/** What a compare adds to `check`'s output and exit code. */
export interface CheckCompareResult {
  readonly exitCode: number;
  /** The `compare` member of `check --json`. */
  readonly json: Record<string, unknown>;
  /** Lines for the readable output. */
  readonly text: string;
}

/** Run the compare for `check`. Exit code 2 when it could not finish, 1 when rows are not sent. */
export async function compareForCheck(
  args: CheckArgs,
  match: string,
  rows: readonly CompareInput[],
  flags: CompareFlags,
  signal: AbortSignal,
  onProgress: (rows: number, requests: number) => void,
): Promise<CheckCompareResult> {
  const connection = clientFromFlags(flags.baseUrl, flags, 'check --compare');
  if (connection.kind === 'no-token') {
    return failed(`${connection.message} Nothing was compared.`);
  }
  const key = createHash('sha256')
    .update(JSON.stringify([await hashFile(args.path), connection.client.baseUrl, args, match]))
    .digest('hex')
    .slice(0, 24);
  const run = await runCompare({
    client: connection.client,
    match,
    rows,
    checkpointFile: path.join(flags.journalDir ?? defaultJournalDir(), 'compare', `${key}.jsonl`),
    signal,
    onProgress: (progress) => onProgress(progress.rows, progress.requests),
  });
  if (run.kind !== 'compared') {
    const why = run.kind === 'cancelled' ? 'interrupted; run the same command again to resume' : run.message;
    return failed(`compare with Omneo ${run.kind === 'cancelled' ? 'stopped' : 'failed'}: ${why}`);
  }
  return describe(run, flags.mode);
}

function failed(message: string): CheckCompareResult {
  return { exitCode: 2, json: { error: message }, text: `compare: ${message}` };
}

function describe(run: CompareRun, mode: ImportMode): CheckCompareResult {
  const counts = countCompare(run.answers, mode);
  const cost = requestsPer1000Rows(run);
  const summary = formatCompareCounts(counts, mode);
  const decided = run.answers.map((answer) => ({ answer, decision: sendDecision(answer, mode) }));
  const lines = [
    `compare (${mode === 'both' ? 'create and update' : `${mode} only`}): ${summary}`,
    ...(counts.unchanged > 0 ? [`  ${counts.unchanged} of the updates change nothing`] : []),
    `  cost: ${run.requests} requests${cost === null ? '' : ` (${cost} per 1,000 rows)`}`,
    ...decided.map(({ answer, decision }) => `  ${rowLine(answer, decision.send ? null : decision.reason)}`),
  ];
  return {
    exitCode: counts.conflict + counts.skippedByMode > 0 ? 1 : 0,
    text: lines.join('\n'),
    json: {
      mode,
      summary,
      counts,
      requests: run.requests,
      requestsPer1000Rows: cost,
      emailInFilter: run.emailInFilter,
      rows: decided.map(({ answer, decision }) => ({
        ...answer,
        send: decision.send,
        ...(!decision.send && { reason: decision.reason }),
      })),
    },
  };
}

/** `line 3 update profile 1: first_name "Ann" → "Annie"; tags (replaced) [old] → [vip]`. */
function rowLine(answer: CompareAnswer, notSent: string | null): string {
  const head = `line ${answer.line} ${answer.action}${answer.profileId ? ` profile ${answer.profileId}` : ''}`;
  if (notSent) return `${head}: not sent — ${notSent}`;
  const changes = answer.changes.map(
    (c) => `${c.field}${c.replacesList ? ' (replaced)' : ''} ${show(c.old)} → ${show(c.new)}`,
  );
  const warnings = answer.warnings.map((w) => `warning: ${w.message}`);
  const details = [...changes, ...warnings];
  return details.length > 0 ? `${head}: ${details.join('; ')}` : head;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (Array.isArray(value)) return `[${value.map(String).join(', ')}]`;
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}
