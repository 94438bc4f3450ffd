/**
 * Step 1, Connection: pick a saved connection or the built-in Sandbox, add one, test it, or go on
 * in preview only (support staff looking at a customer's file send nothing).
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { OperationOutput } from '../../shared/ipc/contract';
import { messageOf, unwrap, useBridge, useMainEvent } from '../app/bridge-context';
import type { ConnectionChoice } from '../app/wizard-state';

type Connections = OperationOutput<'connections:list'>;
type TestResult = OperationOutput<'connections:test'>;

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

/** Step 1. `value` is the current choice; `onChange` reports a new one. */
export function ConnectionStep(props: {
  readonly value: ConnectionChoice | null;
  readonly onChange: (choice: ConnectionChoice) => void;
  readonly onNext: () => void;
}) {
  const { value, onChange, onNext } = props;
  const bridge = useBridge();
  const [list, setList] = useState<Connections | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tests, setTests] = useState<Readonly<Record<string, string>>>({});

  const load = useCallback(async () => {
    try {
      setList(await unwrap(bridge.connections.list()));
      setError(null);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [bridge]);
  useEffect(() => void load(), [load]);
  useMainEvent('connections:changed', () => void load());

  // Preselect main's default (the last used, else the Sandbox) the first time the list arrives.
  useEffect(() => {
    if (value || !list) return;
    const chosen = list.connections.find((c) => c.id === list.defaultId) ?? list.connections[0];
    if (chosen) onChange({ kind: 'connection', id: chosen.id, name: chosen.name });
  }, [list, value, onChange]);

  const test = async (id: string): Promise<void> => {
    setTests((t) => ({ ...t, [id]: 'Testing…' }));
    try {
      const result = describeTest(await unwrap(bridge.connections.test({ id })));
      setTests((t) => ({ ...t, [id]: result }));
    } catch (failure) {
      setTests((t) => ({ ...t, [id]: messageOf(failure) }));
    }
  };

  const remove = async (id: string, name: string): Promise<void> => {
    if (!window.confirm(`Delete the connection ${name}? Its saved API token is deleted too.`)) return;
    try {
      await unwrap(bridge.connections.delete({ id }));
      if (value?.kind === 'connection' && value.id === id) onChange({ kind: 'preview-only' });
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const selected = value?.kind === 'connection' ? value.id : value ? 'preview-only' : null;
  return (
    <section aria-labelledby="connection-heading" className="step">
      <h2 id="connection-heading">Connections</h2>
      <p>
        Choose where the profiles go. The Sandbox is a simulated Omneo inside this app: nothing leaves your
        computer.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!list && !error && <p role="status">Loading connections…</p>}
      {list && (
        <>
          <p className="note">{list.secureStorage.message}</p>
          <fieldset>
            <legend>Send to</legend>
            <ul className="choice-list">
              {list.connections.map((c) => (
                <li key={c.id}>
                  <label>
                    <input
                      type="radio"
                      name="connection"
                      checked={selected === c.id}
                      onChange={() => onChange({ kind: 'connection', id: c.id, name: c.name })}
                    />
                    <span>
                      <strong>{c.name}</strong> <span className="muted">{c.baseUrl}</span>
                      <span className="muted">
                        {' · token '}
                        {c.hasToken
                          ? c.tokenStorage === 'encrypted'
                            ? 'saved, encrypted'
                            : 'kept for this session only'
                          : 'not set'}
                      </span>
                    </span>
                  </label>
                  <button type="button" onClick={() => void test(c.id)} aria-label={`Test ${c.name}`}>
                    Test
                  </button>
                  {c.kind === 'saved' && (
                    <button
                      type="button"
                      onClick={() => void remove(c.id, c.name)}
                      aria-label={`Delete ${c.name}`}
                    >
                      Delete
                    </button>
                  )}
                  <output aria-live="polite">{tests[c.id] ?? ''}</output>
                </li>
              ))}
              <li>
                <label>
                  <input
                    type="radio"
                    name="connection"
                    checked={selected === 'preview-only'}
                    onChange={() => onChange({ kind: 'preview-only' })}
                  />
                  <span>
                    <strong>Preview only</strong>{' '}
                    <span className="muted">check and review a file without sending anything</span>
                  </span>
                </label>
              </li>
            </ul>
          </fieldset>
          <AddConnection onSaved={(id, name) => onChange({ kind: 'connection', id, name })} />
        </>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={!value} onClick={onNext}>
          Next: choose a file
        </button>
      </div>
    </section>
  );
}

/** The "add a connection" form: name, base URL and API token; the token goes to main and stays there. */
function AddConnection({ onSaved }: { readonly onSaved: (id: string, name: string) => void }) {
  const bridge = useBridge();
  const id = useId();
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [token, setToken] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSaving(true);
    try {
      const { connection } = await unwrap(
        bridge.connections.save({ name, baseUrl, ...(token ? { token } : {}) }),
      );
      setName('');
      setBaseUrl('');
      setToken('');
      setStatus(`Saved ${connection.name}.`);
      onSaved(connection.id, connection.name);
    } catch (failure) {
      setStatus(messageOf(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <details className="add-connection">
      <summary>Add a connection</summary>
      <form onSubmit={(event) => void submit(event)}>
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
          onChange={(e) => setToken(e.target.value)}
        />
        <button type="submit" disabled={saving}>
          Save connection
        </button>
        {status && <output aria-live="polite">{status}</output>}
      </form>
    </details>
  );
}
