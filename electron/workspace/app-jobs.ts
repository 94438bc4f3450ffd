/**
 * The app's front end over the job core (electron/jobs/): it turns the workspace's checked rows
 * into a job, resolves connections in main (the token never leaves it), pushes progress to the
 * renderer, and answers the history. Running, following, resuming, retrying, reports and the
 * outcome are the core's, the same as the CLI's — so the app can resume or retry a job the CLI
 * started, and the other way round.
 */
import path from 'node:path';
import type { OperationOutput } from '../../shared/ipc/contract';
import type { AppContext } from '../app/app-services';
import { resolveConnection, type ResolvedConnection } from '../app/resolve-connection';
import { OperationFailure } from '../app/handler-registry';
import { sandboxConnectionId, sandboxConnectionName } from '../app/sandbox';
import { JobDiskError, jobDirectory, readJobSpec } from '../jobs/job-folder';
import type { JobSpec } from '../jobs/job-spec';
import type { CompareAnswer } from '../../shared/compare/compare-row';
import type { ImportMode } from '../../shared/compare/import-mode';
import { compareBeforeSending } from '../undo/record-before-send';
import { undoPlanOf, writeUndoPlan } from '../undo/undo-record';
import {
  abandonJob,
  beginJob,
  beginRetry,
  commitJob,
  failedLinesOf,
  listJobSummaries,
  openJobToResume,
} from '../jobs/job-store';
import { failedForGood, notSentPage, readNotSentRows } from '../jobs/not-sent-rows';
import { runJob, type JobRun, type OpenJob } from '../jobs/run-job';
import type { FileWorkspace } from './file-workspace';
import { writeSnapshot } from './snapshot-writer';
import { number, previewImport, type Preview } from './import-preview';
import { JobProgress } from './job-progress';
import type { WorkspaceStore } from './workspace-store';

import { core, jobOfSummary, type Job } from './job-view';

export { jobOfSummary, type Job } from './job-view';

/** Batches in flight at once at the start (the runner lowers it on 429). */
const concurrency = 4;

interface ActiveJob {
  readonly run: JobRun;
  readonly workspace: FileWorkspace | null;
  readonly progress: JobProgress;
  readonly connection: ResolvedConnection;
  state: 'running' | 'paused';
  finished: Promise<Job>;
}

/** The app's import jobs over `<dataDir>/jobs`. */
export class AppJobs {
  readonly journalDir: string;
  readonly #active = new Map<string, ActiveJob>();

  constructor(
    private readonly app: AppContext,
    private readonly store: WorkspaceStore,
  ) {
    this.journalDir = path.join(app.deps.dataDir, 'jobs');
    app.onClose(() => this.shutdown());
  }

  /** The app closes: every running job stops at once and is left interrupted, to resume later. */
  async shutdown(): Promise<void> {
    const active = [...this.#active.values()];
    for (const job of active) job.run.close();
    await Promise.all(active.map((job) => job.finished.catch(() => undefined)));
  }

  /** What an import of the file would send now; nothing is sent. */
  async preview(fileId: string, connectionId: string): Promise<Preview> {
    return previewImport(await this.store.get(fileId), () => this.#connectionName(connectionId));
  }

  /**
   * Starts sending the checked file (the user confirmed the preview): its rows as checked; after a
   * compare, by `compared.mode` (its plan recorded for the job core and for undo).
   */
  async start(
    fileId: string,
    connectionId: string,
    importJobId: string | undefined,
    compared: { readonly mode: ImportMode; readonly answers: readonly CompareAnswer[] } | null = null,
  ): Promise<OperationOutput<'import:start'>> {
    const preview = await this.preview(fileId, connectionId);
    if (preview.kind !== 'needs-confirmation') return preview;
    const workspace = await this.store.get(fileId);
    const check = workspace.check;
    const open = this.app.files.get(fileId);
    if (!check || !open || !workspace.mapping)
      return { kind: 'not-checked', message: 'Check the file first.' };
    if (workspace.lockedBy)
      throw new OperationFailure('conflict', `Job ${workspace.lockedBy} is already sending this file.`);
    if (!/^[0-9a-f]{64}$/.test(workspace.sha256))
      throw new OperationFailure(
        'conflict',
        `${workspace.info.name} could not be read whole; open it again.`,
      );
    const connection = await resolveConnection(this.app, connectionId);
    const begun = await core(() => beginJob(this.journalDir, workspace.path, connection.client.baseUrl));
    let job: OpenJob;
    try {
      await writeSnapshot(workspace, begun.draft);
      const summary = workspace.summary();
      job = await core(() =>
        commitJob(begun, {
          startedBy: 'app',
          file: {
            path: path.resolve(workspace.path),
            name: workspace.info.name,
            size: workspace.info.size,
            sha256: workspace.sha256,
          },
          read: open.options,
          header: workspace.info.columns.map((c) => c.header),
          mapping: (workspace.mapping ?? []).flatMap((m) =>
            m.target === null
              ? []
              : [
                  {
                    column: m.column,
                    header: m.header,
                    target: m.target,
                    ...(m.values && { values: m.values }),
                  },
                ],
          ),
          options: check.options,
          changes: copyChanges(workspace.changes()),
          repeatedPhones: workspace.repeatedPhones,
          connection: { baseUrl: connection.client.baseUrl, id: connectionId, name: connection.name },
          importJobId: importJobId ?? null,
          wait: true,
          retryOf: null,
          compare: compared ? { mode: compared.mode } : null,
          check: {
            rows: summary.rows,
            valid: summary.valid,
            invalid: summary.invalid,
            blank: summary.blank,
            duplicate: summary.duplicate,
            skipped: summary.skipped,
            batches: summary.batches,
          },
        }),
      );
      if (compared) {
        const plan = undoPlanOf(compared.answers, compared.mode, check.options.match);
        await core(() => writeUndoPlan(job.directory, plan));
      }
    } catch (error) {
      workspace.lockedBy = null;
      await abandonJob(begun).catch(() => undefined);
      throw error;
    }
    return {
      kind: 'started',
      job: this.#launch(job, connection, workspace),
      confirmation: preview.confirmation,
    };
  }

  /** Pauses a running job: no new batch starts; batches in flight finish. */
  pause(jobId: string): Job {
    const active = this.#require(jobId);
    active.run.pause();
    active.state = 'paused';
    return this.#jobOf(active);
  }

  /** Continues a paused job (with the connection's current token), or resumes one from the history. */
  async resume(jobId: string): Promise<Job> {
    const active = this.#active.get(jobId);
    if (!active) return this.#resumeFromHistory(jobId);
    if (active.state !== 'paused') throw new OperationFailure('conflict', `Job ${jobId} is already running.`);
    active.run.resume((await resolveConnection(this.app, active.connection.id)).client);
    active.state = 'running';
    return this.#jobOf(active);
  }

  /**
   * Cancels a job and waits for it to stop: no new batch starts, batches already sent get their
   * answer and acknowledged ones are followed (the core's gentle stop); unsent rows stay pending.
   */
  async cancel(jobId: string): Promise<Job> {
    const active = this.#require(jobId);
    active.run.interrupt();
    return active.finished;
  }

  /** A running job's progress so far and each batch's state; throws `not-found` when not running. */
  live(jobId: string): ReturnType<JobProgress['live']> {
    return this.#require(jobId).progress.live();
  }

  /** The history: jobs running now and every job on disk (either front end's), newest first. */
  async list(): Promise<Job[]> {
    return (await listJobSummaries(this.journalDir)).map((summary) => {
      const active = this.#active.get(summary.jobId);
      return active ? this.#jobOf(active) : jobOfSummary(summary);
    });
  }

  /** Whether a job is running or paused in this session. */
  isActive(jobId: string): boolean {
    return this.#active.has(jobId);
  }

  /** Resolves when every running job has stopped (tests; app shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.#active.values()].map((a) => a.finished.catch(() => undefined)));
  }

  /** A finished job's rows that were not sent, a page at a time (empty while it runs). */
  async failedRows(
    jobId: string,
    offset: number,
    limit: number,
  ): Promise<OperationOutput<'jobs:failed-rows'>> {
    await core(() => readJobSpec(this.journalDir, jobId));
    return notSentPage(await readNotSentRows(jobDirectory(this.journalDir, jobId)), offset, limit);
  }

  /**
   * Sends again, as a new job, the rows of a finished job that failed at Omneo, as they were
   * checked. Answers the confirmation until `confirmed`.
   */
  async retryFailed(jobId: string, confirmed: boolean): Promise<OperationOutput<'import:retry-failed'>> {
    if (this.#active.has(jobId))
      throw new OperationFailure(
        'conflict',
        `Job ${jobId} is still running; retry its failed rows when it ends.`,
      );
    const { spec, lines } = await core(() => failedLinesOf(this.journalDir, jobId));
    if (lines.length === 0) return { kind: 'nothing-to-send', message: `No row of job ${jobId} failed.` };
    const batches = Math.ceil(lines.length / spec.options.batchSize);
    const connection = await this.#connectionOf(spec);
    const confirmation = {
      profiles: lines.length,
      batches,
      connectionName: connection.name,
      skipped: 0,
      notSent: 0,
      leftOut: null,
      refusals: await this.#retryRefusals(jobId),
      message: `${number.format(lines.length)} ${lines.length === 1 ? 'profile' : 'profiles'} in ${number.format(batches)} ${batches === 1 ? 'batch' : 'batches'} to ${connection.name}: the rows that failed in job ${jobId}.`,
    };
    if (!confirmed) return { kind: 'needs-confirmation', confirmation };
    const job = await core(() =>
      beginRetry(this.journalDir, jobId, {
        baseUrl: connection.client.baseUrl,
        id: connection.id,
        name: connection.name,
      }),
    );
    if (!job) return { kind: 'nothing-to-send', message: `No row of job ${jobId} failed.` };
    return { kind: 'started', job: this.#launch(job, connection, null), confirmation };
  }

  /** The connection a job sends to (for its undo). */
  async connectionForJob(jobId: string): Promise<ResolvedConnection> {
    return this.#connectionOf(await core(() => readJobSpec(this.journalDir, jobId)));
  }

  /** Why some failed rows cannot succeed if retried as they are (another profile holds a value). */
  async #retryRefusals(jobId: string): Promise<{ code: string; rows: number; message: string }[]> {
    const held = failedForGood(await readNotSentRows(jobDirectory(this.journalDir, jobId)));
    if (held.rows === 0) return [];
    const n = number.format(held.rows);
    const what = held.phone === held.rows ? 'mobile phone' : 'mobile phone, email or identity';
    return [
      {
        code: 'value-held',
        rows: held.rows,
        message: `${n} ${held.rows === 1 ? 'row' : 'rows'} failed because another Omneo profile holds ${held.rows === 1 ? 'its' : 'their'} ${what}: a retry fails again until that profile changes or the value is removed from ${held.rows === 1 ? 'the row' : 'the rows'}.`,
      },
    ];
  }

  async #resumeFromHistory(jobId: string): Promise<Job> {
    const spec = await core(() => readJobSpec(this.journalDir, jobId));
    const connection = await this.#connectionOf(spec);
    const sandbox = spec.connection.id === sandboxConnectionId;
    // The Sandbox listens on a new port each session; its tenant is the same.
    const job = await core(() =>
      openJobToResume(this.journalDir, jobId, sandbox ? {} : { baseUrl: connection.client.baseUrl }),
    );
    return this.#launch(job, connection, null);
  }

  /** The connection a job sends to: its own, or (a CLI job) the saved one with its base URL. */
  async #connectionOf(spec: JobSpec): Promise<ResolvedConnection> {
    if (spec.connection.id !== null) return resolveConnection(this.app, spec.connection.id);
    const saved = this.app.connections.list().find((c) => sameUrl(c.baseUrl, spec.connection.baseUrl));
    if (!saved) {
      throw new OperationFailure(
        'conflict',
        `Job ${spec.jobId} sends to ${spec.connection.baseUrl}, which no saved connection uses. Add a connection for it, or resume it with: omneo-import run --resume ${spec.jobId}`,
      );
    }
    return resolveConnection(this.app, saved.id);
  }

  #launch(job: OpenJob, connection: ResolvedConnection, workspace: FileWorkspace | null): Job {
    const { spec } = job;
    const progress = new JobProgress(this.app.events, spec.jobId, spec.check.valid, spec.check.batches);
    let active: ActiveJob | null = null;
    const run = runJob(job, {
      client: connection.client,
      concurrency,
      onCredentialsRefused: 'wait',
      // A compared job sends by the plan it recorded before its first batch (none: no compare).
      beforeSending: (open, signal) => compareBeforeSending(open, connection.client, signal),
      onEvent: (event) => {
        if (active && event.kind === 'paused') active.state = 'paused';
        if (active && event.kind === 'resumed') active.state = 'running';
        progress.handle(event);
      },
    });
    if (workspace) workspace.lockedBy = spec.jobId;
    const current: ActiveJob = {
      run,
      workspace,
      progress,
      connection,
      state: 'running',
      finished: Promise.resolve(null as never),
    };
    active = current;
    current.finished = run.done
      .then((end) => jobOfSummary(end.summary, workspace?.fileId ?? null))
      .catch((error: unknown) => {
        this.app.log(
          `import job ${spec.jobId} stopped: ${error instanceof Error ? error.name : 'non-error'}`,
        );
        const message =
          error instanceof JobDiskError
            ? error.message
            : 'The import stopped on an error in the app; resume it to send the rest.';
        return { ...this.#jobOf(current), state: 'failed' as const, resumable: true, message };
      })
      .then((ended) => {
        if (workspace) workspace.lockedBy = null;
        this.#active.delete(spec.jobId);
        this.app.events.emit('job:finished', { job: ended, counts: ended.counts });
        return ended;
      });
    this.#active.set(spec.jobId, current);
    return this.#jobOf(current);
  }

  #jobOf(active: ActiveJob): Job {
    const { spec } = active.run;
    return {
      id: spec.jobId,
      fileName: spec.file.name,
      connectionName: active.connection.name,
      state: active.state,
      startedAt: spec.createdAt,
      finishedAt: null,
      counts: active.run.live().counts(),
      batches: spec.check.batches,
      resumable: active.state === 'paused',
      fileId: active.workspace?.fileId ?? null,
      message: null,
    };
  }

  #require(jobId: string): ActiveJob {
    const active = this.#active.get(jobId);
    if (!active) throw new OperationFailure('not-found', `Job ${jobId} is not running.`);
    return active;
  }

  #connectionName(connectionId: string): string {
    if (connectionId === sandboxConnectionId) return sandboxConnectionName;
    const saved = this.app.connections.get(connectionId);
    if (!saved) throw new OperationFailure('not-found', 'That connection no longer exists.');
    return saved.name;
  }
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** The workspace's edits and skips in the spec's shape. */
function copyChanges(changes: ReturnType<FileWorkspace['changes']>): JobSpec['changes'] {
  return { edits: changes.edits.map((e) => ({ ...e })), skips: changes.skips.map((s) => ({ ...s })) };
}
