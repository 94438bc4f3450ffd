/**
 * Step 4, Options: how rows are matched to existing profiles, how dates and phones are read, what
 * happens to a bad value, batch size and an optional import job id — each explained plainly.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { maxBatchSize } from '../../shared/omneo/profile-schema';
import type { CheckOptions } from '../../shared/engine/check-options';
import { computerRegion } from '../app/computer-region';
import { countryColumnOf, mostCommonRegion, phoneRegions } from '../app/phone-regions';
import { unwrap, useBridge } from '../app/bridge-context';
import type { OpenedFile } from '../app/wizard-state';
import {
  mappedIdentityHandles,
  optionsProblem,
  type ImportOptions,
  type MappedColumn,
} from '../app/wizard-state';

/** What to do with rows sharing a match key, in words. */
const duplicateChoices: readonly {
  readonly policy: CheckOptions['duplicates'];
  readonly title: string;
  readonly text: string;
}[] = [
  { policy: 'keep-first', title: 'Send the first', text: 'the first row with a match key is sent.' },
  {
    policy: 'keep-last',
    title: 'Send the last',
    text: 'the last row with a match key is sent (the newest, in most exports).',
  },
  {
    policy: 'none',
    title: 'Send none of them',
    text: 'no row whose match key repeats is sent; all of them are reported to fix.',
  },
];

/** A date column whose order could not be worked out. */
export interface AmbiguousColumn {
  readonly letter: string;
  readonly header: string;
  readonly examples: readonly string[];
}

/**
 * The file's country column, when one is mapped: each row's phones are read with its country, and
 * the default region starts from the country most rows name (when the user has not chosen one).
 * Returns what the page says about it.
 */
function useCountryColumn(
  file: OpenedFile | undefined,
  mapping: readonly MappedColumn[],
  region: string | null,
  setRegion: (code: string) => void,
): { readonly name: string; readonly suggested: string | null } | null {
  const bridge = useBridge();
  const column = countryColumnOf(mapping);
  const info = column && file?.info.columns.find((c) => c.index === column.column);
  const name = info
    ? `column ${info.letter}${info.header.trim() === '' ? '' : ` (${info.header.trim()})`}`
    : null;
  const [suggested, setSuggested] = useState<string | null>(null);
  const untouched = region === null || region === computerRegion(navigator.languages);
  useEffect(() => {
    if (!file || !column) return;
    let live = true;
    unwrap(bridge.mapping.values({ fileId: file.fileId, column: column.column, target: column.target })).then(
      (answer) => {
        const best = mostCommonRegion(answer.values);
        if (!live || best === null) return;
        setSuggested(best.code);
        if (untouched && best.code !== region) setRegion(best.code);
      },
      () => undefined, // The default region stays as it is; each row's country still decides.
    );
    return () => {
      live = false;
    };
    // Once per file and country column: later choices of the user stand.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bridge, file?.fileId, column?.column, column?.target]);
  return name === null ? null : { name, suggested };
}

/** Step 4. */
export function OptionsStep(props: {
  /** The open file, to read its country column's values (the default region starts from them). */
  readonly file?: OpenedFile;
  readonly options: ImportOptions;
  readonly mapping: readonly MappedColumn[];
  readonly ambiguous: readonly AmbiguousColumn[];
  readonly onChange: (options: ImportOptions) => void;
  readonly onNext: () => void;
  /** Preview only: nothing is sent, so the sending choices (batch size, job id) are not shown. */
  readonly previewOnly?: boolean;
}) {
  const { file, options, mapping, ambiguous, onChange, onNext, previewOnly = false } = props;
  const id = useId();
  const regions = useMemo(() => phoneRegions(), []);
  const handles = mappedIdentityHandles(mapping);
  const emailMapped = mapping.some((m) => m.target === 'email');
  const check = options.check;
  const setCheck = (patch: Partial<CheckOptions>): void =>
    onChange({ ...options, check: { ...check, ...patch } });
  const country = useCountryColumn(file, mapping, check.phoneRegion, (phoneRegion) =>
    setCheck({ phoneRegion }),
  );
  const dateOrderMissing = ambiguous.length > 0 && check.dateOrder === null;
  const problem = optionsProblem(options);
  const batchValid = problem === null;
  const blocked =
    problem ??
    (dateOrderMissing ? 'Choose a date order: some dates fit both day-first and month-first.' : null);

  return (
    <section aria-labelledby="options-heading" className="step">
      <h2 id="options-heading">Options</h2>
      <fieldset>
        <legend>Match criteria</legend>
        <p className="muted">How each row finds the profile it belongs to in Omneo.</p>
        <label className="choice">
          <input
            type="radio"
            name="match"
            checked={check.match === 'email'}
            disabled={!emailMapped}
            onChange={() => setCheck({ match: 'email' })}
          />
          <span>
            <strong>Email</strong> — a row updates the profile with the same email, or creates one.
            {!emailMapped && ' (No column is mapped to email.)'}
          </span>
        </label>
        {handles.map((handle) => (
          <label key={handle} className="choice">
            <input
              type="radio"
              name="match"
              checked={check.match === handle}
              onChange={() => setCheck({ match: handle })}
            />
            <span>
              <strong>{`Identity ${handle}`}</strong> — a row updates the profile holding the same {handle}{' '}
              identifier, or creates one; rows without it are not sent.
            </span>
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>Dates and phones</legend>
        <label htmlFor={`${id}-date-order`}>Date order</label>
        <select
          id={`${id}-date-order`}
          value={check.dateOrder ?? ''}
          required={ambiguous.length > 0}
          aria-invalid={dateOrderMissing}
          aria-describedby={`${id}-date-hint`}
          onChange={(e) =>
            setCheck({
              dateOrder: e.target.value === '' ? null : (e.target.value as CheckOptions['dateOrder']),
            })
          }
        >
          <option value="">Work it out from each column</option>
          <option value="dmy">Day first (31/12/1990)</option>
          <option value="mdy">Month first (12/31/1990)</option>
          <option value="ymd">Year first (1990-12-31)</option>
        </select>
        <small id={`${id}-date-hint`} className={dateOrderMissing ? 'error' : undefined}>
          {ambiguous.length > 0
            ? `Choose one: ${ambiguous
                .map(
                  (c) =>
                    `column ${c.letter} (${c.header}) has dates like ${c.examples.slice(0, 2).join(', ')}`,
                )
                .join('; ')} that fit both day-first and month-first.`
            : 'A column whose dates fit both day-first and month-first needs a choice before it is sent.'}
        </small>
        <label htmlFor={`${id}-region`}>Default phone region</label>
        <select
          id={`${id}-region`}
          value={check.phoneRegion ?? ''}
          aria-describedby={`${id}-region-hint`}
          onChange={(e) => setCheck({ phoneRegion: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">None (phones must start with + and a country code)</option>
          {regions.map((region) => (
            <option key={region.code} value={region.code}>
              {`${region.name} (${region.code})`}
            </option>
          ))}
        </select>
        <small id={`${id}-region-hint`}>
          {country
            ? `Each row’s phones are read with the country in ${country.name}; rows whose country is empty or unknown use this region.`
            : 'Phones written without a country code are read as this country’s.'}
          {country?.suggested != null && check.phoneRegion === country.suggested
            ? ` Set from ${country.name}, where most rows name ${country.suggested}.`
            : check.phoneRegion !== null &&
              check.phoneRegion === computerRegion(navigator.languages) &&
              ' Set from your computer’s region.'}
        </small>
        <label className="choice">
          <input
            type="checkbox"
            checked={options.leaveOutRepeatedPhones}
            aria-describedby={`${id}-repeated-hint`}
            onChange={(e) => onChange({ ...options, leaveOutRepeatedPhones: e.target.checked })}
          />{' '}
          Leave out repeated mobile phones
        </label>
        <small id={`${id}-repeated-hint`}>
          Omneo keeps mobile_phone unique and refuses a row whose phone an earlier row has. Ticked, such rows
          are sent without the phone (each with a warning); the first row keeps it.
        </small>
      </fieldset>

      <fieldset>
        <legend>Invalid values</legend>
        <label className="choice">
          <input
            type="radio"
            name="invalid"
            checked={check.onInvalidValue === 'reject'}
            onChange={() => setCheck({ onInvalidValue: 'reject' })}
          />
          <span>
            <strong>Reject the row</strong> — a row with any invalid value is not sent; fix it in the review.
          </span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="invalid"
            checked={check.onInvalidValue === 'drop'}
            onChange={() => setCheck({ onInvalidValue: 'drop' })}
          />
          <span>
            <strong>Leave out invalid values</strong> — send the row without the bad value (never the match
            key), with a warning.
          </span>
        </label>
      </fieldset>

      <fieldset>
        <legend>Duplicates</legend>
        <p className="muted">
          Rows that share a match key would update the same profile, so at most one of them is sent; the
          others are listed under the “Duplicates” filter and in errors.csv.
        </p>
        {duplicateChoices.map((choice) => (
          <label key={choice.policy} className="choice">
            <input
              type="radio"
              name="duplicates"
              checked={check.duplicates === choice.policy}
              onChange={() => setCheck({ duplicates: choice.policy })}
            />
            <span>
              <strong>{choice.title}</strong> — {choice.text}
            </span>
          </label>
        ))}
      </fieldset>

      {!previewOnly && (
        <fieldset>
          <legend>Sending</legend>
          <label htmlFor={`${id}-batch`}>Batch size</label>
          <input
            id={`${id}-batch`}
            type="number"
            min={1}
            max={maxBatchSize}
            value={Number.isNaN(check.batchSize) ? '' : check.batchSize}
            aria-invalid={!batchValid}
            aria-describedby={`${id}-batch-hint`}
            onChange={(e) => setCheck({ batchSize: e.target.valueAsNumber })}
          />
          <small
            id={`${id}-batch-hint`}
          >{`Profiles per request, 1 to ${maxBatchSize} (Omneo’s limit).`}</small>
          <label htmlFor={`${id}-job`}>Import job id (optional)</label>
          <input
            id={`${id}-job`}
            value={options.importJobId}
            maxLength={100}
            aria-describedby={`${id}-job-hint`}
            onChange={(e) => onChange({ ...options, importJobId: e.target.value })}
          />
          <small id={`${id}-job-hint`}>Groups this import’s batches under one job in CX Manager.</small>
        </fieldset>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={blocked !== null}
          aria-describedby={blocked ? `${id}-blocked` : undefined}
          onClick={onNext}
        >
          Next: check and review
        </button>
        {blocked && (
          <p id={`${id}-blocked`} className="error" role="status">
            {blocked}
          </p>
        )}
      </div>
    </section>
  );
}
