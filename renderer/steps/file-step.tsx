/**
 * Step 2, File: choose or drop a CSV, TSV or Excel file, see what was detected (encoding,
 * delimiter, sheet with hidden ones marked, header row) and override any of it.
 *
 * The file goes to main (an upload in the browser, a path the OS gave the preload in Electron) and
 * main reads it; the page only shows main's `file:progress` events while that happens.
 */
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { OperationOutput } from '../../shared/ipc/contract';
import type { ReadOptions } from '../../shared/source/source-table';
import { encodingLabels } from '../../shared/source/source-table';
import { messageOf, unwrap, useBridge, useMainEvent } from '../app/bridge-context';
import type { OpenedFile } from '../app/wizard-state';

type AppInfo = OperationOutput<'app:info'>;
type OpenResult = OperationOutput<'file:open'>;

const delimiterNames: Readonly<Record<string, string>> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/** How a setting was found, in words. */
const sourceWords: Readonly<Record<string, string>> = {
  bom: 'bom',
  detected: 'detected',
  default: 'default',
  user: 'your choice',
};

/**
 * A file error with where it is: "… (line 3, column notes)" — unless the reader's message already
 * names the place, so it is said once.
 */
export function describeFileError(error: Extract<OpenResult, { kind: 'file-error' }>['error']): string {
  const where = [error.line && `line ${error.line}`, error.column && `column ${error.column}`]
    .filter(Boolean)
    .join(', ');
  if (!where || error.message.includes(where)) return error.message;
  return `${error.message} (${where})`;
}

/** Bytes as "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** Step 2. `file` is the open file (if any); `onOpened` reports a new or re-read one. */
export function FileStep(props: {
  readonly file: OpenedFile | null;
  readonly rowCount: number | null;
  readonly onOpened: (file: OpenedFile) => void;
  readonly onNext: () => void;
}) {
  const { file, rowCount, onOpened, onNext } = props;
  const bridge = useBridge();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ read: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  // The file input is disabled while reading, which drops focus to the page: once read, focus
  // goes to Next (or the file's error), so keyboard users go on from there.
  const focusAfterRead = useRef(false);
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!focusAfterRead.current || busy) return;
    focusAfterRead.current = false;
    if (next.current && !next.current.disabled) next.current.focus();
    else document.querySelector<HTMLElement>('.step [role="alert"]')?.focus();
  }, [busy]);

  useEffect(() => {
    void bridge.app.info().then((reply) => reply.ok && setInfo(reply.value));
  }, [bridge]);
  useMainEvent('file:progress', (event) => {
    if (busy) setProgress({ read: event.bytesRead, total: event.totalBytes });
  });

  const settle = (result: OpenResult): void => {
    if (result.kind === 'opened') {
      setError(result.rowsError ? describeFileError(result.rowsError) : null);
      onOpened({
        fileId: result.fileId,
        info: result.info,
        ...(result.rows !== undefined && { rows: result.rows }),
        ...(result.rowsError && { rowsError: describeFileError(result.rowsError) }),
      });
    } else if (result.kind === 'file-error') {
      setError(describeFileError(result.error));
    }
  };

  const run = async (label: string, work: () => Promise<OpenResult>): Promise<void> => {
    setBusy(label);
    setProgress(null);
    setError(null);
    try {
      settle(await work());
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      focusAfterRead.current = true;
      setBusy(null);
    }
  };

  const openChosen = (chosen: File): Promise<void> =>
    run(`Reading ${chosen.name}…`, async () => {
      const registered = await unwrap(bridge.registerFile(chosen));
      return unwrap(bridge.file.open({ via: 'ref', ref: registered.ref }));
    });
  const openWithDialog = (): Promise<void> =>
    run('Reading the file…', () => unwrap(bridge.file.open({ via: 'dialog' })));
  useMainEvent('menu:command', ({ command }) => {
    if (command === 'open-file' && info?.nativeDialogs) void openWithDialog();
  });
  const reread = (options: ReadOptions): Promise<void> => {
    if (!file) return Promise.resolve();
    return run('Reading the file again…', () =>
      unwrap(
        options.sheet && Object.keys(options).length === 1
          ? bridge.file.chooseSheet({ fileId: file.fileId, sheet: options.sheet })
          : bridge.file.reopen({ fileId: file.fileId, options }),
      ),
    );
  };

  const onDrop = (event: DragEvent<HTMLElement>): void => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) void openChosen(dropped);
  };

  return (
    <section aria-labelledby="file-heading" className="step">
      <h2 id="file-heading">File</h2>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        {/* The native input is hidden: after a load it would say "No file chosen" (it is reset so
            the same file can be chosen again); the label is the control and names the file. */}
        <label className="file-choice">
          <span className="visually-hidden">Choose a CSV, TSV or Excel file</span>
          <input
            type="file"
            className="file-input"
            accept=".csv,.tsv,.txt,.xlsx,.xls"
            disabled={busy !== null}
            onChange={(event) => {
              const chosen = event.target.files?.[0];
              event.target.value = '';
              if (chosen) void openChosen(chosen);
            }}
          />
          <span className="file-button" aria-hidden="true">
            {file ? 'Choose another file…' : 'Choose a CSV, TSV or Excel file…'}
          </span>
        </label>
        {file && <p className="file-current">{`Open now: ${file.info.name}`}</p>}
        <p className="muted">…or drop it here.</p>
        {info?.nativeDialogs && (
          <button type="button" disabled={busy !== null} onClick={() => void openWithDialog()}>
            Open with the system dialog…
          </button>
        )}
        {info?.startupFile && (
          <button
            type="button"
            disabled={busy !== null}
            onClick={() =>
              void run(`Reading ${info.startupFile?.name ?? 'the file'}…`, () =>
                unwrap(bridge.file.open({ via: 'ref', ref: info.startupFile?.ref ?? '' })),
              )
            }
          >
            {`Open ${info.startupFile.name}`}
          </button>
        )}
      </div>
      {busy && (
        <div role="status" className="progress-line">
          <span>{busy}</span>
          <progress
            aria-label="Reading the file"
            max={progress?.total || undefined}
            value={progress ? progress.read : undefined}
          />
          {progress && progress.total > 0 && (
            <span className="muted">
              {formatBytes(progress.read)} of {formatBytes(progress.total)}
            </span>
          )}
        </div>
      )}
      {(error ?? file?.rowsError) && (
        <p role="alert" className="error" tabIndex={-1}>
          {error ?? file?.rowsError}
        </p>
      )}
      {file && !busy && <Detected file={file} rowCount={rowCount} onReread={(o) => void reread(o)} />}
      <div className="actions">
        <button
          type="button"
          ref={next}
          className="primary"
          disabled={!file || file.rowsError !== undefined || busy !== null}
          onClick={onNext}
        >
          Next: map columns
        </button>
      </div>
    </section>
  );
}

/** What was detected, each with its override. */
function Detected(props: {
  readonly file: OpenedFile;
  readonly rowCount: number | null;
  readonly onReread: (options: ReadOptions) => void;
}) {
  const { file, rowCount, onReread } = props;
  const { info } = file;
  const id = useId();
  const [headerRow, setHeaderRow] = useState(String(info.headerRow));
  return (
    <div className="detected">
      <dl aria-label="Detected file">
        <dt>File</dt>
        <dd>{info.name}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(info.size)}</dd>
        <dt>Format</dt>
        <dd>{info.format === 'delimited' ? 'Text (CSV/TSV)' : `Excel (${info.format})`}</dd>
        {info.encoding && (
          <>
            <dt>Encoding</dt>
            <dd>{`${info.encoding} (${sourceWords[info.encodingSource ?? 'detected']})`}</dd>
          </>
        )}
        {info.delimiter && (
          <>
            <dt>Delimiter</dt>
            <dd>{delimiterNames[info.delimiter] ?? info.delimiter}</dd>
          </>
        )}
        {info.sheet && (
          <>
            <dt>Sheet</dt>
            <dd>{info.sheet}</dd>
          </>
        )}
        <dt>Header row</dt>
        <dd>{info.headerRow}</dd>
        <dt>Columns</dt>
        <dd>{info.columns.length}</dd>
        <dt>Rows</dt>
        <dd>{rowCount === null ? 'counted when the file is checked' : rowCount.toLocaleString()}</dd>
      </dl>
      <fieldset className="overrides">
        <legend>Read it differently</legend>
        {info.format === 'delimited' && (
          <>
            <label htmlFor={`${id}-encoding`}>Encoding</label>
            <select
              id={`${id}-encoding`}
              value={info.encoding ?? ''}
              onChange={(e) => onReread({ encoding: e.target.value as (typeof encodingLabels)[number] })}
            >
              {encodingLabels.map((label) => (
                <option key={label} value={label}>
                  {label}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-delimiter`}>Delimiter</label>
            <select
              id={`${id}-delimiter`}
              value={info.delimiter ?? ','}
              onChange={(e) => onReread({ delimiter: e.target.value })}
            >
              {Object.entries(delimiterNames).map(([value, name]) => (
                <option key={name} value={value}>
                  {name}
                </option>
              ))}
            </select>
          </>
        )}
        {info.sheets.length > 0 && (
          <>
            <label htmlFor={`${id}-sheet`}>Sheet</label>
            <select
              id={`${id}-sheet`}
              value={info.sheet ?? ''}
              onChange={(e) => onReread({ sheet: e.target.value })}
            >
              {info.sheets.map((sheet) => (
                <option key={sheet.name} value={sheet.name}>
                  {sheet.hidden ? `${sheet.name} (hidden)` : sheet.name}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor={`${id}-header`}>Header row</label>
        <span className="inline">
          <input
            id={`${id}-header`}
            type="number"
            min={1}
            value={headerRow}
            onChange={(e) => setHeaderRow(e.target.value)}
          />
          <button
            type="button"
            disabled={!/^[1-9]\d*$/.test(headerRow) || Number(headerRow) === info.headerRow}
            onClick={() => onReread({ headerRow: Number(headerRow) })}
          >
            Use this header row
          </button>
        </span>
      </fieldset>
    </div>
  );
}
