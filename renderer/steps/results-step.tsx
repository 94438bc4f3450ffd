/**
 * Step 7, Results: what happened to every row of the file — created, updated, failed, skipped and
 * never sent (errors, duplicates, blank) — with counts that add up to the file's rows, the rows not
 * sent with their reasons, the two reports to save, and the history of past imports.
 */
import Papa from 'papaparse';
import { useEffect, useState } from 'react';
import { messageOf, unwrap, useBridge } from '../app/bridge-context';
import { offerReport } from '../app/download';
import type { Job } from '../app/wizard-state';
import { HistoryPanel } from './history-panel';

/** Rows of errors.csv shown on the page (the file holds them all). */
const shownErrorRows = 100;

/** Every count of a job as label and value; the values add up to `rows` when the job is complete. */
export function jobCountLines(counts: Job['counts']): { label: string; value: number }[] {
  return [
    { label: 'Created', value: counts.created },
    { label: 'Updated', value: counts.updated },
    { label: 'Failed (refused by Omneo)', value: counts.failed },
    { label: 'Not sent: errors in the file', value: counts.invalid },
    { label: 'Not sent: duplicates', value: counts.duplicate },
    { label: 'Not sent: skipped by you', value: counts.skipped },
    { label: 'Blank rows', value: counts.blank },
    { label: 'Not sent yet', value: counts.pending },
  ];
}

interface ErrorRows {
  readonly fields: readonly string[];
  readonly rows: readonly Record<string, string>[];
  readonly total: number;
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
  const [errorRows, setErrorRows] = useState<ErrorRows | null>(null);
  const lines = jobCountLines(job.counts);
  const sum = lines.reduce((total, line) => total + line.value, 0);
  const notSent = job.counts.failed + job.counts.invalid + job.counts.duplicate + job.counts.pending;

  // In the browser the errors report is a same-origin download, so the page can show its rows too.
  useEffect(() => {
    if (notSent === 0) return;
    let live = true;
    void (async () => {
      const info = await unwrap(bridge.app.info());
      if (info.nativeDialogs) return; // Electron would ask where to save: only on request there.
      const exported = await unwrap(bridge.report.export({ of: 'job', jobId: job.id, report: 'errors' }));
      if (exported.kind !== 'download') return;
      const text = await (await fetch(exported.href)).text();
      const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
      if (live) {
        setErrorRows({
          fields: parsed.meta.fields ?? [],
          rows: parsed.data.slice(0, shownErrorRows),
          total: parsed.data.length,
        });
      }
    })().catch((error: unknown) => live && setStatus(messageOf(error)));
    return () => {
      live = false;
    };
  }, [bridge, job.id, notSent]);

  const save = async (report: 'results' | 'errors'): Promise<void> => {
    try {
      setStatus(offerReport(await unwrap(bridge.report.export({ of: 'job', jobId: job.id, report }))));
    } catch (error) {
      setStatus(messageOf(error));
    }
  };

  const reasonField = errorRows?.fields.find((f) => /reason|error|message/i.test(f));
  const lineField = errorRows?.fields.find((f) => /^line$/i.test(f));
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
        <button type="button" className="primary" onClick={onNewImport}>
          Import another file
        </button>
      </div>
      {status && <output aria-live="polite">{status}</output>}
      {errorRows && errorRows.total > 0 && (
        <section aria-labelledby="not-sent-heading">
          <h3 id="not-sent-heading">{`Rows not sent (${errorRows.total.toLocaleString()})`}</h3>
          {errorRows.total > shownErrorRows && (
            <p className="muted">{`The first ${shownErrorRows}; errors.csv has them all.`}</p>
          )}
          <table className="plain">
            <thead>
              <tr>
                {lineField && <th scope="col">Line</th>}
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {errorRows.rows.map((row, i) => (
                <tr key={i}>
                  {lineField && <td className="number">{row[lineField]}</td>}
                  <td>{reasonField ? row[reasonField] : Object.values(row).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <HistoryPanel onOpen={onOpenJob} />
    </section>
  );
}
