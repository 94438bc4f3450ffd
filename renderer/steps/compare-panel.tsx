/**
 * The compare step, between the review and the confirmation: main looks every row that would be
 * sent up in the tenant, read-only (progress pushed as `compare:progress`, cancellable, resumed
 * where it stopped), then the page shows per row what would happen — create, update (the fields
 * that change, old → new, and the lists Omneo replaces wholesale) or conflict (not sent) — with the
 * reference values the tenant does not know, and lets the user choose what to send (the mode).
 * Skipping it sends every valid row, as without a compare, and such an import cannot be undone.
 */
import { useEffect, useState } from 'react';
import type { ImportMode } from '../../shared/compare/import-mode';
import type { OperationOutput } from '../../shared/ipc/contract';
import { messageOf, unwrap, useBridge, useMainEvent } from '../app/bridge-context';
import type { ConnectionChoice } from '../app/wizard-state';
import type { CompareFilter } from '../review/grid-model';

/** A file's compare as main reports it. */
export type CompareStatus = OperationOutput<'compare:status'>;
type CompareRow = OperationOutput<'compare:rows'>['rows'][number];

/** The file's compare, kept current from `compare:progress`; null until main answered. */
export function useCompareStatus(fileId: string, reload: unknown): CompareStatus | null {
  const bridge = useBridge();
  const [status, setStatus] = useState<CompareStatus | null>(null);
  useEffect(() => {
    let live = true;
    void bridge.compare.status({ fileId }).then((reply) => live && reply.ok && setStatus(reply.value));
    return () => {
      live = false;
    };
  }, [bridge, fileId, reload]);
  useMainEvent('compare:progress', (event) => {
    if (event.fileId === fileId) setStatus(event);
  });
  return status;
}

const modeLabels: readonly { readonly mode: ImportMode; readonly label: string }[] = [
  { mode: 'both', label: 'Create and update' },
  { mode: 'create', label: 'Create only (rows matching a profile are skipped)' },
  { mode: 'update', label: 'Update only (rows matching no profile are skipped)' },
];

const actionWords: Readonly<Record<CompareRow['action'], string>> = {
  create: 'Will create',
  update: 'Will update',
  conflict: 'Conflict — not sent',
};

/** The panel. `filter` is the review's compare filter: the details list the same rows. */
export function ComparePanel(props: {
  readonly fileId: string;
  readonly connection: ConnectionChoice;
  readonly status: CompareStatus | null;
  readonly mode: ImportMode;
  readonly onMode: (mode: ImportMode) => void;
  readonly filter: CompareFilter | undefined;
  /** The check is complete and nothing blocks sending. */
  readonly ready: boolean;
}) {
  const { fileId, connection, status, mode, onMode, filter, ready } = props;
  const bridge = useBridge();
  const [failure, setFailure] = useState<string | null>(null);
  const [rows, setRows] = useState<{ total: number; rows: readonly CompareRow[] } | null>(null);
  const [shown, setShown] = useState(50);
  const state = status?.state ?? 'none';

  useEffect(() => {
    if (state !== 'compared') return;
    let live = true;
    void unwrap(
      bridge.compare.rows({ fileId, offset: 0, limit: shown, ...(filter ? { action: filter } : {}) }),
    ).then(
      (page) => live && setRows(page),
      (error: unknown) => live && setFailure(messageOf(error)),
    );
    return () => {
      live = false;
    };
  }, [bridge, fileId, filter, shown, state, status?.counts]);

  if (connection.kind === 'preview-only') {
    return (
      <section aria-labelledby="compare-heading" className="compare">
        <h3 id="compare-heading">Compare with Omneo</h3>
        <p className="note">Compare skipped: preview only has no connection to look the rows up in.</p>
      </section>
    );
  }

  const act = async (call: () => Promise<unknown>): Promise<void> => {
    setFailure(null);
    try {
      await call();
    } catch (error) {
      setFailure(messageOf(error));
    }
  };
  const start = () => act(() => unwrap(bridge.compare.start({ fileId, connectionId: connection.id })));
  const cancel = () => act(() => unwrap(bridge.compare.cancel({ fileId })));
  const counts = status?.counts ?? null;

  return (
    <section aria-labelledby="compare-heading" className="compare">
      <h3 id="compare-heading">Compare with Omneo</h3>
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      {state === 'none' && (
        <>
          <p className="note">
            {`Look every row that would be sent up in ${connection.name} (read-only) to see which profiles it creates, which it updates and what changes, and which Omneo would refuse. Without a compare every valid row is sent, and the import cannot be undone.`}
          </p>
          <button type="button" disabled={!ready} onClick={() => void start()}>
            Compare with Omneo
          </button>
        </>
      )}
      {state === 'running' && status && (
        <div role="status" className="progress-line">
          <span>{`Comparing with ${status.connectionName ?? 'Omneo'}… ${status.rowsCompared.toLocaleString()} of ${status.totalRows.toLocaleString()} rows, ${status.requests.toLocaleString()} requests`}</span>
          <progress aria-label="Comparing with Omneo" max={status.totalRows} value={status.rowsCompared} />
          <button type="button" onClick={() => void cancel()}>
            Cancel compare
          </button>
        </div>
      )}
      {(state === 'cancelled' || state === 'failed' || state === 'stale') && (
        <>
          <p role={state === 'failed' ? 'alert' : 'status'} className={state === 'failed' ? 'error' : 'note'}>
            {status?.message ?? 'The compare did not finish.'}
          </p>
          <button type="button" disabled={!ready} onClick={() => void start()}>
            {state === 'stale' ? 'Compare again' : 'Go on comparing'}
          </button>
        </>
      )}
      {state === 'compared' && status && counts && (
        <>
          <p role="status" className="compare-line">
            {`Compared with ${status.connectionName ?? 'Omneo'}: ${counts.create.toLocaleString()} will create, ${counts.update.toLocaleString()} will update${counts.unchanged > 0 ? ` (${counts.unchanged.toLocaleString()} change nothing)` : ''}, ${counts.conflict.toLocaleString()} ${counts.conflict === 1 ? 'conflict' : 'conflicts'} (not sent); ${counts.withWarnings.toLocaleString()} with a warning about values the tenant does not know (a value Omneo would refuse makes a conflict).`}
          </p>
          <p className="muted">
            {`${status.requests.toLocaleString()} requests${status.requestsPer1000Rows === null ? '' : ` (${status.requestsPer1000Rows.toLocaleString()} per 1,000 rows)`}${status.resumedRows > 0 ? `; ${status.resumedRows.toLocaleString()} rows taken from the interrupted compare` : ''}.`}
          </p>
          <fieldset>
            <legend>What to send</legend>
            {modeLabels.map((choice) => (
              <label key={choice.mode}>
                <input
                  type="radio"
                  name="import-mode"
                  checked={mode === choice.mode}
                  onChange={() => onMode(choice.mode)}
                />
                {choice.label}
              </label>
            ))}
          </fieldset>
          <button type="button" onClick={() => void start()}>
            Compare again
          </button>
          {rows && state === 'compared' && <CompareRows rows={rows} onMore={() => setShown((n) => n + 50)} />}
        </>
      )}
    </section>
  );
}

function show(json: string): string {
  return json === 'null' ? '(none)' : json;
}

/** The compared rows (of the review's compare filter), each with what it would change. */
function CompareRows(props: {
  readonly rows: { total: number; rows: readonly CompareRow[] };
  readonly onMore: () => void;
}) {
  const { rows, onMore } = props;
  return (
    <>
      <table className="plain" aria-label="Compared rows">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">In Omneo</th>
            <th scope="col">Profile</th>
            <th scope="col">What changes (old → new)</th>
            <th scope="col">Conflicts and unknown values</th>
          </tr>
        </thead>
        <tbody>
          {rows.rows.map((row) => (
            <tr key={row.line}>
              <td className="number">{row.line}</td>
              <td>{actionWords[row.action]}</td>
              <td>{row.profileId ?? '—'}</td>
              <td>
                {row.changes.length === 0 ? (
                  <span className="muted">{row.action === 'update' ? 'Nothing changes' : '—'}</span>
                ) : (
                  <ul className="plain-list">
                    {row.changes.map((change) => (
                      <li key={change.field}>
                        {`${change.field}: ${show(change.old)} → ${show(change.new)}`}
                        {change.replacesList && <strong> (replaced wholesale)</strong>}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <ul className="plain-list">
                  {row.conflicts.map((message) => (
                    <li key={message} className="error-text">{`Conflict: ${message}`}</li>
                  ))}
                  {row.unknownReferences
                    .filter((r) => r.severity === 'warning')
                    .map((r) => (
                      <li key={r.message} className="warning-text">{`Warning: ${r.message}`}</li>
                    ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.total > rows.rows.length && (
        <button type="button" onClick={onMore}>
          {`Show more (${(rows.total - rows.rows.length).toLocaleString()} more)`}
        </button>
      )}
    </>
  );
}
