/**
 * Import jobs of the app: confirm, start, pause, resume, cancel, resume after a restart, and the
 * reports of each job.
 *
 * A job sends the workspace's current rows (edits applied, skipped rows left out) through the
 * batch runner against a connection resolved in main (the token never leaves it), with a durable
 * journal under `<dataDir>/jobs`. The job stores the mapping, options, edits and skips, so a resume
 * re-reads the file, refuses it when its SHA-256 changed, and rebuilds exactly the same batches.
 */
import path from 'node:path';
import type { OperationOutput } from '../../shared/ipc/contract';
import type { CheckOptions } from '../../shared/engine/check-options';
import type { PlannedBatch } from '../../shared/engine/check-result';
import type { RunResult } from '../../shared/runner/run-events';
import type { AppContext } from '../app/app-services';
import { resolveConnection, type ResolvedConnection } from '../app/resolve-connection';
import { OperationFailure } from '../app/handler-registry';
import { sandboxConnectionId, sandboxConnectionName } from '../app/sandbox';
import { startImport, type ImportRun } from '../runner/batch-runner';
import { hashFile } from '../runner/file-hash';
import { JobJournal, JournalError, readJobSettings, type JobSettings } from '../runner/journal';
import { writeReports } from '../runner/report-writer';
import type { FileWorkspace } from './file-workspace';
import { followAccepted } from './follow-accepted';
import {
  countsOf,
  jobHistory,
  journalledCounts,
  readOutcome,
  storedJobOf,
  writeOutcome,
  type Job,
  type StoredJob,
} from './job-history';
import { JobProgress, type LiveCounts } from './job-progress';
import { userMapping } from './workspace-mapping';
import { inOrder, number, previewImport, rowsOf, type Preview } from './import-preview';
import { notSentPage, notSentRows, readNotSentRows, writeNotSentRows } from './not-sent-rows';
import type { WorkspaceStore } from './workspace-store';

/** Batches in flight at once at the start (the runner lowers it on 429). */
const concurrency = 4;

interface ActiveJob {
  readonly id: string;
  readonly fileId: string;
  readonly connectionId: string;
  readonly connectionName: string;
  readonly startedAt: string;
  readonly batches: number;
  readonly workspace: FileWorkspace;
  readonly stored: StoredJob;
  readonly run: ImportRun;
  /** The batches the run sends, kept to follow acknowledged ones after a cancel. */
  readonly planned: readonly PlannedBatch[];
  readonly connection: ResolvedConnection;
  /** The follow of acknowledged batches after a cancel, while it runs. */
  following: ImportRun | null;
  readonly progress: JobProgress;
  state: 'running' | 'paused';
  finished: Promise<Job>;
  /** The app is closing: the job ends as interrupted (resumable), not cancelled. */
  closing: boolean;
}

/** The app's import jobs over one data folder. */
export class ImportJobs {
  readonly journalDir: string;
  readonly #active = new Map<string, ActiveJob>();

  constructor(
    private readonly app: AppContext,
    private readonly store: WorkspaceStore,
  ) {
    this.journalDir = path.join(app.deps.dataDir, 'jobs');
    app.onClose(() => this.shutdown());
  }

  /**
   * Stops every running job because the app closes: requests in flight are aborted, the rows not
   * yet acknowledged stay pending, the journal is closed (its lock released) and the job is left
   * interrupted, to be resumed from the history.
   */
  async shutdown(): Promise<void> {
    const active = [...this.#active.values()];
    for (const job of active) {
      job.closing = true;
      job.run.cancel();
      job.following?.cancel();
    }
    await Promise.all(active.map((job) => job.finished.catch(() => undefined)));
  }

  /** What an import of the file would send now; nothing is sent. */
  async preview(fileId: string, connectionId: string): Promise<Preview> {
    const workspace = await this.store.get(fileId);
    return previewImport(workspace, () => this.#connectionName(connectionId));
  }

  /** Starts sending the checked file (the user confirmed the preview). */
  async start(
    fileId: string,
    connectionId: string,
    importJobId: string | undefined,
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
    const connection = await resolveConnection(this.app, connectionId);
    const sha256 = await hashFile(workspace.path).catch(() => 'unreadable');
    if (sha256 !== workspace.sha256) {
      throw new OperationFailure(
        'conflict',
        `${workspace.info.name} changed on disk since it was opened. Open it again.`,
      );
    }
    const stored: StoredJob = {
      app: 1,
      read: open.options,
      mapping: workspace.mapping.flatMap((m) =>
        m.target === null ? [] : [{ column: m.column, target: m.target }],
      ),
      changes: workspace.changes(),
      connectionId,
      connectionName: connection.name,
      check: workspace.summary(),
      header: workspace.info.columns.map((c) => c.header),
      repeatedPhones: workspace.repeatedPhones,
    };
    const journal = await JobJournal.create(this.journalDir, {
      file: {
        path: path.resolve(workspace.path),
        name: workspace.info.name,
        size: workspace.info.size,
        sha256,
      },
      baseUrl: connection.client.baseUrl,
      matchCriteria: check.options.match,
      importJobId: importJobId ?? null,
      wait: true,
      mapping: stored,
      options: check.options,
    });
    const job = this.#launch(workspace, journal, connection, stored, { created: 0, updated: 0, failed: 0 });
    return { kind: 'started', job, confirmation: preview.confirmation };
  }

  /** Pauses a running job: no new batch starts; batches in flight finish. */
  pause(jobId: string): Job {
    const active = this.#require(jobId);
    active.run.pause();
    active.state = 'paused';
    return this.#jobOf(active);
  }

  /** Continues a paused job (with the connection's current token), or resumes an interrupted one. */
  async resume(jobId: string): Promise<Job> {
    const active = this.#active.get(jobId);
    if (!active) return this.#resumeFromJournal(jobId);
    if (active.state !== 'paused') throw new OperationFailure('conflict', `Job ${jobId} is already running.`);
    active.run.resume((await resolveConnection(this.app, active.connectionId)).client);
    active.state = 'running';
    return this.#jobOf(active);
  }

  /**
   * Cancels a job and waits for it to stop; unsent rows end as pending (resumable later).
   *
   * Gently: no new batch starts, but batches already sent get their answer (aborting them would
   * leave profiles Omneo created counted as "not sent"), and acknowledged ones are then followed.
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

  /** The history: jobs running now and every job on disk, newest first. */
  list(): Promise<Job[]> {
    return jobHistory(this.journalDir, (jobId) => {
      const active = this.#active.get(jobId);
      return active ? this.#jobOf(active) : null;
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

  async #resumeFromJournal(jobId: string): Promise<Job> {
    let journal: JobJournal;
    try {
      journal = await JobJournal.open(this.journalDir, jobId);
    } catch (error) {
      if (error instanceof JournalError) throw new OperationFailure('not-found', error.message);
      throw error;
    }
    let fileId: string | null = null;
    try {
      const stored = storedJobOf(journal.settings);
      if (!stored) throw new JournalError(`Job ${jobId} was not started by the app; resume it with the CLI.`);
      if ((await readOutcome(journal.directory))?.state === 'completed') {
        throw new JournalError(`Job ${jobId} already completed; nothing is left to send.`);
      }
      const reopened = await this.#reopen(journal.settings, stored, jobId);
      fileId = reopened.fileId;
      const workspace = reopened.workspace;
      const sendable = sendableCount(workspace, stored.lines);
      if (sendable !== stored.check.valid) {
        throw new JournalError(`Job ${jobId}'s rows check differently now; start a new import instead.`);
      }
      const connection = await resolveConnection(this.app, stored.connectionId);
      return this.#launch(
        workspace,
        journal,
        connection,
        stored,
        journalledCounts(journal.batches().values()),
      );
    } catch (error) {
      await journal.close().catch(() => undefined);
      if (fileId) this.app.files.close(fileId);
      if (error instanceof JournalError) throw new OperationFailure('conflict', error.message);
      throw error;
    }
  }

  /** A finished job's rows that were not sent, a page at a time (empty while it runs). */
  async failedRows(
    jobId: string,
    offset: number,
    limit: number,
  ): Promise<OperationOutput<'jobs:failed-rows'>> {
    const directory = path.join(this.journalDir, jobId);
    await readJobSettings(this.journalDir, jobId).catch((error: unknown) => {
      if (error instanceof JournalError) throw new OperationFailure('not-found', error.message);
      throw error;
    });
    return notSentPage(await readNotSentRows(path.join(directory, 'report')), offset, limit);
  }

  /**
   * Sends again, as a new job, the rows of a finished job that failed at Omneo (item failures and
   * batches that failed after every retry). Answers the confirmation until `confirmed`; then
   * re-reads the file with the job's mapping, options, edits and skips (refusing a changed file)
   * and starts a journalled job holding only those rows.
   */
  async retryFailed(jobId: string, confirmed: boolean): Promise<OperationOutput<'import:retry-failed'>> {
    if (this.#active.has(jobId))
      throw new OperationFailure(
        'conflict',
        `Job ${jobId} is still running; retry its failed rows when it ends.`,
      );
    let settings: JobSettings;
    try {
      settings = await readJobSettings(this.journalDir, jobId);
    } catch (error) {
      if (error instanceof JournalError) throw new OperationFailure('not-found', error.message);
      throw error;
    }
    const stored = storedJobOf(settings);
    if (!stored) throw new OperationFailure('conflict', `Job ${jobId} was not started by the app.`);
    const directory = path.join(this.journalDir, jobId);
    if (!(await readOutcome(directory)))
      throw new OperationFailure('conflict', `Job ${jobId} has not finished; resume it instead.`);
    const lines = (await readNotSentRows(path.join(directory, 'report')))
      .filter((row) => row.outcome === 'failed')
      .map((row) => row.line);
    if (lines.length === 0) return { kind: 'nothing-to-send', message: `No row of job ${jobId} failed.` };
    const batchSize = (settings.options as CheckOptions).batchSize;
    const batches = Math.ceil(lines.length / batchSize);
    const connectionName = this.#connectionName(stored.connectionId);
    const confirmation = {
      profiles: lines.length,
      batches,
      connectionName,
      skipped: 0,
      notSent: 0,
      refusals: [],
      message: `${number.format(lines.length)} ${lines.length === 1 ? 'profile' : 'profiles'} in ${number.format(batches)} ${batches === 1 ? 'batch' : 'batches'} to ${connectionName}: the rows that failed in job ${jobId}.`,
    };
    if (!confirmed) return { kind: 'needs-confirmation', confirmation };

    const { fileId, workspace } = await this.#reopen(settings, stored, jobId).catch((error: unknown) => {
      if (error instanceof JournalError) throw new OperationFailure('conflict', error.message);
      throw error;
    });
    try {
      const sendable = sendableCount(workspace, lines);
      if (sendable !== lines.length) {
        throw new OperationFailure(
          'conflict',
          `${lines.length - sendable} of the failed rows of job ${jobId} no longer check as sendable; start a new import instead.`,
        );
      }
      const connection = await resolveConnection(this.app, stored.connectionId);
      const retry: StoredJob = {
        ...stored,
        connectionName: connection.name,
        lines,
        retryOf: jobId,
        check: {
          rows: lines.length,
          valid: lines.length,
          invalid: 0,
          blank: 0,
          duplicate: 0,
          skipped: 0,
          unchecked: 0,
          warnings: 0,
          warningRows: 0,
          batches,
        },
      };
      const journal = await JobJournal.create(this.journalDir, {
        file: settings.file,
        baseUrl: connection.client.baseUrl,
        matchCriteria: settings.matchCriteria,
        importJobId: settings.importJobId,
        wait: true,
        mapping: retry,
        options: settings.options,
      });
      const job = this.#launch(workspace, journal, connection, retry, { created: 0, updated: 0, failed: 0 });
      return { kind: 'started', job, confirmation };
    } catch (error) {
      this.app.files.close(fileId);
      throw error;
    }
  }

  /**
   * Opens a job's file again as it was sent: its read settings, edits, skips, mapping and options,
   * checked to the last row. Throws {@link JournalError} when the file cannot be read, changed
   * (SHA-256), or no longer fits the mapping; the file is closed again then.
   */
  async #reopen(
    settings: JobSettings,
    stored: StoredJob,
    jobId: string,
  ): Promise<{ fileId: string; workspace: FileWorkspace }> {
    const opened = await this.app.files.open(settings.file.path, stored.read);
    if (opened.kind !== 'opened') {
      throw new JournalError(
        `${settings.file.name} can no longer be read${opened.kind === 'file-error' ? `: ${opened.error.message}` : ''}.`,
      );
    }
    const fileId = opened.fileId;
    try {
      const workspace = await this.store.get(fileId);
      if (workspace.sha256 !== settings.file.sha256) {
        throw new JournalError(
          `${settings.file.name} has changed since job ${jobId} started; sending now would send different rows. Start a new import instead.`,
        );
      }
      workspace.applyChanges(stored.changes);
      workspace.repeatedPhones = stored.repeatedPhones ?? 'keep';
      workspace.mapping = userMapping(workspace.info.columns, stored.mapping);
      const preparation = await this.store.prepare(workspace, settings.options as CheckOptions);
      if (preparation.kind !== 'ready')
        throw new JournalError(`Job ${jobId}'s mapping no longer fits the file.`);
      await workspace.runCheck(preparation.prepared, () => {});
      return { fileId, workspace };
    } catch (error) {
      this.app.files.close(fileId);
      throw error;
    }
  }

  #launch(
    workspace: FileWorkspace,
    journal: JobJournal,
    connection: ResolvedConnection,
    stored: StoredJob,
    known: LiveCounts,
  ): Job {
    const id = journal.settings.jobId;
    const only = stored.lines ? new Set(stored.lines) : null;
    const batches = workspace.plannedBatches(only);
    const checkedRows = only
      ? workspace.checkedRows().filter((row) => only.has(row.line))
      : workspace.checkedRows();
    const valid = stored.check.valid;
    const progress = new JobProgress(this.app.events, id, valid, batches.length, known);
    workspace.lockedBy = id;
    let active: ActiveJob | null = null;
    const run = startImport({
      client: connection.client,
      batches: inOrder(batches),
      matchCriteria: journal.settings.matchCriteria,
      importJobId: journal.settings.importJobId,
      concurrency,
      journal,
      wait: true,
      totalBatches: batches.length,
      totalRows: valid,
      onCredentialsRefused: 'wait',
      onEvent: (event) => {
        if (active && event.kind === 'paused') active.state = 'paused';
        if (active && event.kind === 'resumed') active.state = 'running';
        progress.handle(event);
      },
    });
    active = {
      id,
      fileId: workspace.fileId,
      connectionId: stored.connectionId,
      connectionName: stored.connectionName,
      startedAt: journal.settings.createdAt,
      batches: batches.length,
      workspace,
      stored,
      run,
      planned: batches,
      connection,
      following: null,
      progress,
      state: 'running',
      finished: Promise.resolve(null as never),
      closing: false,
    };
    const current = active;
    current.finished = run.done
      .then((result) => this.#finish(current, journal, result, checkedRows))
      .catch(async (error: unknown) => {
        this.app.log(`import job ${id} failed: ${error instanceof Error ? error.name : 'non-error'}`);
        await journal.close().catch(() => undefined);
        return this.#end(
          current,
          'failed',
          this.#jobOf(current).counts,
          'The import stopped on an error in the app.',
          0,
        );
      });
    this.#active.set(id, current);
    return this.#jobOf(current);
  }

  async #finish(
    active: ActiveJob,
    journal: JobJournal,
    result: RunResult,
    checkedRows: ReturnType<FileWorkspace['checkedRows']>,
  ): Promise<Job> {
    if (result.status === 'cancelled' && !active.closing) {
      // Batches Omneo acknowledged before the cancel are processed anyway: follow them, so the
      // results say what was created or updated instead of "not sent".
      result = await followAccepted({
        result,
        planned: active.planned,
        client: active.connection.client,
        matchCriteria: journal.settings.matchCriteria,
        importJobId: journal.settings.importJobId,
        journal,
        onEvent: (event) => active.progress.handle(event),
        onRun: (run) => (active.following = run),
      }).catch(() => result);
      active.following = null;
    }
    await journal.close();
    const report = await writeReports({
      directory: path.join(journal.directory, 'report'),
      checkedRows,
      runRows: result.rows,
      resentBatches: new Set(result.batches.filter((b) => b.resent).map((b) => b.index)),
      header: active.stored.header,
      sourceRows: rowsOf(active.workspace),
    });
    await writeNotSentRows(
      path.join(journal.directory, 'report'),
      notSentRows(checkedRows, result.rows),
    ).catch(() => undefined);
    const counts = countsOf(active.stored.check, result.rows);
    const state =
      result.status === 'completed'
        ? 'completed'
        : result.status === 'cancelled' && !active.closing
          ? 'cancelled'
          : 'interrupted';
    const message = active.closing
      ? 'The import stopped before it finished (the app closed). Resume it to send the rest.'
      : state === 'cancelled'
        ? cancelledMessage(result)
        : state === 'interrupted'
          ? 'Omneo refused the API token; fix it and resume the job.'
          : counts.failed > 0
            ? `${number.format(counts.failed)} rows failed; see errors.csv.`
            : null;
    return this.#end(active, state, counts, message, report.rowsToFix);
  }

  async #end(
    active: ActiveJob,
    state: Job['state'],
    counts: Job['counts'],
    message: string | null,
    rowsToFix: number,
  ): Promise<Job> {
    const finishedAt = new Date().toISOString();
    await writeOutcome(path.join(this.journalDir, active.id), {
      state,
      finishedAt,
      counts,
      message,
      rowsToFix,
    }).catch(() => undefined);
    active.workspace.lockedBy = null;
    this.#active.delete(active.id);
    const job: Job = {
      ...this.#jobOf(active),
      state,
      finishedAt,
      counts,
      resumable: state === 'interrupted' || (state === 'cancelled' && counts.pending > 0),
      message,
    };
    this.app.events.emit('job:finished', { job, counts });
    return job;
  }

  #jobOf(active: ActiveJob): Job {
    const { rows, blank, invalid, duplicate, skipped } = active.stored.check;
    return {
      id: active.id,
      fileName: active.workspace.info.name,
      connectionName: active.connectionName,
      state: active.state,
      startedAt: active.startedAt,
      finishedAt: null,
      counts: {
        rows,
        blank,
        invalid,
        duplicate,
        skipped,
        ...active.progress.counts,
        pending: active.progress.pending,
      },
      batches: active.batches,
      resumable: active.state === 'paused',
      fileId: active.fileId,
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
  const rows = (n: number): string => `${number.format(n)} ${n === 1 ? 'row' : 'rows'}`;
  const parts = [`${rows(notSent)} ${notSent === 1 ? 'was' : 'were'} not sent`];
  if (unknown > 0)
    parts.push(
      `${rows(unknown)} reached Omneo but ${unknown === 1 ? 'its' : 'their'} outcome is not known yet`,
    );
  return `${parts.join('; ')}. Resume the job to ${unknown > 0 ? 'follow and send' : 'send'} them.`;
}

/** How many of the workspace's rows are sent now: all, or only those on `lines` (a retry). */
function sendableCount(workspace: FileWorkspace, lines: readonly number[] | undefined): number {
  if (!lines) return workspace.summary().valid;
  const only = new Set(lines);
  return workspace.plannedBatches(only).reduce((total, batch) => total + batch.rows.length, 0);
}
