/**
 * A job's counts and state, as the history, `outcome.json` and both front ends tell them: the
 * check's counts plus each sent row's outcome, so `rows = blank + invalid + duplicate + skipped +
 * created + updated + failed + pending`.
 */
import type { OperationOutput } from '../../shared/ipc/contract';
import { assertNever, type RunEvent, type RunResult } from '../../shared/runner/run-events';
import type { ReportSummary } from '../runner/report-writer';
import type { BatchRecord } from '../runner/run-journal';
import type { JobSummary } from './job-folder';
import type { JobSpec } from './job-spec';

/** A job's row counts (see the module comment). */
export type JobCounts = OperationOutput<'jobs:list'>['jobs'][number]['counts'];

const number = new Intl.NumberFormat('en');
const rowsText = (n: number): string => `${number.format(n)} ${n === 1 ? 'row' : 'rows'}`;

/** Outcomes so far of a running job's rows: from its journal, then from each runner event. */
export class LiveTally {
  created = 0;
  updated = 0;
  failed = 0;

  /** The job's check counts (with any rows a compare left out counted as skipped). */
  check: JobSpec['check'];

  constructor(spec: JobSpec, journalled: Iterable<BatchRecord>) {
    this.check = spec.check;
    for (const record of journalled) {
      this.failed += record.rejected.size;
      if (record.state !== 'settled' || !record.items) continue;
      for (const item of record.items) this[item.outcome] += 1;
    }
  }

  /** Rows handed to the runner with no outcome yet. */
  get pending(): number {
    return Math.max(0, this.check.valid - this.created - this.updated - this.failed);
  }

  /** The job's counts now. */
  counts(): JobCounts {
    const { rows, blank, invalid, duplicate, skipped } = this.check;
    const { created, updated, failed, pending } = this;
    return { rows, blank, invalid, duplicate, skipped, created, updated, failed, pending };
  }

  /** Counts one runner event in. */
  handle(event: RunEvent): void {
    switch (event.kind) {
      case 'batch-settled':
        this.created += event.created;
        this.updated += event.updated;
        this.failed += event.failed;
        return;
      case 'batch-failed':
        this.failed += event.rows;
        return;
      case 'batch-rejected-rows':
        this.failed += event.rows.length;
        return;
      case 'batch-sending':
      case 'batch-accepted':
      case 'batch-retry-scheduled':
      case 'batch-skipped':
      case 'progress':
      case 'paused':
      case 'resumed':
      case 'concurrency-changed':
      case 'finished':
        return;
      default:
        assertNever(event);
    }
  }
}

/** The summary of a job still running (the history's `summary.json`). */
export function summaryOf(spec: JobSpec, tally: LiveTally, state: 'running' | 'paused'): JobSummary {
  return {
    ...identity(spec),
    finishedAt: null,
    state,
    counts: tally.counts(),
    message: null,
    rowsToFix: 0,
    reports: null,
    resumable: state === 'paused',
  };
}

function identity(
  spec: JobSpec,
): Pick<JobSummary, 'jobId' | 'fileName' | 'connectionName' | 'startedBy' | 'startedAt' | 'batches'> {
  return {
    jobId: spec.jobId,
    fileName: spec.file.name,
    connectionName: spec.connection.name,
    startedBy: spec.startedBy,
    startedAt: spec.createdAt,
    batches: spec.check.batches,
  };
}

/** Counts of a finished run: the check's counts plus the runner's outcome of every sent row. */
export function countsOf(spec: JobSpec, result: Pick<RunResult, 'rows'>): JobCounts {
  let created = 0;
  let updated = 0;
  let failed = 0;
  let pending = 0;
  for (const row of result.rows) {
    if (row.outcome === 'created') created += 1;
    else if (row.outcome === 'updated') updated += 1;
    else if (row.outcome === 'failed' || row.outcome === 'invalid') failed += 1;
    else pending += 1;
  }
  const { rows, blank, invalid, duplicate, skipped } = spec.check;
  return { rows, blank, invalid, duplicate, skipped, created, updated, failed, pending };
}

/**
 * The outcome of a run that ended: `completed` only when no sent row is left without an outcome
 * (with `--no-wait`, rows Omneo accepted count as done); otherwise `cancelled` (the user stopped
 * it) or `interrupted` (the app closed, the token was refused, or outcomes are unknown), saying how
 * many rows are pending.
 */
export function endOf(
  spec: JobSpec,
  result: RunResult,
  report: ReportSummary,
  reports: string,
  closing: boolean,
): JobSummary {
  const counts = countsOf(spec, result);
  const notSent = result.rows.filter((r) => r.outcome === 'not-sent').length;
  const accepted = result.rows.filter((r) => r.outcome === 'accepted').length;
  const unsettled = notSent + (spec.wait ? accepted : 0);
  let state: JobSummary['state'];
  let message: string | null;
  if (result.status === 'completed' && unsettled === 0) {
    state = 'completed';
    message =
      counts.failed > 0
        ? `${rowsText(counts.failed)} failed; see errors.csv.`
        : accepted > 0
          ? `${rowsText(accepted)} accepted by Omneo; their outcome was not followed (no wait).`
          : null;
  } else if (result.status === 'completed') {
    state = 'interrupted';
    message = `${rowsText(unsettled)} pending: Omneo acknowledged ${unsettled === 1 ? 'it' : 'them'} but the outcome is unknown. Resume the job to send ${unsettled === 1 ? 'it' : 'them'} again.`;
  } else if (result.status === 'paused-credentials') {
    state = 'interrupted';
    message = `Omneo refused the API token; ${rowsText(unsettled)} pending. Fix the token and resume the job.`;
  } else if (closing) {
    state = 'interrupted';
    message = `The import stopped before it finished (the app closed); ${rowsText(unsettled)} pending. Resume it to send the rest.`;
  } else {
    state = 'cancelled';
    message = cancelledMessage(result);
  }
  return {
    ...identity(spec),
    finishedAt: new Date().toISOString(),
    state,
    counts,
    message,
    rowsToFix: report.rowsToFix,
    reports,
    resumable: state === 'interrupted' || (state === 'cancelled' && unsettled > 0),
    leftOut: report.leftOut,
  };
}

/**
 * What a cancel left, in words that agree with the counts: rows never sent, and rows Omneo
 * acknowledged whose outcome was not known yet when the follow ended (both are `pending`).
 */
export function cancelledMessage(result: Pick<RunResult, 'rows'>): string {
  let notSent = 0;
  let unknown = 0;
  for (const row of result.rows) {
    if (row.outcome === 'not-sent') notSent += 1;
    else if (row.outcome === 'accepted') unknown += 1;
  }
  if (notSent === 0 && unknown === 0) return 'Every row had been sent before the cancel took effect.';
  const parts = [`${rowsText(notSent)} ${notSent === 1 ? 'was' : 'were'} not sent`];
  if (unknown > 0)
    parts.push(
      `${rowsText(unknown)} reached Omneo but ${unknown === 1 ? 'its' : 'their'} outcome is not known yet`,
    );
  return `${parts.join('; ')}. Resume the job to ${unknown > 0 ? 'follow and send' : 'send'} them.`;
}
