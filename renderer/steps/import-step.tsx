/**
 * Step 6, Import: main sends the batches and pushes progress; the page shows rows per second and
 * time left, pause, resume and cancel, and every batch with its attempts and state. Waiting for a
 * rate limit or a retry is shown as what it is, not as a failure.
 */
import { useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../shared/ipc/contract';
import { messageOf, unwrap, useBridge, useMainEvent } from '../app/bridge-context';
import { useHostLink } from '../app/host-lost-banner';
import type { Job } from '../app/wizard-state';

type Progress = EventPayload<'import:progress'>;
type Batch = EventPayload<'batch:settled'>['batch'];

const batchWords: Readonly<Record<Batch['state'], string>> = {
  sending: 'Sending',
  retrying: 'Retrying',
  'rate-limited': 'Waiting (rate limit)',
  accepted: 'Accepted, processing',
  settled: 'Done',
  failed: 'Failed',
  'not-sent': 'Not sent',
};

const waitingWords: Readonly<Record<NonNullable<Progress['waiting']>, string>> = {
  'rate-limited': 'Omneo asked us to slow down; sending continues automatically.',
  retrying: 'A request did not go through; it is being retried automatically.',
  paused: 'Paused.',
};

/** main's message on a batch a resumed job skips because it was sent before. */
const alreadySent = 'Already sent before the job was resumed.';

/** Seconds as "2 min 5 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** "12 batches not sent yet. " (neither acknowledged nor in flight), or '' when not known. */
function unsentWords(progress: Progress | null, batches: ReadonlyMap<number, Batch>): string {
  if (!progress || progress.totalBatches == null) return '';
  let inFlight = 0;
  for (const batch of batches.values()) {
    if (batch.state === 'sending' || batch.state === 'retrying' || batch.state === 'rate-limited')
      inFlight += 1;
  }
  const left = Math.max(0, progress.totalBatches - progress.batchesAcknowledged - inFlight);
  return `${left.toLocaleString()} ${left === 1 ? 'batch' : 'batches'} not sent yet. `;
}

/** Step 6. `onFinished` gets the job once main says it stopped. */
export function ImportStep(props: { readonly job: Job; readonly onFinished: (job: Job) => void }) {
  const { onFinished } = props;
  const bridge = useBridge();
  const [job, setJob] = useState(props.job);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [batches, setBatches] = useState<ReadonlyMap<number, Batch>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  /** True while the job is paused only because Cancel is asking. */
  const heldForCancel = useRef(false);

  // A page opened or reloaded mid-import catches up with what happened before it (events only
  // bring what happens next); events that arrive meanwhile are newer and win.
  useEffect(() => {
    let live = true;
    void bridge.jobs.live({ jobId: props.job.id }).then((reply) => {
      if (!live || !reply.ok) return;
      const { progress: before, batches: earlier } = reply.value;
      setProgress((now) => now ?? before);
      setBatches((now) => {
        const merged = new Map(earlier.map((b) => [b.index, b]));
        for (const [index, batch] of now) merged.set(index, batch);
        return merged;
      });
    });
    return () => {
      live = false;
    };
  }, [bridge, props.job.id]);
  useMainEvent('import:progress', (event) => {
    if (event.jobId === job.id) setProgress(event);
  });
  useMainEvent('batch:settled', (event) => {
    if (event.jobId === job.id) setBatches((old) => new Map(old).set(event.batch.index, event.batch));
  });
  useMainEvent('job:finished', (event) => {
    if (event.job.id !== job.id) return;
    setJob(event.job);
    if (event.job.state !== 'paused') onFinished(event.job);
  });

  /**
   * Cancel asks first, and no new batch starts while it asks (the job pauses; batches in flight
   * get their answer). "Keep sending" resumes it — unless the user had paused it before asking.
   */
  const askCancel = async (): Promise<void> => {
    setError(null);
    const wasPaused = paused;
    heldForCancel.current = !wasPaused;
    setConfirmingCancel(true);
    if (wasPaused) return;
    try {
      setJob((await unwrap(bridge.import.pause({ jobId: job.id }))).job);
    } catch (failure) {
      heldForCancel.current = false;
      setError(messageOf(failure));
    }
  };
  const keepSending = async (): Promise<void> => {
    setConfirmingCancel(false);
    if (!heldForCancel.current) return;
    heldForCancel.current = false;
    await act('resume');
  };

  const act = async (what: 'pause' | 'resume' | 'cancel'): Promise<void> => {
    setBusy(true);
    setError(null);
    setConfirmingCancel(false);
    if (what === 'cancel') setCancelling(true);
    try {
      const answer = await unwrap(bridge.import[what]({ jobId: job.id }));
      setJob(answer.job);
      if (what === 'cancel' || !['running', 'paused'].includes(answer.job.state)) onFinished(answer.job);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
      setCancelling(false);
    }
  };

  const total = progress?.totalRows ?? job.counts.rows;
  const sent = progress?.rowsSent ?? 0;
  const paused = job.state === 'paused' || progress?.waiting === 'paused';
  // Every profile is out (or the estimate says so) but the job has not ended: say what it waits for.
  const finishing =
    !paused &&
    job.state === 'running' &&
    progress !== null &&
    progress !== undefined &&
    (sent >= total || (progress.etaSeconds != null && progress.etaSeconds < 1));
  const hostLost = useHostLink() !== 'up';
  // Batches sent before a resume are summarised in one line rather than listed one by one.
  const all = [...batches.values()].sort((a, b) => a.index - b.index);
  const rows = all.filter((b) => b.message !== alreadySent);
  const earlier = all.length - rows.length;
  const shown = rows.length > 200 ? rows.slice(-200) : rows;

  return (
    <section aria-labelledby="import-heading" className="step">
      <h2 id="import-heading">Import</h2>
      <p>{`Sending ${job.fileName} to ${job.connectionName}.`}</p>
      <div className="progress-block">
        <progress aria-label="Profiles sent" max={Math.max(total, 1)} value={sent} />
        <p role="status" aria-live="polite">
          {`${sent.toLocaleString()} of ${total.toLocaleString()} profiles acknowledged`}
          {paused && ' · Paused'}
          {!paused &&
            progress &&
            progress.rowsPerSecond > 0 &&
            ` · ${Math.round(progress.rowsPerSecond).toLocaleString()} rows/s`}
          {!paused &&
            !finishing &&
            progress?.etaSeconds != null &&
            ` · about ${formatDuration(progress.etaSeconds)} left`}
          {finishing && ' · following the last batches to their outcome and writing the reports…'}
          {progress?.totalBatches != null &&
            ` · batch ${progress.batchesAcknowledged.toLocaleString()} of ${progress.totalBatches.toLocaleString()}`}
        </p>
        {(progress?.waiting || paused) && (
          <p className="note">{paused ? waitingWords.paused : waitingWords[progress?.waiting ?? 'paused']}</p>
        )}
        {job.message && <p className="note">{job.message}</p>}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="inline">
        {paused ? (
          <button type="button" disabled={busy || hostLost} onClick={() => void act('resume')}>
            Resume
          </button>
        ) : (
          <button
            type="button"
            disabled={busy || hostLost || job.state !== 'running'}
            onClick={() => void act('pause')}
          >
            Pause
          </button>
        )}
        <button
          type="button"
          disabled={busy || hostLost || confirmingCancel}
          onClick={() => void askCancel()}
        >
          Cancel import
        </button>
      </div>
      {confirmingCancel && (
        <div role="group" aria-labelledby="cancel-question" className="note">
          <p id="cancel-question">
            {`Cancel import? ${unsentWords(progress, batches)}No new batch starts while you decide. If you stop, batches not sent are never sent by this import (Resume in Past imports can send them later); batches Omneo already has get their answer and are followed to their outcome.`}
          </p>
          <div className="inline">
            <button type="button" className="danger" autoFocus onClick={() => void act('cancel')}>
              Stop the import
            </button>
            <button type="button" onClick={() => void keepSending()}>
              Keep sending
            </button>
          </div>
        </div>
      )}
      {cancelling && (
        <p role="status" className="note">
          Stopping: waiting for the outcome of batches Omneo already accepted…
        </p>
      )}
      <h3 id="batches-heading">Batches</h3>
      {earlier > 0 && (
        <p className="muted">{`${earlier.toLocaleString()} ${earlier === 1 ? 'batch was' : 'batches were'} sent before the job was resumed.`}</p>
      )}
      {rows.length === 0 && earlier > 0 ? null : rows.length === 0 ? (
        <p className="muted">The first batch is on its way…</p>
      ) : (
        <div className="batch-scroll" tabIndex={0} role="region" aria-labelledby="batches-heading">
          <table className="plain">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Rows</th>
                <th scope="col">State</th>
                <th scope="col">Attempts</th>
                <th scope="col">Batch id (for Omneo support)</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((batch) => (
                <tr key={batch.index} className={`batch-${batch.state}`}>
                  <td className="number">{batch.index + 1}</td>
                  <td className="number">{batch.rows.toLocaleString()}</td>
                  <td>
                    {batchWords[batch.state]}
                    {batch.message && <span className="muted">{` — ${batch.message}`}</span>}
                  </td>
                  <td className="number">{batch.attempts}</td>
                  <td className="muted batch-id">{batch.batchId ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
