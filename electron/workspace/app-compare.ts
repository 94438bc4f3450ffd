/**
 * The app's compare step: look the rows a checked file would send up in the tenant (read-only),
 * with the same core as `omneo-import check --compare` (electron/compare/run-compare.ts): paced to
 * the token's throttle, retried like sending, cancellable, and resumable from a private checkpoint
 * in `<dataDir>/compare/` keyed by the connection, the match criteria and the rows themselves.
 *
 * One compare per open file. Its answers belong to the rows as they were when it ran: an edit, a
 * skip or a new check makes it `stale`, and an import by a mode then refuses until the user
 * compares again, so nothing is sent by answers the user did not see.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { CompareAnswer, CompareInput } from '../../shared/compare/compare-row';
import { countCompare, formatCompareCounts, type ImportMode } from '../../shared/compare/import-mode';
import type { OperationOutput } from '../../shared/ipc/contract';
import type { AppContext } from '../app/app-services';
import { OperationFailure } from '../app/handler-registry';
import { resolveConnection } from '../app/resolve-connection';
import { sandboxConnectionId } from '../app/sandbox';
import { requestsPer1000Rows, runCompare } from '../compare/run-compare';
import { ensurePrivateFolder } from '../files/private-files';
import type { FileWorkspace } from './file-workspace';
import { guarded } from './workspace-errors';
import type { WorkspaceStore } from './workspace-store';

export type CompareStatus = OperationOutput<'compare:status'>;
type CompareRowsPage = OperationOutput<'compare:rows'>;
type CompareAction = CompareAnswer['action'];

interface Session {
  readonly workspace: FileWorkspace;
  readonly connectionId: string;
  readonly connectionName: string;
  /** The workspace's rows as compared: its revision and check run then. */
  readonly revision: number;
  readonly checkRun: number | undefined;
  readonly totalRows: number;
  /** Bumped when the answers change, for the review's cached views. */
  readonly version: number;
  state: 'running' | 'compared' | 'cancelled' | 'failed';
  rowsCompared: number;
  requests: number;
  rowsLookedUp: number;
  resumedRows: number;
  message: string | null;
  answers: readonly CompareAnswer[];
  abort: AbortController;
  done: Promise<void>;
}

let versions = 0;

/** The compare of each open file. */
export class AppCompare {
  readonly #sessions = new Map<string, Session>();

  constructor(
    private readonly app: AppContext,
    private readonly store: WorkspaceStore,
  ) {
    app.onClose(() => this.shutdown());
  }

  /** Stops every running compare (its checkpoint keeps what was found). */
  async shutdown(): Promise<void> {
    for (const session of this.#sessions.values()) session.abort.abort();
    await Promise.all([...this.#sessions.values()].map((s) => s.done));
  }

  /**
   * Starts comparing the file's sendable rows with the connection's tenant; answers at once,
   * progress follows as `compare:progress`. Throws `conflict` while the check runs or a compare of
   * the file is already running.
   */
  async start(fileId: string, connectionId: string): Promise<CompareStatus> {
    const workspace = await this.store.get(fileId);
    if (this.#sessions.get(fileId)?.state === 'running')
      throw new OperationFailure('conflict', 'This file is already being compared with Omneo.');
    const rows: CompareInput[] = await guarded(() => workspace.plannedBatches().flatMap((b) => b.rows));
    const connection = await resolveConnection(this.app, connectionId);
    const match = workspace.check?.options.match ?? 'email';
    const tenant = connectionId === sandboxConnectionId ? sandboxConnectionId : connection.client.baseUrl;
    const folder = path.join(this.app.deps.dataDir, 'compare');
    await ensurePrivateFolder(folder);
    const session: Session = {
      workspace,
      connectionId,
      connectionName: connection.name,
      revision: workspace.revision,
      checkRun: workspace.check?.run,
      totalRows: rows.length,
      version: ++versions,
      state: 'running',
      rowsCompared: 0,
      requests: 0,
      rowsLookedUp: 0,
      resumedRows: 0,
      message: null,
      answers: [],
      abort: new AbortController(),
      done: Promise.resolve(),
    };
    this.#sessions.set(fileId, session);
    const emit = (): void => this.app.events.emit('compare:progress', this.#statusOf(fileId, session));
    session.done = runCompare({
      client: connection.client,
      match,
      rows,
      checkpointFile: path.join(folder, `${checkpointKey(tenant, match, rows)}.jsonl`),
      signal: session.abort.signal,
      onProgress: (progress) => {
        session.rowsCompared = progress.rows;
        session.requests = progress.requests;
        emit();
      },
    })
      .then((run) => {
        session.state = run.kind;
        session.answers = run.answers;
        session.rowsCompared = run.answers.length;
        session.requests = run.requests;
        session.rowsLookedUp = run.rowsLookedUp;
        session.resumedRows = run.kind === 'compared' ? run.answers.length - run.rowsLookedUp : 0;
        session.message =
          run.kind === 'cancelled'
            ? 'Compare cancelled: what was found is kept, and comparing again goes on from there.'
            : run.message;
      })
      .catch((error: unknown) => {
        this.app.log(`compare stopped: ${error instanceof Error ? error.name : 'non-error'}`);
        session.state = 'failed';
        session.message = 'The compare stopped on an error in the app; compare again to go on.';
      })
      .finally(emit);
    return this.#statusOf(fileId, session);
  }

  /** Where the file's compare is. */
  async status(fileId: string): Promise<CompareStatus> {
    await this.store.get(fileId);
    return this.#statusOf(fileId, this.#sessions.get(fileId) ?? null);
  }

  /** Stops the file's running compare and waits for it to stop. */
  async cancel(fileId: string): Promise<CompareStatus> {
    const session = this.#sessions.get(fileId);
    if (session) {
      session.abort.abort();
      await session.done;
    }
    return this.status(fileId);
  }

  /** A page of the current compare's answers (of one action when given), in file order. */
  async rows(
    fileId: string,
    action: CompareAction | undefined,
    offset: number,
    limit: number,
  ): Promise<CompareRowsPage> {
    await this.store.get(fileId);
    const session = this.#current(fileId);
    const answers = (session?.answers ?? []).filter((a) => action === undefined || a.action === action);
    return {
      total: answers.length,
      offset,
      rows: answers.slice(offset, offset + limit).map((answer) => ({
        line: answer.line,
        matchKey: answer.matchKey,
        action: answer.action,
        profileId: answer.profileId,
        changes: answer.changes.map((c) => ({
          field: c.field,
          old: JSON.stringify(c.old ?? null),
          new: JSON.stringify(c.new ?? null),
          replacesList: c.replacesList,
        })),
        conflicts: answer.conflicts.map((c) => c.message),
        unknownReferences: [...answer.warnings, ...unknownErrorsOf(answer)].map((r) => ({
          field: r.field,
          value: r.value,
          severity: r.severity,
          message: r.message,
        })),
      })),
    };
  }

  /**
   * The lines of a complete, current compare with `action` (for the review's filters), and the
   * compare's version; null when the file has no such compare.
   */
  linesOf(
    workspace: FileWorkspace,
    action: CompareAction,
  ): { lines: ReadonlySet<number>; version: number } | null {
    const session = this.#current(workspace.fileId);
    if (!session || session.workspace !== workspace) return null;
    return {
      lines: new Set(session.answers.filter((a) => a.action === action).map((a) => a.line)),
      version: session.version,
    };
  }

  /**
   * The answers an import by `mode` sends by, and the counts the confirmation states. Throws
   * `conflict` when the file has no complete compare with this connection, or its rows changed since.
   */
  answersFor(
    workspace: FileWorkspace,
    connectionId: string,
    mode: ImportMode,
  ): { answers: readonly CompareAnswer[]; confirmation: CompareConfirmation } {
    const session = this.#sessions.get(workspace.fileId);
    const status = this.#statusOf(workspace.fileId, session ?? null);
    if (!session || status.state !== 'compared' || session.connectionId !== connectionId) {
      const why =
        status.state === 'stale'
          ? 'the rows changed since the compare'
          : session && session.connectionId !== connectionId
            ? `the compare was with ${session.connectionName}`
            : 'there is no complete compare';
      throw new OperationFailure('conflict', `Compare with Omneo again before sending by a mode: ${why}.`);
    }
    const counts = countCompare(session.answers, mode);
    return {
      answers: session.answers,
      confirmation: {
        mode,
        create: mode === 'update' ? 0 : counts.create,
        update: mode === 'create' ? 0 : counts.update,
        conflict: counts.conflict,
        skippedByMode: counts.skippedByMode,
        message: formatCompareCounts(counts, mode),
      },
    };
  }

  /** The session when it is complete and still matches its workspace's rows. */
  #current(fileId: string): Session | null {
    const session = this.#sessions.get(fileId);
    return session && this.#statusOf(fileId, session).state === 'compared' ? session : null;
  }

  #statusOf(fileId: string, session: Session | null): CompareStatus {
    if (!session) {
      return {
        fileId,
        state: 'none',
        connectionName: null,
        rowsCompared: 0,
        totalRows: 0,
        requests: 0,
        requestsPer1000Rows: null,
        resumedRows: 0,
        counts: null,
        message: null,
      };
    }
    const { workspace } = session;
    const stale =
      session.state !== 'running' &&
      (workspace.revision !== session.revision || workspace.check?.run !== session.checkRun);
    return {
      fileId,
      state: stale ? 'stale' : session.state,
      connectionName: session.connectionName,
      rowsCompared: session.rowsCompared,
      totalRows: session.totalRows,
      requests: session.requests,
      requestsPer1000Rows: requestsPer1000Rows(session),
      resumedRows: session.resumedRows,
      counts: session.state === 'compared' ? countCompare(session.answers, 'both') : null,
      message: stale
        ? 'The rows changed after the compare (an edit, a skip or a new check): compare again.'
        : session.message,
    };
  }
}

/** The confirmation's compare part. */
export type CompareConfirmation = NonNullable<
  Extract<OperationOutput<'import:preview'>, { kind: 'needs-confirmation' }>['confirmation']['compare']
>;

/** Unknown references that make the row a conflict (they are among its conflicts, by field). */
function unknownErrorsOf(answer: CompareAnswer) {
  return answer.conflicts
    .filter((c) => c.heldBy === null && c.field !== 'email')
    .map((c) => ({ field: c.field, value: null, severity: 'error' as const, message: c.message }));
}

/** The checkpoint's name: the tenant, the match criteria and every row as it would be sent. */
function checkpointKey(tenant: string, match: string, rows: readonly CompareInput[]): string {
  const hash = createHash('sha256').update(JSON.stringify([tenant, match]));
  for (const row of rows) hash.update(JSON.stringify(row));
  return hash.digest('hex').slice(0, 32);
}

type Preview = OperationOutput<'import:preview'>;

/**
 * The confirmation of an import by a mode: the compare's counts ("9,610 new profiles, 264 updates,
 * 12 conflicts not sent") and the profiles and batches the mode sends.
 */
export function previewWithCompare(
  preview: Preview,
  compared: CompareConfirmation,
  batchSize: number,
): Preview {
  if (preview.kind !== 'needs-confirmation') return preview;
  const profiles = compared.create + compared.update;
  const batches = Math.ceil(profiles / batchSize);
  const n = (value: number): string => value.toLocaleString('en-US');
  const [, ...rest] = preview.confirmation.message.replace(/\.$/, '').split('; ');
  const sending = `${n(profiles)} ${profiles === 1 ? 'profile' : 'profiles'} in ${n(batches)} ${batches === 1 ? 'batch' : 'batches'} to ${preview.confirmation.connectionName}`;
  return {
    kind: 'needs-confirmation',
    confirmation: {
      ...preview.confirmation,
      profiles,
      batches,
      compare: compared,
      message: `${[sending, ...rest].join('; ')}.`,
    },
  };
}
