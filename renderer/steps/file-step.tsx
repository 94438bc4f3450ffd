/**
 * Step 2, File: choose or drop a CSV, TSV or Excel file, see what was detected (encoding,
 * delimiter, sheet with hidden ones marked, header row) and override any of it.
 *
 * The file goes to main (an upload in the browser, a path the OS gave the preload in Electron) and
 * main reads it; the page only shows main's `file:progress` events while that happens.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { OperationOutput } from '../../shared/ipc/contract';
import type { ReadOptions } from '../../shared/source/source-table';
import { messageOf, unwrap, useBridge, useMainEvent } from '../app/bridge-context';
import type { OpenedFile } from '../app/wizard-state';
import { Detected, formatBytes } from './file-detected';

type AppInfo = OperationOutput<'app:info'>;
type OpenResult = OperationOutput<'file:open'>;

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

/**
 * Step 2. `file` is the open file (if any); `onOpened` reports a new or re-read one, `onClosed`
 * that the user stopped a read (main closed the file: the step is back to choosing one).
 */
export function FileStep(props: {
  readonly file: OpenedFile | null;
  readonly rowCount: number | null;
  readonly onOpened: (file: OpenedFile) => void;
  readonly onClosed: () => void;
  readonly onNext: () => void;
}) {
  const { file, rowCount, onOpened, onClosed, onNext } = props;
  const bridge = useBridge();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ read: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  // The read under way, so Cancel can stop its upload (browser) as well as main's reading.
  const reading = useRef<AbortController | null>(null);
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
    } else if (reading.current?.signal.aborted) {
      stopped();
    }
  };

  const stopped = (): void => {
    setError(null);
    setNotice('Reading stopped. Choose a file.');
    onClosed();
  };

  const cancelRead = (): void => {
    reading.current?.abort();
    void bridge.file.cancelRead();
  };

  const run = async (label: string, work: (signal: AbortSignal) => Promise<OpenResult>): Promise<void> => {
    const read = new AbortController();
    reading.current = read;
    setBusy(label);
    setProgress(null);
    setError(null);
    setNotice(null);
    try {
      settle(await work(read.signal));
    } catch (failure) {
      if (read.signal.aborted) stopped();
      else setError(messageOf(failure));
    } finally {
      reading.current = null;
      focusAfterRead.current = true;
      setBusy(null);
    }
  };

  const openChosen = (chosen: File): Promise<void> =>
    run(`Reading ${chosen.name}…`, async (signal) => {
      const registered = await unwrap(bridge.registerFile(chosen, signal));
      signal.throwIfAborted();
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
          <button type="button" onClick={cancelRead}>
            Cancel reading
          </button>
        </div>
      )}
      {notice && !busy && (
        <p role="status" className="note">
          {notice}
        </p>
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
