/**
 * Step 7, Results: what happened to every row of the file — created, updated, failed, skipped and
 * never sent (errors, duplicates, blank) — with counts that add up to the file's rows, the rows not
 * sent with their reasons, the two reports to save, and the history of past imports.
 */
import { useEffect, useRef, useState } from 'react';
import type { OperationOutput } from '../../shared/ipc/contract';
import { messageOf, unwrap, useBridge } from '../app/bridge-context';
import { offerReport } from '../app/download';
import type { Job } from '../app/wizard-state';
import { HistoryPanel } from './history-panel';

type NotSentPage = OperationOutput<'jobs:failed-rows'>;
type Confirmation = Extract<
  OperationOutput<'import:retry-failed'>,
  { kind: 'needs-confirmation' }
>['confirmation'];

/** Rows not sent shown per page. */
const pageSize = 50;

/** Why a row was not sent, in words. */
const outcomeWords: Readonly<Record<NotSentPage['rows'][number]['outcome'], string>> = {
  invalid: 'Error in the file',
  duplicate: 'Duplicate',
  skipped: 'Skipped',
  failed: 'Failed at Omneo',
  'not-sent': 'Not sent yet',
};

/** The customer a row is: its match key, with the Omneo profile id once known; `—` when it has none. */
export function customerOf(row: {
  readonly matchKey?: string | null;
  readonly profileId?: string | null;
}): string {
  const key = row.matchKey ?? '';
  const id = row.profileId ? `profile ${row.profileId}` : '';
  return [key, id].filter(Boolean).join(' · ') || '—';
}

/** Every count of a job as label and value; the values add up to `rows` when the job is complete. */
export function jobCountLines(counts: Job['counts']): { label: string; value: number }[] {
  return [
    { label: 'Created', value: counts.created },
    { label: 'Updated', value: counts.updated },
    { label: 'Failed (refused by Omneo)', value: counts.failed },
    { label: 'Not sent: errors in the file', value: counts.invalid },
    { label: 'Not sent: duplicates', value: counts.duplicate },
    { label: 'Not sent: skipped (by you, or by the import mode)', value: counts.skipped },
    { label: 'Blank rows', value: counts.blank },
    { label: 'Not sent yet', value: counts.pending },
  ];
}

/** Step 7. */
export function ResultsStep(props: {
  readonly job: Job;
  readonly onOpenJob: (job: Job) => void;
  readonly onNewImport: () => void;
}) {
  const { job, onOpenJob, onNewImport } = props;
  const bridge = useBridge();
  const [status, setStatus] = useState<string | null>(null);
  const [notSent, setNotSent] = useState<NotSentPage | null>(null);
  const [offset, setOffset] = useState(0);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  /** The retry button: focus goes back to it when the dialog closes (Escape too). */
  const retryButton = useRef<HTMLButtonElement>(null);
  const lines = jobCountLines(job.counts);
  const sum = lines.reduce((total, line) => total + line.value, 0);
  const finished = job.state !== 'running' && job.state !== 'paused';

  // The rows not sent, a page at a time, with main's reasons.
  useEffect(() => {
    if (!finished) return;
    let live = true;
    void unwrap(bridge.jobs.failedRows({ jobId: job.id, offset, limit: pageSize })).then(
      (page) => live && setNotSent(page),
      (error: unknown) => live && setStatus(messageOf(error)),
    );
    return () => {
      live = false;
    };
  }, [bridge, job.id, offset, finished]);

  useEffect(() => {
    if (confirmation && !dialog.current?.open) dialog.current?.showModal();
  }, [confirmation]);

  const askRetry = async (): Promise<void> => {
    setBusy(true);
    try {
      const answer = await unwrap(bridge.import.retryFailed({ jobId: job.id }));
      if (answer.kind === 'needs-confirmation') setConfirmation(answer.confirmation);
      else if (answer.kind === 'nothing-to-send') setStatus(answer.message);
    } catch (error) {
      setStatus(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  const retry = async (): Promise<void> => {
    setBusy(true);
    try {
      const answer = await unwrap(bridge.import.retryFailed({ jobId: job.id, confirmed: true }));
      dialog.current?.close();
      setConfirmation(null);
      if (answer.kind === 'started') onOpenJob(answer.job);
      else if (answer.kind === 'nothing-to-send') setStatus(answer.message);
    } catch (error) {
      dialog.current?.close();
      setConfirmation(null);
      setStatus(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const save = async (report: 'results' | 'errors'): Promise<void> => {
    try {
      setStatus(offerReport(await unwrap(bridge.report.export({ of: 'job', jobId: job.id, report }))));
    } catch (error) {
      setStatus(messageOf(error));
    }
  };

  return (
    <section aria-labelledby="results-heading" className="step">
      <h2 id="results-heading">Results</h2>
      <p>
        {`${job.fileName} → ${job.connectionName}: ${job.state}`}
        {job.message && ` — ${job.message}`}
      </p>
      <table className="plain counts" aria-label="What happened to each row">
        <tbody>
          {lines.map((line) => (
            <tr key={line.label} className={line.value === 0 ? 'zero' : undefined}>
              <th scope="row">{line.label}</th>
              <td className="number">{line.value.toLocaleString()}</td>
            </tr>
          ))}
          <tr className="total">
            <th scope="row">Rows in the file</th>
            <td className="number">{job.counts.rows.toLocaleString()}</td>
          </tr>
        </tbody>
      </table>
      {job.leftOut && job.leftOut.values > 0 && (
        <p className="note">
          {`${job.leftOut.values.toLocaleString()} ${job.leftOut.values === 1 ? 'value was' : 'values were'} left out of ${job.leftOut.rows.toLocaleString()} sent ${job.leftOut.rows === 1 ? 'row' : 'rows'} (invalid values or repeated mobile phones); results.csv names them in its left_out column.`}
        </p>
      )}
      {sum !== job.counts.rows && (
        <p role="alert" className="error">
          {`The counts add up to ${sum.toLocaleString()}, not ${job.counts.rows.toLocaleString()}: see results.csv.`}
        </p>
      )}
      <div className="inline">
        <button type="button" onClick={() => void save('results')}>
          Download results.csv
        </button>
        <button type="button" onClick={() => void save('errors')}>
          Download errors.csv
        </button>
        {job.resumable && (
          <button
            type="button"
            onClick={() =>
              void unwrap(bridge.jobs.resume({ jobId: job.id })).then(
                (answer) => onOpenJob(answer.job),
                (error: unknown) => setStatus(messageOf(error)),
              )
            }
          >
            Resume this import
          </button>
        )}
        {(notSent?.failed ?? 0) > 0 && (
          <button type="button" ref={retryButton} disabled={busy} onClick={() => void askRetry()}>
            {`Retry ${(notSent?.failed ?? 0).toLocaleString()} failed rows…`}
          </button>
        )}
        <button type="button" className="primary" onClick={onNewImport}>
          Import another file
        </button>
      </div>
      {status && <output aria-live="polite">{status}</output>}
      {notSent && notSent.total > 0 && (
        <section aria-labelledby="not-sent-heading">
          <h3 id="not-sent-heading">{`Rows not sent (${notSent.total.toLocaleString()})`}</h3>
          <table className="plain" aria-label="Rows not sent and why">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Customer</th>
                <th scope="col">What happened</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {notSent.rows.map((row) => (
                <tr key={row.line}>
                  <td className="number">{row.line}</td>
                  <td>{customerOf(row)}</td>
                  <td>{outcomeWords[row.outcome]}</td>
                  <td>{row.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {notSent.total > pageSize && (
            <div className="inline">
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - pageSize))}
              >
                Previous rows
              </button>
              <span className="muted">{`Rows ${(offset + 1).toLocaleString()}–${Math.min(notSent.total, offset + pageSize).toLocaleString()} of ${notSent.total.toLocaleString()}`}</span>
              <button
                type="button"
                disabled={offset + pageSize >= notSent.total}
                onClick={() => setOffset(offset + pageSize)}
              >
                Next rows
              </button>
            </div>
          )}
        </section>
      )}
      <dialog
        ref={dialog}
        aria-labelledby="retry-heading"
        onClose={() => {
          setConfirmation(null);
          // The opener was disabled while main answered, so the browser cannot return focus to it.
          requestAnimationFrame(() => retryButton.current?.focus());
        }}
        className="confirm"
      >
        <h2 id="retry-heading">Retry the failed rows?</h2>
        <p>{confirmation?.message}</p>
        {confirmation?.refusals.map((refusal) => (
          <p key={refusal.code} className="warning-text">
            {refusal.message}
          </p>
        ))}
        <p className="muted">
          Nothing is sent until you choose Send. The retry is a new import in the history.
        </p>
        <div className="inline">
          <button type="button" className="primary" autoFocus disabled={busy} onClick={() => void retry()}>
            {`Send ${confirmation?.profiles.toLocaleString() ?? ''} profiles`}
          </button>
          <button type="button" disabled={busy} onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
      <HistoryPanel onOpen={onOpenJob} />
    </section>
  );
}
