/** The dialog showing one row's profile as JSON, exactly as it will be sent. */
import { useEffect, useRef } from 'react';
import type { OperationOutput } from '../../shared/ipc/contract';

/** A row's profile as `rows:payload` answers it. */
export type Payload = OperationOutput<'rows:payload'>;

/**
 * A row's profile as it will be sent, in a modal dialog: it opens in view with focus on the JSON,
 * and Escape or Close returns focus to the control that opened it (the caller's `onClose`).
 */
export function JsonDialog(props: { readonly payload: Payload; readonly onClose: () => void }) {
  const { payload, onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  return (
    <dialog ref={dialog} aria-labelledby="json-heading" className="json-view" onClose={onClose}>
      <h3 id="json-heading">{`Line ${payload.line} as sent`}</h3>
      {payload.profile ? (
        <pre tabIndex={0} autoFocus aria-label={`JSON for line ${payload.line}`}>
          {JSON.stringify(payload.profile, null, 2)}
        </pre>
      ) : (
        <p>{`Line ${payload.line} will not be sent${payload.issues.length ? `: ${payload.issues.map((i) => i.message).join('; ')}` : '.'}`}</p>
      )}
      <button type="button" onClick={() => dialog.current?.close()}>
        Close JSON
      </button>
    </dialog>
  );
}
