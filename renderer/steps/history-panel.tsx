/**
 * Past imports from the job journal, newest first, with Resume for an interrupted or paused one
 * and Results for a finished one. Shown on the first step (so a restarted app offers to go on)
 * and with the results.
 */
import { useEffect, useState } from 'react';
import { messageOf, unwrap, useBridge, useMainEvent } from '../app/bridge-context';
import type { Job } from '../app/wizard-state';
import { UndoDialog } from './undo-dialog';

const stateWords: Readonly<Record<Job['state'], string>> = {
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

/** How often the list refreshes while a job runs, in ms. */
const liveRefreshMs = 2_000;

/** A job's time as the user's locale writes it. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** The history table. `onOpen` shows a job (running → Import step, else Results). */
export function HistoryPanel(props: { readonly onOpen: (job: Job) => void; readonly headingLevel?: 2 | 3 }) {
  const { onOpen, headingLevel = 3 } = props;
  const bridge = useBridge();
  const [jobs, setJobs] = useState<readonly Job[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resuming, setResuming] = useState<string | null>(null);
  const [undoing, setUndoing] = useState<Job | null>(null);

  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let live = true;
    unwrap(bridge.jobs.list()).then(
      (answer) => live && setJobs(answer.jobs),
      (failure: unknown) => live && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [bridge, reloads]);
  useMainEvent('job:finished', () => setReloads((n) => n + 1));
  // While a job runs its counts change: refresh the list every few seconds, not on every event.
  const anyActive = jobs?.some((job) => job.state === 'running' || job.state === 'paused') ?? false;
  useEffect(() => {
    if (!anyActive) return;
    const timer = setInterval(() => setReloads((n) => n + 1), liveRefreshMs);
    return () => clearInterval(timer);
  }, [anyActive]);

  const resume = async (job: Job): Promise<void> => {
    setResuming(job.id);
    setError(null);
    try {
      onOpen((await unwrap(bridge.jobs.resume({ jobId: job.id }))).job);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setResuming(null);
    }
  };

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="history-heading" className="history">
      <Heading id="history-heading">Past imports</Heading>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {jobs === null && !error && <p role="status">Loading past imports…</p>}
      {jobs?.length === 0 && <p className="muted">No imports yet.</p>}
      {jobs && jobs.length > 0 && (
        <table className="plain">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Sent to</th>
              <th scope="col">Started</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
              <th scope="col">Updated</th>
              <th scope="col">Failed</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id}>
                <td>{job.fileName}</td>
                <td>{job.connectionName}</td>
                <td>{formatTime(job.startedAt)}</td>
                <td>
                  {stateWords[job.state]}
                  {job.message && <span className="muted"> — {job.message}</span>}
                </td>
                <td className="number">{job.counts.created.toLocaleString()}</td>
                <td className="number">{job.counts.updated.toLocaleString()}</td>
                <td className="number">{job.counts.failed.toLocaleString()}</td>
                <td className="inline">
                  {job.state === 'running' || job.state === 'paused' ? (
                    <button
                      type="button"
                      onClick={() => onOpen(job)}
                      aria-label={`Open import of ${job.fileName} started ${formatTime(job.startedAt)}`}
                    >
                      Open
                    </button>
                  ) : (
                    <>
                      {job.resumable && (
                        <button
                          type="button"
                          disabled={resuming !== null}
                          onClick={() => void resume(job)}
                          aria-label={`Resume import of ${job.fileName} started ${formatTime(job.startedAt)}`}
                        >
                          {resuming === job.id ? 'Resuming…' : 'Resume'}
                        </button>
                      )}
                      <button
                        type="button"
                        onClick={() => onOpen(job)}
                        aria-label={`Show results of ${job.fileName} started ${formatTime(job.startedAt)}`}
                      >
                        Results
                      </button>
                      {job.undoable && (
                        <button
                          type="button"
                          onClick={() => setUndoing(job)}
                          aria-label={`Undo this import: ${job.fileName} started ${formatTime(job.startedAt)}`}
                        >
                          Undo this import
                        </button>
                      )}
                      {job.undone && <span className="muted">Undone</span>}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {undoing && (
        <UndoDialog
          job={undoing}
          onClose={() => {
            setUndoing(null);
            setReloads((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}
