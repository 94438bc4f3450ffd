/**
 * Step 5, Review: main checks the whole file with the mapping and options and answers once the
 * first rows are checked, so the table shows them at once; the rest are checked in slices (progress
 * pushed as `check:progress`, the last event bringing the final counts) and the import stays
 * disabled until every row is checked. The page shows the problems grouped by kind, a virtualised table of every
 * row to filter, fix, skip and inspect as JSON, and — only after the user confirms the summary
 * main computes — starts the import.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { EventPayload, OperationOutput } from '../../shared/ipc/contract';
import { messageOf, unwrap, useBridge, useMainEvent } from '../app/bridge-context';
import { offerReport } from '../app/download';
import type { ConnectionChoice, ImportOptions, Job, MappedColumn, OpenedFile } from '../app/wizard-state';
import { bridgeRowSource } from '../review/bridge-row-source';
import { matchTargetOf } from '../review/column-layout';
import { GridModel } from '../review/grid-model';
import { JsonDialog, type Payload } from '../review/json-dialog';
import { ProblemGroups, type IssueGroups } from '../review/problem-groups';
import { ReviewTable, type ReviewColumn } from '../review/review-table';
import { ReviewToolbar } from '../review/review-toolbar';
import type { ImportMode } from '../../shared/compare/import-mode';
import { ComparePanel, useCompareStatus } from './compare-panel';
import { ConfirmImport } from './confirm-import';

type Checked = Extract<OperationOutput<'check:run'>, { kind: 'checked' }>;
type CheckProgressEvent = EventPayload<'check:progress'>;

/** A partial check's answer made final with its last `check:progress` event. */
function completed(checked: Checked, final: CheckProgressEvent): Checked {
  return {
    ...checked,
    complete: true,
    summary: final.summary ?? checked.summary,
    blocker: final.blocker ?? null,
  };
}

/** The outcome of the last check, and what it was run with. */
export interface CheckOutcome {
  readonly key: string;
  readonly checked: Checked;
}

/** What a check depends on; a different key means the file must be checked again. */
export function checkKey(file: OpenedFile, mapping: readonly MappedColumn[], options: ImportOptions): string {
  return JSON.stringify([
    file.fileId,
    file.info.headerRow,
    file.info.sheet,
    mapping,
    options.check,
    options.leaveOutRepeatedPhones,
  ]);
}

/** Step 5. */
export function ReviewStep(props: {
  readonly file: OpenedFile;
  readonly mapping: readonly MappedColumn[];
  readonly options: ImportOptions;
  readonly connection: ConnectionChoice;
  readonly outcome: CheckOutcome | null;
  readonly onChecked: (outcome: CheckOutcome) => void;
  readonly onOptions: (options: ImportOptions) => void;
  readonly onStarted: (job: Job) => void;
  /** An import is running or paused now. */
  readonly jobRunning?: boolean;
}) {
  const { file, mapping, options, connection, outcome, onChecked, onOptions, onStarted, jobRunning } = props;
  const bridge = useBridge();
  /** The control that opened the JSON dialog, to give focus back to when it closes. */
  const opener = useRef<HTMLElement | null>(null);
  /** Set when a control that disappears (a date order button) was used: focus goes to the heading. */
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current) return;
    const active = document.activeElement;
    if (!active || active === document.body) {
      const heading = document.getElementById('review-heading');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }
  });
  const chooseDateOrder = (dateOrder: 'dmy' | 'mdy'): void => {
    setExportStatus(null);
    refocus.current = true;
    onOptions({ ...options, check: { ...options.check, dateOrder } });
  };
  const key = checkKey(file, mapping, options);
  const current = outcome?.key === key ? outcome.checked : null;
  const [checking, setChecking] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number | null } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [groups, setGroups] = useState<IssueGroups>([]);
  const [payload, setPayload] = useState<Payload | null>(null);
  const [exportStatus, setExportStatus] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ index: number; serial: number } | null>(null);
  const started = useRef<string | null>(null);
  const [mode, setMode] = useState<ImportMode>('both');

  // The last event of the file's latest check: it may come before check:run's own answer (or before
  // that answer is rendered), so it is kept and matched to the check by its run number.
  const [final, setFinal] = useState<CheckProgressEvent | null>(null);
  useMainEvent('check:progress', (event) => {
    if (event.fileId !== file.fileId) return;
    setProgress({ done: event.rowsChecked, total: event.totalRows });
    if (event.complete && event.run !== undefined) setFinal(event);
  });
  useEffect(() => {
    if (!outcome || outcome.key !== key || outcome.checked.complete) return;
    if (final?.fileId === file.fileId && final.run === outcome.checked.run)
      onChecked({ key, checked: completed(outcome.checked, final) });
  }, [outcome, key, final, file.fileId, onChecked]);

  // Check once per key: on arrival, and again after the options or mapping changed.
  useEffect(() => {
    if (current || started.current === key) return;
    started.current = key;
    setChecking(true);
    setFailure(null);
    setProgress(null);
    unwrap(
      bridge.check.run({
        fileId: file.fileId,
        options: options.check,
        repeatedPhones: options.leaveOutRepeatedPhones ? 'leave-out' : 'keep',
      }),
    )
      .then((answer) => {
        if (answer.kind === 'checked') onChecked({ key, checked: answer });
        else if (answer.kind === 'file-error') {
          const where = answer.error.line
            ? ` (line ${answer.error.line}${answer.error.column ? `, column ${answer.error.column}` : ''})`
            : '';
          setFailure(`${answer.error.message}${where}`);
        } else setFailure(`${answer.message} ${answer.problems.map((p) => p.message).join(' ')}`.trim());
      })
      .catch((error: unknown) => setFailure(messageOf(error)))
      .finally(() => setChecking(false));
  }, [bridge, current, file.fileId, key, onChecked, options.check, options.leaveOutRepeatedPhones]);

  // One model per check run: finishing the check refreshes its rows in place (same scroll).
  const run = current?.run ?? null;
  const model = useMemo(
    () => (run !== null ? new GridModel(bridgeRowSource(bridge, file.fileId)) : null),
    [bridge, run, file.fileId],
  );
  const complete = current?.complete ?? false;
  // A model made while rows were still being checked re-fetches them once the check is complete.
  const partial = useRef<GridModel | null>(null);
  useEffect(() => {
    if (model && !complete) partial.current = model;
    if (!model || !complete || partial.current !== model) return;
    partial.current = null;
    if (model.total === null) void model.reload();
    else model.refresh();
  }, [model, complete]);
  const version = useSyncExternalStore(
    (listener) => model?.subscribe(listener) ?? (() => {}),
    () => model?.version ?? 0,
  );
  useEffect(() => void model?.reload(), [model]);
  // The compare of these rows (an edit or a new check makes it stale: main says so).
  const compare = useCompareStatus(file.fileId, `${current?.run ?? ''}:${version}`);
  const compareCounts = compare?.state === 'compared' ? compare.counts : null;

  // An edit made while the rest was being checked carries counts of that moment; the final ones win.
  const editedSummary = model?.summary ?? null;
  const summary =
    editedSummary && !(current?.complete && editedSummary.unchecked > 0)
      ? editedSummary
      : (current?.summary ?? null);
  // The problem groups follow every change of the counts (an edit can fix or add a problem).
  useEffect(() => {
    if (!current) return;
    let live = true;
    void bridge.issues
      .summary({ fileId: file.fileId })
      .then((reply) => live && reply.ok && setGroups(reply.value.groups));
    return () => {
      live = false;
    };
  }, [bridge, current, file.fileId, summary]);

  const columns = useMemo<ReviewColumn[]>(
    () =>
      mapping.map((m) => {
        const column = file.info.columns.find((c) => c.index === m.column);
        return {
          index: m.column,
          letter: column?.letter ?? '?',
          header: column?.header ?? '',
          target: m.target,
        };
      }),
    [file.info.columns, mapping],
  );

  const showJson = async (line: number): Promise<void> => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    try {
      setPayload(await unwrap(bridge.rows.payload({ fileId: file.fileId, line })));
    } catch (error) {
      setExportStatus(messageOf(error));
    }
  };
  const exportProblems = async (): Promise<void> => {
    try {
      setExportStatus(
        offerReport(
          await unwrap(
            bridge.report.export({
              of: 'file',
              fileId: file.fileId,
              report: connection.kind === 'preview-only' ? 'preview' : 'problems',
            }),
          ),
        ),
      );
    } catch (error) {
      setExportStatus(messageOf(error));
    }
  };

  if (!current) {
    return (
      <section aria-labelledby="review-heading" className="step">
        <h2 id="review-heading">Review</h2>
        {checking && (
          <div role="status" className="progress-line">
            <span>
              {`Checking ${file.info.name}… `}
              {progress &&
                `${progress.done.toLocaleString()} rows${progress.total ? ` of ${progress.total.toLocaleString()}` : ''}`}
            </span>
            <progress
              aria-label="Checking the file"
              max={progress?.total ?? undefined}
              value={progress?.total ? progress.done : undefined}
            />
          </div>
        )}
        {failure && (
          <p role="alert" className="error">
            {failure}
          </p>
        )}
      </section>
    );
  }

  const previewOnly = connection.kind === 'preview-only';
  const dateOrderNeeded = current.ambiguousDateColumns.length > 0 && options.check.dateOrder === null;
  const matchTarget = matchTargetOf(options.check.match);
  const goToLine = async (line: number): Promise<void> => {
    const position = await model?.locate(line);
    if (position === null || position === undefined) return;
    setFocusRequest((old) => ({ index: position, serial: (old?.serial ?? 0) + 1 }));
    setExportStatus(`Line ${line.toLocaleString()} is row ${(position + 1).toLocaleString()} of the table.`);
  };

  return (
    <section aria-labelledby="review-heading" className="step review">
      <h2 id="review-heading">Review</h2>
      {summary && current.complete && (
        <p className="summary-line">
          {`${summary.rows.toLocaleString()} rows: ${summary.valid.toLocaleString()} ${previewOnly ? 'valid' : 'ready to send'}, ${summary.invalid.toLocaleString()} with errors, ${summary.duplicate.toLocaleString()} duplicates, ${summary.blank.toLocaleString()} blank, ${summary.skipped.toLocaleString()} skipped; ${summary.warningRows.toLocaleString()} with warnings.`}
        </p>
      )}
      {summary && !current.complete && (
        <div role="status" className="progress-line">
          <span className="summary-line">
            {`${summary.rows.toLocaleString()} rows: checking… ${(progress?.done ?? summary.rows - summary.unchecked).toLocaleString()} checked so far. The first rows are below; importing waits until every row is checked.`}
          </span>
          <progress
            aria-label="Checking the file"
            max={summary.rows}
            value={progress?.done ?? summary.rows - summary.unchecked}
          />
        </div>
      )}
      {dateOrderNeeded && (
        <div role="alert" className="error">
          <p>
            {`Dates in ${current.ambiguousDateColumns.map((c) => `column ${c.letter} (${c.header})`).join(', ')} fit both day-first and month-first. Choose the order; nothing in these columns is sent until you do.`}
          </p>
          <span className="inline">
            <button type="button" onClick={() => chooseDateOrder('dmy')}>
              Day first
            </button>
            <button type="button" onClick={() => chooseDateOrder('mdy')}>
              Month first
            </button>
          </span>
        </div>
      )}
      {current.blocker && !dateOrderNeeded && <p className="note">{current.blocker}</p>}
      {groups.length > 0 && model && (
        <ProblemGroups
          groups={groups}
          model={model}
          matchTarget={matchTarget}
          fixes={{
            phoneRegion: options.check.phoneRegion,
            onPhoneRegion: (phoneRegion) =>
              onOptions({ ...options, check: { ...options.check, phoneRegion } }),
            onDateOrder: dateOrderNeeded ? null : chooseDateOrder,
          }}
          onChanged={setExportStatus}
        />
      )}
      {model && (
        <ReviewToolbar
          model={model}
          summary={summary}
          columns={columns}
          onGoToLine={(line) => void goToLine(line)}
          onExport={() => void exportProblems()}
          previewOnly={previewOnly}
          onStatus={setExportStatus}
          compareCounts={compareCounts}
        />
      )}
      {exportStatus && <output aria-live="polite">{exportStatus}</output>}
      {model?.error && (
        <p role="alert" className="error">
          {model.error}
        </p>
      )}
      <p role="status" className="muted">
        {model?.total === null
          ? 'Loading rows…'
          : model?.total === 0
            ? 'No rows match this filter.'
            : `${(model?.total ?? 0).toLocaleString()} ${model?.total === 1 ? 'row' : 'rows'} shown. Double-click a cell or press Enter to edit it; select rows with the boxes by the line numbers (Shift+click for a range).`}
      </p>
      {model && (
        <ReviewTable
          model={model}
          version={version}
          columns={columns}
          matchTarget={matchTarget}
          onShowJson={(line) => void showJson(line)}
          onGoToLine={(line) => void goToLine(line)}
          focusRequest={focusRequest}
        />
      )}
      {payload && (
        <JsonDialog
          payload={payload}
          onClose={() => {
            setPayload(null);
            // The opener may have been re-rendered; fall back to the grid's JSON button for the line.
            const back =
              opener.current?.isConnected === true
                ? opener.current
                : document.querySelector<HTMLElement>(`[aria-label="Show JSON for line ${payload.line}"]`);
            back?.focus();
          }}
        />
      )}
      <ComparePanel
        fileId={file.fileId}
        connection={connection}
        status={compare}
        mode={mode}
        onMode={setMode}
        filter={model?.compare}
        ready={current.complete && !dateOrderNeeded && !current.blocker}
      />
      <ConfirmImport
        mode={compareCounts ? mode : null}
        jobRunning={jobRunning ?? false}
        fileId={file.fileId}
        connection={connection}
        importJobId={options.importJobId}
        disabled={version < 0 || !current.complete || dateOrderNeeded || compare?.state === 'running'}
        onStarted={onStarted}
      />
    </section>
  );
}
