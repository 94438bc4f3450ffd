/**
 * "Undo this import" in the app, over the same core as `omneo-import undo JOB` (electron/undo/):
 * `plan` reads each profile the job created or updated and states the counts (delete N, restore M,
 * keep K — changed since), holding the job's lock; `start` carries it out, paced and retried like
 * sending, pushing `undo:progress` and ending with the report (also written to the job's
 * `undo-report.json`); `cancel` lets go of a plan or stops a running undo, which a new plan resumes.
 */
import path from 'node:path';
import type { EventPayload, OperationOutput } from '../../shared/ipc/contract';
import type { AppContext } from '../app/app-services';
import { OperationFailure } from '../app/handler-registry';
import { JobLockedError } from '../jobs/job-lock';
import { executeUndo, planUndo, UndoError, type PlannedUndo, type UndoOptions } from '../undo/run-undo';
import { undoReportJson, undoStateOf, writeUndoReport, type UndoReportJson } from '../undo/undo-report';
import type { AppJobs } from './app-jobs';

type UndoEvent = EventPayload<'undo:progress'>;
type ContractReport = NonNullable<UndoEvent['report']>;

/** Undo runs of the app's jobs. */
export class AppUndo {
  readonly #planned = new Map<string, { readonly planned: PlannedUndo; readonly options: UndoOptions }>();
  readonly #running = new Map<string, { readonly abort: AbortController; readonly done: Promise<void> }>();

  constructor(
    private readonly app: AppContext,
    private readonly jobs: AppJobs,
  ) {
    app.onClose(() => this.shutdown());
  }

  /** Stops running undos (each resumes with a new plan) and lets go of planned ones. */
  async shutdown(): Promise<void> {
    for (const { abort } of this.#running.values()) abort.abort();
    await Promise.all([...this.#running.values()].map((r) => r.done));
    await Promise.all([...this.#planned.values()].map((p) => p.planned.close().catch(() => undefined)));
    this.#planned.clear();
  }

  /** Reads every profile the job touched and decides; see the module comment. */
  async plan(jobId: string): Promise<OperationOutput<'undo:plan'>> {
    if (this.jobs.isActive(jobId))
      throw new OperationFailure('conflict', `Job ${jobId} is still sending; undo it when it ends.`);
    if (this.#running.has(jobId)) throw new OperationFailure('conflict', `Job ${jobId} is being undone now.`);
    await this.#release(jobId);
    const connection = await this.jobs.connectionForJob(jobId);
    const options: UndoOptions = {
      client: connection.client,
      journalDir: this.jobs.journalDir,
      jobId,
      onProgress: (done, total) =>
        this.app.events.emit('undo:progress', {
          jobId,
          phase: 'reading',
          done,
          total,
          report: null,
          message: null,
        }),
    };
    let planned: PlannedUndo;
    try {
      planned = await planUndo(options);
    } catch (error) {
      if (error instanceof UndoError) return { kind: 'not-undoable', message: error.message };
      if (error instanceof JobLockedError) throw new OperationFailure('conflict', error.message);
      throw error;
    }
    this.#planned.set(jobId, { planned, options });
    return {
      kind: 'planned',
      counts: planned.counts,
      kept: planned.decisions
        .filter((d) => d.action === 'kept')
        .map((d) => ({ line: d.target.line, profileId: d.target.profileId, reason: d.reason ?? '' })),
    };
  }

  /** Carries out the job's plan (made by {@link plan}); progress and the report follow as events. */
  start(jobId: string): OperationOutput<'undo:start'> {
    const entry = this.#planned.get(jobId);
    if (!entry) throw new OperationFailure('conflict', `Plan the undo of job ${jobId} first.`);
    this.#planned.delete(jobId);
    const abort = new AbortController();
    const emit = (event: Omit<UndoEvent, 'jobId'>): void =>
      this.app.events.emit('undo:progress', { jobId, ...event });
    const options: UndoOptions = {
      ...entry.options,
      signal: abort.signal,
      onProgress: (done, total) => emit({ phase: 'undoing', done, total, report: null, message: null }),
    };
    const done = executeUndo(options, entry.planned)
      .then(async (report) => {
        const json = undoReportJson(jobId, report);
        await writeUndoReport(path.join(this.jobs.journalDir, jobId), json);
        const summary = contractReport(json);
        emit({
          phase: 'finished',
          done: summary.deleted + summary.restored,
          total: summary.deleted + summary.restored + summary.failed.length,
          report: summary,
          message: json.complete ? null : 'The undo stopped before the end; undo again to finish it.',
        });
      })
      .catch((error: unknown) => {
        this.app.log(`undo of job ${jobId} stopped: ${error instanceof Error ? error.name : 'non-error'}`);
        emit({
          phase: 'finished',
          done: 0,
          total: 0,
          report: null,
          message: 'The undo stopped on an error in the app; undo again to finish it.',
        });
      })
      .finally(() => this.#running.delete(jobId));
    this.#running.set(jobId, { abort, done });
    return { started: true };
  }

  /** Lets go of a plan, or stops a running undo and waits for it (a new plan resumes it). */
  async cancel(jobId: string): Promise<OperationOutput<'undo:cancel'>> {
    const running = this.#running.get(jobId);
    if (running) {
      running.abort.abort();
      await running.done;
      return { cancelled: true };
    }
    return { cancelled: await this.#release(jobId) };
  }

  async #release(jobId: string): Promise<boolean> {
    const entry = this.#planned.get(jobId);
    if (!entry) return false;
    this.#planned.delete(jobId);
    await entry.planned.close();
    return true;
  }
}

/** The report as the contract carries it: counts, and the profiles kept or failed. */
function contractReport(json: UndoReportJson): ContractReport {
  const of = (p: UndoReportJson['profiles'][number], reason: string) => ({
    line: p.line,
    profileId: p.profileId,
    reason,
  });
  return {
    jobId: json.jobId,
    complete: json.complete,
    deleted: json.profiles.filter((p) => p.result === 'deleted').length,
    restored: json.profiles.filter((p) => p.result === 'restored').length,
    kept: json.profiles.filter((p) => p.action === 'kept').map((p) => of(p, p.reason ?? '')),
    failed: json.profiles
      .filter((p) => p.result?.startsWith('failed') ?? false)
      .map((p) => of(p, p.result ?? '')),
  };
}

/** Jobs of the history with whether each can be undone now, or was. */
export async function withUndoState<J extends { id: string; state: string }>(
  jobs: readonly J[],
  journalDir: string,
): Promise<(J & { undoable: boolean; undone: boolean })[]> {
  return Promise.all(
    jobs.map(async (job) => {
      const { recorded, undone } = await undoStateOf(path.join(journalDir, job.id));
      const settled = job.state !== 'running' && job.state !== 'paused';
      return { ...job, undoable: recorded && settled && !undone, undone };
    }),
  );
}
