/**
 * The last gate before sending: main computes what would be sent ("9,874 profiles in 20 batches to
 * Sandbox; 126 rows skipped"), the page shows it in a dialog, and only the user's "Send" starts
 * the import. In preview only, nothing can be sent and the page says why.
 */
import { useEffect, useRef, useState } from 'react';
import type { ImportMode } from '../../shared/compare/import-mode';
import type { OperationOutput } from '../../shared/ipc/contract';
import { messageOf, unwrap, useBridge } from '../app/bridge-context';
import type { ConnectionChoice, Job } from '../app/wizard-state';

type Confirmation = Extract<
  OperationOutput<'import:preview'>,
  { kind: 'needs-confirmation' }
>['confirmation'];

/** The import button and its confirmation dialog. */
export function ConfirmImport(props: {
  readonly fileId: string;
  readonly connection: ConnectionChoice;
  readonly importJobId: string;
  readonly disabled: boolean;
  /** Another import is running or paused: a second one cannot start until it ends. */
  readonly jobRunning?: boolean;
  /** After a compare with Omneo: send by this mode (conflicts never); null: every valid row. */
  readonly mode?: ImportMode | null;
  readonly onStarted: (job: Job) => void;
}) {
  const { fileId, connection, importJobId, disabled, jobRunning = false, onStarted } = props;
  const byMode = props.mode ? { mode: props.mode } : {};
  const bridge = useBridge();
  const dialog = useRef<HTMLDialogElement>(null);
  /** The button that opened the dialog: focus goes back to it when the dialog closes (Escape too). */
  const opener = useRef<HTMLButtonElement>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (confirmation && !dialog.current?.open) dialog.current?.showModal();
  }, [confirmation]);

  if (connection.kind === 'preview-only') {
    return (
      <div className="actions">
        <p className="note">
          Preview only: nothing is sent. Export the report to keep this check, or choose a connection on the
          first step.
        </p>
      </div>
    );
  }

  const preview = async (): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      const answer = await unwrap(bridge.import.preview({ fileId, connectionId: connection.id, ...byMode }));
      if (answer.kind === 'needs-confirmation') setConfirmation(answer.confirmation);
      else setMessage(answer.message);
    } catch (error) {
      setMessage(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const send = async (): Promise<void> => {
    setBusy(true);
    try {
      const answer = await unwrap(
        bridge.import.start({
          fileId,
          connectionId: connection.id,
          confirmed: true,
          ...byMode,
          ...(importJobId.trim() ? { importJobId: importJobId.trim() } : {}),
        }),
      );
      dialog.current?.close();
      setConfirmation(null);
      if (answer.kind === 'started') onStarted(answer.job);
      else setMessage(answer.message);
    } catch (error) {
      dialog.current?.close();
      setConfirmation(null);
      setMessage(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="actions">
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      {jobRunning && (
        <p className="note" id="import-running-note">
          An import is running: wait for it to finish (6 Import) before starting another.
        </p>
      )}
      <button
        type="button"
        className="primary"
        ref={opener}
        disabled={disabled || busy || jobRunning}
        aria-describedby={jobRunning ? 'import-running-note' : undefined}
        onClick={() => void preview()}
      >
        {`Import to ${connection.name}…`}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="confirm-heading"
        onClose={() => {
          setConfirmation(null);
          // The opener was disabled while main answered, so the browser cannot return focus to it.
          requestAnimationFrame(() => opener.current?.focus());
        }}
        className="confirm"
      >
        <h2 id="confirm-heading">Send these profiles?</h2>
        <p>{confirmation?.message}</p>
        {confirmation?.leftOut && <p className="warning-text">{confirmation.leftOut}</p>}
        {confirmation?.compare && (
          <p className="compare-line">{`Compared with Omneo: ${confirmation.compare.message}.`}</p>
        )}
        {confirmation && !confirmation.compare && (
          <p className="note">
            Not compared with Omneo: every valid row is sent, and this import cannot be undone.
          </p>
        )}
        {confirmation && confirmation.refusals.length > 0 && (
          <div className="refusals">
            <h3>Omneo will refuse some of these rows</h3>
            <ul>
              {confirmation.refusals.map((refusal) => (
                <li key={refusal.code} className="warning-text">
                  {refusal.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <p className="muted">Nothing is sent until you choose Send.</p>
        <div className="inline">
          <button type="button" className="primary" autoFocus disabled={busy} onClick={() => void send()}>
            {`Send ${confirmation?.profiles.toLocaleString() ?? ''} profiles`}
          </button>
          <button type="button" disabled={busy} onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </div>
  );
}
