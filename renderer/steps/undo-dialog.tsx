/**
 * "Undo this import": main reads every profile the import created or updated and states what undo
 * would do — delete N, restore M, keep K (changed since the import, listed) — and nothing changes
 * until the user confirms; then progress, and the report naming each profile kept. An undo
 * interrupted (closed, cancelled, the app stopped) is resumed by undoing again.
 */
import { useEffect, useRef, useState } from 'react';
import type { EventPayload, OperationOutput } from '../../shared/ipc/contract';
import { messageOf, unwrap, useBridge, useMainEvent } from '../app/bridge-context';
import type { Job } from '../app/wizard-state';

type Planned = Extract<OperationOutput<'undo:plan'>, { kind: 'planned' }>;
type Report = NonNullable<EventPayload<'undo:progress'>['report']>;
type Kept = Planned['kept'][number];

type Stage =
  | { readonly kind: 'reading'; readonly done: number; readonly total: number }
  | { readonly kind: 'planned'; readonly plan: Planned }
  | { readonly kind: 'undoing'; readonly done: number; readonly total: number }
  | { readonly kind: 'finished'; readonly report: Report | null; readonly message: string | null }
  | { readonly kind: 'refused'; readonly message: string };

/** The dialog for one job; `onClose` when the user closes it (the history reloads then). */
export function UndoDialog(props: { readonly job: Job; readonly onClose: () => void }) {
  const { job, onClose } = props;
  const bridge = useBridge();
  const dialog = useRef<HTMLDialogElement>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'reading', done: 0, total: 0 });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  useEffect(() => {
    let live = true;
    unwrap(bridge.undo.plan({ jobId: job.id })).then(
      (answer) =>
        live &&
        setStage(
          answer.kind === 'planned'
            ? { kind: 'planned', plan: answer }
            : { kind: 'refused', message: answer.message },
        ),
      (error: unknown) => live && setStage({ kind: 'refused', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [bridge, job.id, attempt]);
  useMainEvent('undo:progress', (event) => {
    if (event.jobId !== job.id) return;
    if (event.phase === 'reading')
      setStage((s) => (s.kind === 'reading' ? { kind: 'reading', done: event.done, total: event.total } : s));
    else if (event.phase === 'undoing') setStage({ kind: 'undoing', done: event.done, total: event.total });
    else setStage({ kind: 'finished', report: event.report, message: event.message });
  });

  const close = (): void => {
    // A plan holds the job's lock; an undo under way stops (undoing again resumes it).
    if (stage.kind === 'planned' || stage.kind === 'undoing') void bridge.undo.cancel({ jobId: job.id });
    dialog.current?.close();
  };
  const start = async (): Promise<void> => {
    try {
      setStage({ kind: 'undoing', done: 0, total: 0 });
      await unwrap(bridge.undo.start({ jobId: job.id }));
    } catch (error) {
      setStage({ kind: 'refused', message: messageOf(error) });
    }
  };

  return (
    <dialog ref={dialog} aria-labelledby="undo-heading" className="confirm" onClose={onClose}>
      <h2 id="undo-heading">{`Undo the import of ${job.fileName}?`}</h2>
      {stage.kind === 'reading' && (
        <div role="status" className="progress-line">
          <span>{`Reading the profiles the import touched… ${stage.done.toLocaleString()} of ${stage.total.toLocaleString()}`}</span>
          <progress aria-label="Reading profiles" max={stage.total || undefined} value={stage.done} />
        </div>
      )}
      {stage.kind === 'refused' && (
        <p role="alert" className="error">
          {stage.message}
        </p>
      )}
      {stage.kind === 'planned' && (
        <>
          <p className="compare-line">
            {`Delete ${stage.plan.counts.delete.toLocaleString()}, restore ${stage.plan.counts.restore.toLocaleString()}, keep ${stage.plan.counts.keep.toLocaleString()} (changed since).`}
            {stage.plan.counts.gone + stage.plan.counts.done > 0 &&
              ` ${(stage.plan.counts.gone + stage.plan.counts.done).toLocaleString()} already gone or undone.`}
          </p>
          <p>
            Profiles the import created are deleted; profiles it updated get back the values they had before
            it. Nothing has been changed yet.
          </p>
          <KeptList kept={stage.plan.kept} title="Kept — changed since the import" />
        </>
      )}
      {stage.kind === 'undoing' && (
        <div role="status" className="progress-line">
          <span>{`Undoing… ${stage.done.toLocaleString()} of ${stage.total.toLocaleString()} profiles`}</span>
          <progress aria-label="Undoing the import" max={stage.total || undefined} value={stage.done} />
        </div>
      )}
      {stage.kind === 'finished' && (
        <>
          {stage.report && (
            <p role="status" className="compare-line">
              {`${stage.report.complete ? 'Undone' : 'Partly undone'}: ${stage.report.deleted.toLocaleString()} deleted, ${stage.report.restored.toLocaleString()} restored, ${stage.report.kept.length.toLocaleString()} kept.`}
            </p>
          )}
          {stage.message && (
            <p role="alert" className="error">
              {stage.message}
            </p>
          )}
          {stage.report && <KeptList kept={stage.report.kept} title="Kept — changed since the import" />}
          {stage.report && stage.report.failed.length > 0 && (
            <KeptList kept={stage.report.failed} title="Failed — undo again to retry" />
          )}
        </>
      )}
      <div className="inline">
        {stage.kind === 'planned' && (
          <button type="button" className="primary" autoFocus onClick={() => void start()}>
            Undo import
          </button>
        )}
        {stage.kind === 'finished' && (!stage.report?.complete || (stage.report?.failed.length ?? 0) > 0) && (
          <button
            type="button"
            onClick={() => {
              setStage({ kind: 'reading', done: 0, total: 0 });
              setAttempt((n) => n + 1);
            }}
          >
            Undo again
          </button>
        )}
        <button type="button" onClick={close}>
          {stage.kind === 'finished' || stage.kind === 'refused' ? 'Close' : 'Cancel'}
        </button>
      </div>
    </dialog>
  );
}

function KeptList(props: { readonly kept: readonly Kept[]; readonly title: string }) {
  if (props.kept.length === 0) return null;
  return (
    <section aria-label={props.title}>
      <h3>{props.title}</h3>
      <ul>
        {props.kept.map((k) => (
          <li key={`${k.line}-${k.profileId ?? ''}`}>
            {`Line ${k.line}, profile ${k.profileId ?? '?'}: ${k.reason}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
