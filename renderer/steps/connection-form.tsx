/**
 * The form that adds a connection or edits a saved one, and how a test's outcome is shown.
 *
 * "Save" tests the settings first: a connection that answers is saved and becomes the target; one
 * that does not is not saved until the user says "Save anyway", and even then it does not become
 * the target (the import would fail at its first batch). Editing keeps the saved token while the
 * base URL keeps its origin; pointing it at another address needs the token again, because main
 * sends a token only to the origin it was saved for (credential-vault.ts).
 */
import { useId, useState, type FormEvent } from 'react';
import { baseUrlOrigin } from '../../shared/ipc/base-url';
import type { OperationOutput } from '../../shared/ipc/contract';
import { messageOf, unwrap, useBridge } from '../app/bridge-context';

type TestResult = OperationOutput<'connections:test'>;
type Connection = OperationOutput<'connections:list'>['connections'][number];

/** One sentence for the outcome of testing a connection. */
export function describeTest(result: TestResult): string {
  switch (result.kind) {
    case 'verified':
      return `Connected as ${result.user.name ?? 'an unnamed user'}${result.user.email ? ` (${result.user.email})` : ''}.`;
    case 'unauthorised':
    case 'unreachable':
    case 'not-https':
    case 'no-token':
    case 'unexpected-response':
      return result.message;
    default: {
      const never: never = result;
      return String(never);
    }
  }
}

/** What a test (or a save) said: pending, worked, or failed — each looks and is announced differently. */
export type Outcome =
  | { readonly kind: 'pending'; readonly text: string }
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'failed'; readonly text: string };

/** The outcome of a test reply. */
export function outcomeOf(result: TestResult): Outcome {
  return { kind: result.kind === 'verified' ? 'ok' : 'failed', text: describeTest(result) };
}

/**
 * An outcome as the page shows it: success with a tick as a polite status, failure with a cross
 * as an alert (screen readers say it at once), so they differ by more than colour.
 */
export function OutcomeLine({ outcome }: { readonly outcome: Outcome | null }) {
  if (!outcome) return <span role="status" className="test-outcome" />;
  if (outcome.kind === 'failed') {
    return (
      <span role="alert" className="test-outcome failed">
        <span aria-hidden="true">✗ </span>
        {outcome.text}
      </span>
    );
  }
  return (
    <span role="status" className={`test-outcome ${outcome.kind}`}>
      {outcome.kind === 'ok' && <span aria-hidden="true">✓ </span>}
      {outcome.text}
    </span>
  );
}

/**
 * Adds a connection (`editing` null) or edits one. `onSaved(id, name, working)`: `working` is
 * false for one saved after a failed test, which the caller must not make the target.
 */
export function ConnectionForm(props: {
  readonly editing: Connection | null;
  /** Where tokens are kept, said beside the token field (the only place it applies). */
  readonly storageNote: string;
  readonly onSaved: (id: string, name: string, working: boolean) => void;
  readonly onCancel?: () => void;
}) {
  const { editing, storageNote, onSaved, onCancel } = props;
  const bridge = useBridge();
  const id = useId();
  const [name, setName] = useState(editing?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(editing?.baseUrl ?? '');
  const [token, setToken] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failedTest, setFailedTest] = useState(false);
  const [saving, setSaving] = useState(false);

  const originChanged =
    editing !== null && baseUrlOrigin(editing.baseUrl) !== baseUrlOrigin(baseUrl) && baseUrl !== '';
  const tokenNeeded = editing === null || originChanged || !editing.hasToken;

  const save = async (working: boolean): Promise<void> => {
    const { connection } = await unwrap(
      bridge.connections.save({
        ...(editing && { id: editing.id }),
        name,
        baseUrl,
        ...(token ? { token } : {}),
      }),
    );
    setOutcome(
      working
        ? { kind: 'ok', text: `Saved ${connection.name}: connected.` }
        : { kind: 'failed', text: `Saved ${connection.name} as not working; it is not selected.` },
    );
    setFailedTest(false);
    if (!editing) {
      setName('');
      setBaseUrl('');
    }
    setToken('');
    onSaved(connection.id, connection.name, working);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSaving(true);
    setFailedTest(false);
    setOutcome({ kind: 'pending', text: 'Testing the connection…' });
    try {
      const tested = await unwrap(
        bridge.connections.test({
          ...(editing && { id: editing.id }),
          baseUrl,
          ...(token ? { token } : {}),
        }),
      );
      if (tested.kind === 'verified') return await save(true);
      setOutcome({ kind: 'failed', text: `Not saved: ${describeTest(tested)}` });
      setFailedTest(true);
    } catch (failure) {
      setOutcome({ kind: 'failed', text: messageOf(failure) });
    } finally {
      setSaving(false);
    }
  };

  const saveAnyway = async (): Promise<void> => {
    setSaving(true);
    try {
      await save(false);
    } catch (failure) {
      setOutcome({ kind: 'failed', text: messageOf(failure) });
    } finally {
      setSaving(false);
    }
  };

  const label = editing ? `Edit ${editing.name}` : 'Add a connection';
  return (
    <form
      className="connection-form"
      aria-label={label}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onCancel) onCancel();
      }}
    >
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} required value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={`${id}-url`}>Base URL</label>
      <input
        id={`${id}-url`}
        type="url"
        required
        value={baseUrl}
        placeholder="https://api.yourtenant.getomneo.com/api/v3"
        onChange={(e) => setBaseUrl(e.target.value)}
        aria-describedby={`${id}-url-hint`}
      />
      <small id={`${id}-url-hint`}>For example https://api.yourtenant.getomneo.com/api/v3</small>
      <label htmlFor={`${id}-token`}>API token</label>
      <input
        id={`${id}-token`}
        type="password"
        autoComplete="off"
        value={token}
        required={editing !== null && originChanged && editing.hasToken}
        onChange={(e) => setToken(e.target.value)}
        aria-describedby={`${id}-token-hint`}
      />
      <small id={`${id}-token-hint`}>
        {tokenNeeded
          ? originChanged
            ? 'The base URL points to another address: enter the API token again (a token is only sent to the address it was saved for). '
            : ''
          : 'Leave empty to keep the saved token. '}
        {storageNote}
      </small>
      <span className="inline">
        <button type="submit" disabled={saving}>
          {editing ? 'Save changes' : 'Save connection'}
        </button>
        {failedTest && (
          <button type="button" disabled={saving} onClick={() => void saveAnyway()}>
            Save anyway (not working)
          </button>
        )}
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </span>
      <OutcomeLine outcome={outcome} />
    </form>
  );
}
