/**
 * What the File step detected about an open file, each setting with its override, and the file's
 * first rows as they are: the header row is picked by clicking its row, not by typing a number.
 */
import { useEffect, useId, useState } from 'react';
import type { OperationOutput } from '../../shared/ipc/contract';
import type { ReadOptions } from '../../shared/source/source-table';
import { encodingLabels } from '../../shared/source/source-table';
import { messageOf, unwrap, useBridge } from '../app/bridge-context';
import type { OpenedFile } from '../app/wizard-state';

type HeadRows = OperationOutput<'file:head'>['rows'];

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

/** A sheet as the sheet list names it: "Customers — 1,000 rows (hidden)". */
export function sheetLabel(sheet: OpenedFile['info']['sheets'][number]): string {
  const rows =
    sheet.rows === undefined ? '' : ` — ${sheet.rows.toLocaleString()} ${sheet.rows === 1 ? 'row' : 'rows'}`;
  return `${sheet.name}${rows}${sheet.hidden ? ' (hidden)' : ''}`;
}

/** What was detected, each with its override, and the first rows to pick the header from. */
export function Detected(props: {
  readonly file: OpenedFile;
  readonly rowCount: number | null;
  readonly onReread: (options: ReadOptions) => void;
}) {
  const { file, rowCount, onReread } = props;
  const { info } = file;
  const id = useId();
  const lineWord = info.format === 'delimited' ? 'Line' : 'Row';
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
        <dd>{`${lineWord} ${info.headerRow}`}</dd>
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
                  {sheetLabel(sheet)}
                </option>
              ))}
            </select>
          </>
        )}
      </fieldset>
      <FirstRows file={file} lineWord={lineWord} onHeader={(headerRow) => onReread({ headerRow })} />
    </div>
  );
}

/**
 * The file's first rows as they are, the header row marked; each row's button makes it the header
 * row (so a title line above the real header is one click away).
 */
function FirstRows(props: {
  readonly file: OpenedFile;
  readonly lineWord: string;
  readonly onHeader: (line: number) => void;
}) {
  const { file, lineWord, onHeader } = props;
  const bridge = useBridge();
  const { fileId, info } = file;
  // The rows read for one reading of the file (a re-read gives a new `info`, and reads again).
  const [loaded, setLoaded] = useState<{
    readonly info: OpenedFile['info'];
    readonly rows: HeadRows | null;
    readonly error: string | null;
  } | null>(null);
  useEffect(() => {
    let live = true;
    unwrap(bridge.file.head({ fileId }))
      .then((head) => live && setLoaded({ info, rows: head.rows, error: null }))
      .catch((failure: unknown) => live && setLoaded({ info, rows: null, error: messageOf(failure) }));
    return () => {
      live = false;
    };
  }, [bridge, fileId, info]);
  const current = loaded?.info === info ? loaded : null;
  const rows = current?.rows ?? null;
  const error = current?.error ?? null;

  const width = Math.max(0, ...(rows ?? []).map((r) => r.cells.length));
  return (
    <div className="first-rows">
      <h3 id={`${fileId}-first-rows`}>First rows of the file</h3>
      <p className="muted">
        {`The header row names the columns. If it is not the one marked, click the right row's “Use ${lineWord.toLowerCase()} …” button.`}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!rows && !error && <p role="status">Loading the first rows…</p>}
      {rows && (
        <div className="first-rows-scroll">
          <table aria-labelledby={`${fileId}-first-rows`}>
            <tbody>
              {rows.map((row) => {
                const header = row.line === info.headerRow;
                return (
                  <tr
                    key={row.line}
                    className={header ? 'header-row' : 'pickable'}
                    onClick={header ? undefined : () => onHeader(row.line)}
                  >
                    <th scope="row">
                      {header ? (
                        <span className="header-mark">{`${lineWord} ${row.line}: header`}</span>
                      ) : (
                        <button
                          type="button"
                          onClick={(event) => {
                            event.stopPropagation();
                            onHeader(row.line);
                          }}
                        >
                          {`Use ${lineWord.toLowerCase()} ${row.line}`}
                          <span className="visually-hidden"> as the header row</span>
                        </button>
                      )}
                    </th>
                    {Array.from({ length: width }, (_, i) => (
                      <td key={i}>{row.cells[i] ?? ''}</td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
