/**
 * Step 1, Connection: pick a saved connection or the built-in Sandbox, add one, test it, or go on
 * in preview only (support staff looking at a customer's file send nothing).
 */
import { useCallback, useEffect, useState } from 'react';
import type { OperationOutput } from '../../shared/ipc/contract';
import { messageOf, unwrap, useBridge, useMainEvent } from '../app/bridge-context';
import type { ConnectionChoice } from '../app/wizard-state';
import { ConnectionForm, outcomeOf, OutcomeLine, type Outcome } from './connection-form';

type Connections = OperationOutput<'connections:list'>;

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
  const [tests, setTests] = useState<Readonly<Record<string, Outcome>>>({});
  const [editing, setEditing] = useState<string | null>(null);

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
    setTests((t) => ({ ...t, [id]: { kind: 'pending', text: 'Testing…' } }));
    try {
      const result = outcomeOf(await unwrap(bridge.connections.test({ id })));
      setTests((t) => ({ ...t, [id]: result }));
    } catch (failure) {
      setTests((t) => ({ ...t, [id]: { kind: 'failed', text: messageOf(failure) } }));
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
                    <>
                      <button
                        type="button"
                        aria-expanded={editing === c.id}
                        onClick={() => setEditing(editing === c.id ? null : c.id)}
                        aria-label={`Edit ${c.name}`}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        onClick={() => void remove(c.id, c.name)}
                        aria-label={`Delete ${c.name}`}
                      >
                        Delete
                      </button>
                    </>
                  )}
                  <OutcomeLine outcome={tests[c.id] ?? null} />
                  {editing === c.id && (
                    <ConnectionForm
                      editing={c}
                      storageNote={list.secureStorage.message}
                      onCancel={() => setEditing(null)}
                      onSaved={(id, name, working) => {
                        setEditing(null);
                        setTests((t) => ({
                          ...t,
                          [id]: working
                            ? { kind: 'ok', text: `Saved ${name}: connected.` }
                            : { kind: 'failed', text: `Saved ${name} as not working.` },
                        }));
                        // A connection that no longer answers stops being the target.
                        if (value?.kind === 'connection' && value.id === id) {
                          onChange(working ? { kind: 'connection', id, name } : { kind: 'preview-only' });
                        }
                      }}
                    />
                  )}
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
          <details className="add-connection">
            <summary>Add a connection</summary>
            <ConnectionForm
              editing={null}
              storageNote={list.secureStorage.message}
              onSaved={(id, name, working) => {
                if (working) onChange({ kind: 'connection', id, name });
              }}
            />
          </details>
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
