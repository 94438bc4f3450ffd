/**
 * The renderer's entry and its first screen: the connections (with "Test"), and opening a file
 * through the contract to show what was detected. The import wizard (issue 5) replaces the
 * screen; the entry and `bridge/` stay.
 */
import { StrictMode, useCallback, useEffect, useState, type ChangeEvent, type DragEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { bridge, type OperationOutput, type Reply } from './bridge/bridge';

type AppInfo = OperationOutput<'app:info'>;
type Connections = OperationOutput<'connections:list'>;
type TestResult = OperationOutput<'connections:test'>;
type Opened = OperationOutput<'file:open'>;

function errorText(reply: Reply<unknown>): string | null {
  return reply.ok ? null : reply.error.message;
}

function describeTest(result: TestResult): string {
  switch (result.kind) {
    case 'verified':
      return `Connected as ${result.user.name ?? 'an unnamed user'}${result.user.email ? ` (${result.user.email})` : ''}.`;
    case 'unauthorised':
    case 'unreachable':
    case 'not-https':
    case 'no-token':
    case 'unexpected-response':
      return result.message;
  }
}

function ConnectionsPanel({ connections }: { readonly connections: Connections | null }) {
  const [results, setResults] = useState<Readonly<Record<string, string>>>({});
  const test = async (id: string): Promise<void> => {
    setResults((r) => ({ ...r, [id]: 'Testing…' }));
    const reply = await bridge.connections.test({ id });
    setResults((r) => ({ ...r, [id]: reply.ok ? describeTest(reply.value) : reply.error.message }));
  };
  if (!connections) return <p>Loading connections…</p>;
  return (
    <section aria-labelledby="connections-heading">
      <h2 id="connections-heading">Connections</h2>
      <p>{connections.secureStorage.message}</p>
      <ul>
        {connections.connections.map((c) => (
          <li key={c.id}>
            <strong>{c.name}</strong> — {c.baseUrl}
            {c.id === connections.defaultId ? ' (default)' : ''} — token{' '}
            {c.hasToken
              ? `set (${c.tokenStorage === 'encrypted' ? 'encrypted' : 'this session only'})`
              : 'not set'}{' '}
            <button type="button" onClick={() => void test(c.id)} aria-label={`Test ${c.name}`}>
              Test
            </button>
            <output aria-live="polite">{results[c.id] ?? ''}</output>
          </li>
        ))}
      </ul>
    </section>
  );
}

function FileSummary({ opened }: { readonly opened: Opened }) {
  if (opened.kind === 'cancelled') return <p>No file chosen.</p>;
  if (opened.kind === 'file-error') {
    const where = [
      opened.error.line && `line ${opened.error.line}`,
      opened.error.column && `column ${opened.error.column}`,
    ]
      .filter(Boolean)
      .join(', ');
    return <p role="alert">{`${opened.error.message}${where ? ` (${where})` : ''}`}</p>;
  }
  const { info } = opened;
  return (
    <dl aria-label="Detected file">
      <dt>File</dt>
      <dd>{info.name}</dd>
      <dt>Format</dt>
      <dd>{info.format}</dd>
      {info.encoding && (
        <>
          <dt>Encoding</dt>
          <dd>{`${info.encoding} (${info.encodingSource ?? 'detected'})`}</dd>
        </>
      )}
      {info.delimiter && (
        <>
          <dt>Delimiter</dt>
          <dd>{info.delimiter === '\t' ? 'tab' : info.delimiter}</dd>
        </>
      )}
      {info.sheet && (
        <>
          <dt>Sheet</dt>
          <dd>{info.sheets.map((s) => `${s.name}${s.hidden ? ' (hidden)' : ''}`).join(', ')}</dd>
        </>
      )}
      <dt>Header row</dt>
      <dd>{info.headerRow}</dd>
      <dt>Columns</dt>
      <dd>{info.columns.map((c) => `${c.letter}: ${c.header}`).join(', ')}</dd>
    </dl>
  );
}

function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [connections, setConnections] = useState<Connections | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadConnections = useCallback(
    () =>
      bridge.connections
        .list()
        .then((reply) => (reply.ok ? setConnections(reply.value) : setError(reply.error.message))),
    [],
  );

  const openReply = (reply: Reply<Opened>): void => {
    setError(errorText(reply));
    if (reply.ok) setOpened(reply.value);
  };
  const openFile = useCallback(async (file: File) => {
    const registered = await bridge.registerFile(file);
    if (!registered.ok) return setError(registered.error.message);
    openReply(await bridge.file.open({ via: 'ref', ref: registered.value.ref }));
  }, []);
  const openWithDialog = useCallback(async () => openReply(await bridge.file.open({ via: 'dialog' })), []);

  useEffect(() => {
    void bridge.app.info().then((reply) => (reply.ok ? setInfo(reply.value) : setError(reply.error.message)));
    void loadConnections();
    const stopConnections = bridge.on('connections:changed', () => void loadConnections());
    const stopMenu = bridge.on('menu:command', ({ command }) => {
      if (command === 'open-file') void openWithDialog();
    });
    return () => {
      stopConnections();
      stopMenu();
    };
  }, [loadConnections, openWithDialog]);

  const onChoose = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    if (file) void openFile(file);
  };
  const onDrop = (event: DragEvent<HTMLElement>): void => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file) void openFile(file);
  };

  return (
    <main onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <h1>Omneo Profile Importer</h1>
      {info && (
        <p>{`Version ${info.version} · ${info.runtime === 'electron' ? 'desktop app' : 'browser version'}`}</p>
      )}
      {error && <p role="alert">{error}</p>}
      <ConnectionsPanel connections={connections} />
      <section aria-labelledby="file-heading">
        <h2 id="file-heading">File</h2>
        <label>
          Choose a CSV, TSV or Excel file{' '}
          <input type="file" accept=".csv,.tsv,.txt,.xlsx,.xls" onChange={onChoose} />
        </label>
        {info?.nativeDialogs && (
          <button type="button" onClick={() => void openWithDialog()}>
            Open with the system dialog…
          </button>
        )}
        {info?.startupFile && (
          <button
            type="button"
            onClick={async () =>
              openReply(await bridge.file.open({ via: 'ref', ref: info.startupFile?.ref ?? '' }))
            }
          >
            {`Open ${info.startupFile.name}`}
          </button>
        )}
        <p>…or drop a file anywhere on this window.</p>
        {opened && <FileSummary opened={opened} />}
      </section>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
