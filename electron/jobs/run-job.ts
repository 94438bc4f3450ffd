/**
 * Running one import job, the same for the CLI and the app: send its checked batches through the
 * batch runner with its journal, follow the batches Omneo had acknowledged when a cancel came,
 * write the reports, the rows not sent and the outcome, and keep the history's summary current.
 *
 * A job ends `completed` only when every row handed to the runner has an outcome; rows whose
 * outcome is unknown (not sent yet, or acknowledged by a batch Omneo then lost) leave it
 * `interrupted` (resumable) with how many rows are pending.
 */
import path from 'node:path';
import type { CheckedRow } from '../../shared/report/report-rows';
import type { RunEvent, RunResult } from '../../shared/runner/run-events';
import type { OmneoClient } from '../omneo/api-client';
import { startImport, type ImportRun } from '../runner/batch-runner';
import { writeReports, type ReportSummary } from '../runner/report-writer';
import { followAccepted, followAfterCancelMs } from './follow-accepted';
import { asDiskError, jobFiles, writeJobSummary, type JobSummary } from './job-folder';
import type { JobLock } from './job-lock';
import { endOf, summaryOf, LiveTally } from './job-outcome';
import { batchesWithout, readBatches, readCheckedRows, type SnapshotBatch } from './job-snapshot';
import type { JobSpec } from './job-spec';
import { sourceRowsOf } from './job-source';
import type { JobJournal } from './journal';
import { writeNotSentRows } from './not-sent-rows';

/** A job open for sending: its spec and folder, its journal (holding its lock) and its sender lock. */
export interface OpenJob {
  readonly spec: JobSpec;
  readonly directory: string;
  readonly journal: JobJournal;
  readonly senderLock: JobLock;
  /** True when the job had been run before (a resume). */
  readonly resumed: boolean;
}

/** How to run an open job. */
export interface RunJobOptions {
  readonly client: OmneoClient;
  /** Batches in flight at once at the start, 1–32 (the runner lowers it on 429). */
  readonly concurrency: number;
  readonly onEvent?: (event: RunEvent) => void;
  /** On 401/403: `wait` pauses until {@link JobRun.resume} (the app); `stop` ends the run (the CLI). */
  readonly onCredentialsRefused: 'wait' | 'stop';
  /** Write results.csv and errors.csv here (the CLI's `--report`) instead of the job's `report/`. */
  readonly reportDir?: string | null;
  /** How long a cancelled job follows its acknowledged batches, in ms (default 15 s). */
  readonly followAfterCancelMs?: number;
  /**
   * The compare step of a job whose spec asks for one (`spec.compare`): which rows are not sent,
   * and why. A job that compared cannot run without it (its rows would differ from its plan).
   */
  readonly beforeSending?: BeforeSending | null;
}

/** Decides, before the first batch, which rows a compared job leaves out (by line, with the reason). */
export type BeforeSending = (
  job: OpenJob,
  signal: AbortSignal,
) => Promise<
  | { readonly kind: 'send'; readonly skips: ReadonlyMap<number, string> }
  | { readonly kind: 'stopped'; readonly message: string }
>;

/** The job stopped before sending anything in this run (its compare stopped or cannot run here). */
export class JobNotStartedError extends Error {
  constructor(
    message: string,
    /** The user stopped it (Ctrl+C, cancel) rather than a failure. */
    readonly interrupted: boolean,
  ) {
    super(message);
    this.name = 'JobNotStartedError';
  }
}

/** How a run of a job ended. */
export interface JobEnd {
  readonly spec: JobSpec;
  readonly directory: string;
  readonly result: RunResult;
  /** The reports written (in `reportDir` when given). */
  readonly report: ReportSummary;
  /** The outcome, as `outcome.json` and the history hold it. */
  readonly summary: JobSummary;
}

/** A running job. */
export interface JobRun {
  readonly jobId: string;
  readonly spec: JobSpec;
  /** Resolves when the job has stopped and its reports are written; rejects with `JobDiskError`. */
  readonly done: Promise<JobEnd>;
  /** The counts so far. */
  live(): LiveTally;
  /** No new batch starts until {@link resume}; batches in flight finish. */
  pause(): void;
  /** Continues after a pause (with a client holding a new token after a credentials pause). */
  resume(client?: OmneoClient): void;
  /**
   * Stops gently: no new batch starts, batches already sent get their answer, and the batches
   * Omneo acknowledged are then followed to their outcome (bounded). The app's Cancel, Ctrl+C once.
   */
  interrupt(): void;
  /** Stops at once: requests in flight are aborted (journalled as unknown, re-sent on resume). */
  cancel(): void;
  /** The app is closing: stop at once and leave the job interrupted, to resume later. */
  close(): void;
}

/** Starts sending an open job; see the module comment. */
export function runJob(job: OpenJob, options: RunJobOptions): JobRun {
  const { spec, directory, journal } = job;
  const tally = new LiveTally(spec, journal.batches().values());
  const compareStop = new AbortController();
  let stop: 'interrupt' | 'cancel' | 'close' | null = null;
  let pausedEarly = false;
  let run: ImportRun | null = null;
  let follow: ImportRun | null = null;
  let lastWrite = 0;
  let effective = spec;
  const writeSummary = (): void => {
    lastWrite = Date.now();
    void writeJobSummary(directory, summaryOf(effective, tally, 'running')).catch(() => undefined);
  };
  // One ending per run of the job: the runner's `finished` is held back until the acknowledged
  // batches of a cancelled run have been followed (that follow is a runner of its own, whose
  // `finished` said "completed" after this run's "cancelled"), then told once with the job's status.
  let ending: Extract<RunEvent, { kind: 'finished' }> | null = null;
  const onEvent = (event: RunEvent): void => {
    if (event.kind === 'finished') {
      ending ??= event;
      return;
    }
    tally.handle(event);
    options.onEvent?.(event);
    if ((event.kind === 'batch-settled' || event.kind === 'batch-failed') && Date.now() - lastWrite > 1_000) {
      writeSummary();
    }
  };
  let client = options.client;

  const done = (async (): Promise<JobEnd> => {
    try {
      const skips = await rowsLeftOut(job, options.beforeSending ?? null, compareStop.signal);
      effective = withSkips(spec, skips);
      tally.check = effective.check;
      const batches = (): AsyncIterable<SnapshotBatch> =>
        skips.size === 0
          ? readBatches(directory)
          : batchesWithout(readBatches(directory), new Set(skips.keys()), spec.options.batchSize);
      writeSummary();
      const current = startImport({
        client,
        batches: batches(),
        matchCriteria: spec.options.match,
        importJobId: spec.importJobId,
        concurrency: options.concurrency,
        journal,
        wait: spec.wait,
        totalBatches: effective.check.batches,
        totalRows: effective.check.valid,
        onCredentialsRefused: options.onCredentialsRefused,
        onEvent,
      });
      run = current;
      if (pausedEarly) current.pause();
      if (stop === 'interrupt') current.interrupt();
      else if (stop !== null) current.cancel();
      let result = await current.done;
      if (result.status === 'cancelled' && (stop === null || stop === 'interrupt') && spec.wait) {
        // Batches Omneo acknowledged before the stop are processed anyway: follow them, so the
        // results say what was created or updated instead of "not sent".
        result = await followAccepted({
          result,
          planned: batches,
          client,
          matchCriteria: spec.options.match,
          importJobId: spec.importJobId,
          journal,
          onEvent,
          onRun: (next) => {
            follow = next;
            if (stop === 'cancel' || stop === 'close') next.cancel();
          },
          limitMs: options.followAfterCancelMs ?? followAfterCancelMs,
        }).catch(() => result);
        follow = null;
      }
      if (ending !== null) {
        const told: RunEvent = { kind: 'finished', status: result.status, elapsedMs: result.elapsedMs };
        tally.handle(told);
        options.onEvent?.(told);
      }
      await journal.close();
      await job.senderLock.release().catch(() => undefined);
      return await finish(job, effective, skips, result, stop === 'close', options.reportDir ?? null);
    } catch (error) {
      await journal.close().catch(() => undefined);
      await job.senderLock.release().catch(() => undefined);
      throw asDiskError(error, directory);
    }
  })();

  const halt = (how: 'interrupt' | 'cancel' | 'close'): void => {
    if (stop === null || how !== 'interrupt') stop = how;
    compareStop.abort();
    if (how === 'interrupt') {
      run?.interrupt();
      follow?.interrupt();
    } else {
      run?.cancel();
      follow?.cancel();
    }
  };
  return {
    jobId: spec.jobId,
    spec,
    done,
    live: () => tally,
    pause: () => {
      pausedEarly = true;
      run?.pause();
    },
    resume: (next) => {
      if (next) client = next;
      pausedEarly = false;
      run?.resume(next);
    },
    interrupt: () => halt('interrupt'),
    cancel: () => halt('cancel'),
    close: () => halt('close'),
  };
}

/** The rows a compared job leaves out, from its compare step; none for a job without one. */
async function rowsLeftOut(
  job: OpenJob,
  beforeSending: BeforeSending | null,
  signal: AbortSignal,
): Promise<ReadonlyMap<number, string>> {
  if (!job.spec.compare) return new Map();
  if (!beforeSending) {
    throw new JobNotStartedError(
      `Job ${job.spec.jobId} compares with Omneo before sending; resume it with: omneo-import run --resume ${job.spec.jobId}`,
      false,
    );
  }
  const before = await beforeSending(job, signal);
  if (before.kind === 'stopped') throw new JobNotStartedError(before.message, signal.aborted);
  return before.skips;
}

/** The spec's counts with the compared rows left out (they read `skipped`). */
function withSkips(spec: JobSpec, skips: ReadonlyMap<number, string>): JobSpec {
  if (skips.size === 0) return spec;
  const valid = spec.check.valid - skips.size;
  const check = {
    ...spec.check,
    valid,
    skipped: spec.check.skipped + skips.size,
    batches: Math.ceil(valid / spec.options.batchSize),
  };
  return { ...spec, check };
}

/** Writes the reports, the rows not sent and the outcome of a run that ended. */
async function finish(
  job: OpenJob,
  spec: JobSpec,
  skips: ReadonlyMap<number, string>,
  result: RunResult,
  closing: boolean,
  reportDir: string | null,
): Promise<JobEnd> {
  const { directory } = job;
  const source = await sourceRowsOf(spec);
  const resentBatches = new Set(result.batches.filter((b) => b.resent).map((b) => b.index));
  const write = (folder: string) =>
    writeReports({
      directory: folder,
      checkedRows: skipped(readCheckedRows(directory), skips),
      runRows: result.rows,
      resentBatches,
      header: spec.header,
      ...(source.rows ? { sourceRows: source.rows() } : {}),
      ...(source.unavailable !== null && { sourceUnavailable: source.unavailable }),
    }).catch((error: unknown) => {
      throw asDiskError(error, folder);
    });
  const folder = reportDir ? path.resolve(reportDir) : path.join(directory, jobFiles.report);
  const report = await write(folder);
  await writeNotSentRows(directory, report.notSent);
  const summary = endOf(spec, result, report, folder, closing);
  await writeJobSummary(directory, summary, true);
  return { spec, directory, result, report, summary };
}

/** The checked rows with the compare's left-out rows reading `skipped: <reason>`. */
async function* skipped(
  rows: AsyncIterable<CheckedRow>,
  skips: ReadonlyMap<number, string>,
): AsyncGenerator<CheckedRow> {
  for await (const row of rows) {
    const reason = skips.get(row.line);
    yield reason === undefined
      ? row
      : { ...row, status: 'skipped', batch: null, error: `skipped: ${reason}` };
  }
}
