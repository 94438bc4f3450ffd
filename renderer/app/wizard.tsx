/**
 * The import wizard: seven steps from connection to results, with the step list as navigation
 * (a step is reachable once what it needs is chosen). Holds what the steps gather; each step does
 * its own talking to main through the bridge.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { finishedImportTitle } from '../../shared/app/finished-import-words';
import { defaultCheckOptions } from '../../shared/engine/check-options';
import { ConnectionStep } from '../steps/connection-step';
import { FileStep } from '../steps/file-step';
import { HistoryPanel } from '../steps/history-panel';
import { ImportStep } from '../steps/import-step';
import { MappingStep } from '../steps/mapping-step';
import { OptionsStep } from '../steps/options-step';
import { useMainEvent } from './bridge-context';
import { HostLostBanner } from './host-lost-banner';
import { ResultsStep } from '../steps/results-step';
import { ReviewStep, type CheckOutcome } from '../steps/review-step';
import { computerRegion } from './computer-region';
import { recallWizard, rememberWizard } from './wizard-memory';
import { useReattach } from './reattach';
import {
  canVisit,
  initialWizardState,
  stepIds,
  stepTitles,
  type Job,
  type OpenedFile,
  type StepId,
  type WizardState,
} from './wizard-state';

/** The whole app. */
export function Wizard() {
  const [state, setState] = useState<WizardState>(() => {
    const first = initialWizardState({
      ...defaultCheckOptions,
      phoneRegion: computerRegion(navigator.languages),
    });
    return recallWizard(first) ?? first;
  });
  const reattach = useReattach(state, setState);
  useEffect(() => rememberWizard(state), [state]);
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // A step whose prerequisites went away (a file that cannot be read, an invalid option) is never
  // shown empty: the wizard falls back to the last step that can be shown.
  const step: StepId = canVisit(state, state.step)
    ? state.step
    : ([...stepIds]
        .reverse()
        .find((s) => stepIds.indexOf(s) < stepIds.indexOf(state.step) && canVisit(state, s)) ?? 'connection');

  // Preview only sends nothing: the Import and Results steps are not offered.
  const previewOnly = state.connection?.kind === 'preview-only';
  const visibleSteps = previewOnly ? stepIds.filter((s) => s !== 'import' && s !== 'results') : stepIds;

  const patch = useCallback((change: Partial<WizardState>) => setState((s) => ({ ...s, ...change })), []);
  const go = useCallback((step: StepId) => setState((s) => ({ ...s, step })), []);

  // Move focus to the new step's heading, so keyboard and screen-reader users start at its top.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const title = document.querySelector<HTMLElement>('main h2');
    if (title) {
      title.tabIndex = -1;
      title.focus();
    }
  }, [step]);

  const openJob = (job: Job): void =>
    patch({ job, step: job.state === 'running' || job.state === 'paused' ? 'import' : 'results' });
  const onOpened = (file: OpenedFile): void => {
    const sameColumns =
      state.file?.fileId === file.fileId &&
      JSON.stringify(state.file.info.columns) === JSON.stringify(file.info.columns);
    patch({ file, mapping: sameColumns ? state.mapping : null });
  };
  // The wizard's job follows main even while the Import step is not shown.
  useMainEvent('job:finished', (event) => {
    if (event.job.id === state.job?.id && event.job.state !== 'paused') {
      patch({ job: event.job });
      // A long import ends while the user is elsewhere: the tab's title says so.
      document.title = `${finishedImportTitle(event.job)} — Omneo Profile Importer`;
    }
  });
  // The title goes back once the user has seen the results.
  useEffect(() => {
    if (step !== 'results' && step !== 'import') document.title = 'Omneo Profile Importer';
  }, [step]);
  const onChecked = useCallback((checked: CheckOutcome) => setOutcome(checked), []);
  const onConnection = useCallback((connection: WizardState['connection']) => patch({ connection }), [patch]);

  const ambiguous =
    outcome?.checked.ambiguousDateColumns.map((c) => ({
      letter: c.letter,
      header: c.header,
      examples: c.examples,
    })) ?? [];

  return (
    <div className="app">
      <header className="app-header">
        <h1 ref={heading}>Omneo Profile Importer</h1>
      </header>
      <HostLostBanner />
      <nav aria-label="Steps" className="steps">
        <ol>
          {visibleSteps.map((target, i) => (
            <li key={target}>
              <button
                type="button"
                aria-current={step === target ? 'step' : undefined}
                disabled={!canVisit(state, target)}
                onClick={() => go(target)}
              >
                <span className="step-number">{i + 1}</span> {stepTitles[target]}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <main>
        {reattach && (
          <p role="status" className="note">
            {reattach}
          </p>
        )}
        {step === 'connection' && (
          <>
            <ConnectionStep value={state.connection} onChange={onConnection} onNext={() => go('file')} />
            <HistoryPanel onOpen={openJob} headingLevel={2} />
          </>
        )}
        {step === 'file' && (
          <FileStep
            file={state.file}
            rowCount={
              state.file?.rows ??
              (outcome && state.file && outcome.key.includes(state.file.fileId)
                ? outcome.checked.summary.rows
                : null)
            }
            onOpened={onOpened}
            onClosed={() => patch({ file: null, mapping: null })}
            onNext={() => go('mapping')}
          />
        )}
        {step === 'mapping' && state.file && (
          <MappingStep
            file={state.file}
            mapping={state.mapping}
            match={state.options.check.match}
            checkOptions={state.options.check}
            onChange={(mapping) => patch({ mapping })}
            onMatch={(match) =>
              patch({ options: { ...state.options, check: { ...state.options.check, match } } })
            }
            onSavedOptions={(saved) =>
              patch({
                options: {
                  ...state.options,
                  check: {
                    ...state.options.check,
                    ...(saved.match !== undefined && { match: saved.match }),
                    ...(saved.dateOrder !== undefined && { dateOrder: saved.dateOrder }),
                    ...(saved.phoneRegion !== undefined && { phoneRegion: saved.phoneRegion }),
                    ...(saved.onInvalidValue !== undefined && { onInvalidValue: saved.onInvalidValue }),
                    ...(saved.timeZone !== undefined && { timeZone: saved.timeZone }),
                  },
                },
              })
            }
            onNext={() => go('options')}
          />
        )}
        {step === 'options' && state.file && (
          <OptionsStep
            file={state.file}
            options={state.options}
            mapping={state.mapping ?? []}
            ambiguous={ambiguous}
            onChange={(options) => patch({ options })}
            onNext={() => go('review')}
            previewOnly={previewOnly}
          />
        )}
        {step === 'review' && state.file && state.connection && state.mapping && (
          <ReviewStep
            file={state.file}
            mapping={state.mapping}
            options={state.options}
            connection={state.connection}
            outcome={outcome}
            onChecked={onChecked}
            onOptions={(options) => patch({ options })}
            onStarted={(job) => patch({ job, step: 'import' })}
            jobRunning={state.job?.state === 'running' || state.job?.state === 'paused'}
          />
        )}
        {step === 'import' && state.job && (
          <ImportStep
            key={state.job.id}
            job={state.job}
            onFinished={(job) => patch({ job, step: 'results' })}
          />
        )}
        {step === 'results' && state.job && (
          <ResultsStep
            key={state.job.id}
            job={state.job}
            onOpenJob={openJob}
            onNewImport={() => patch({ step: 'file', file: null, mapping: null, job: null })}
          />
        )}
      </main>
    </div>
  );
}
