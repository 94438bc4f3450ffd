/**
 * Step 3, Mapping: every column with its header, a few sample values, the suggested field and how
 * sure the suggestion is; pick or change the field; unmapped columns stay visibly unmapped. A
 * saved template whose headers match is applied by main and the page says so; templates can be
 * saved, chosen by hand, renamed and deleted (template-manager.tsx). A column mapped to a field
 * with a list of values (gender, statuses, …) can map each of its values (value-map-panel.tsx).
 */
import { Fragment, useEffect, useId, useMemo, useState } from 'react';
import type { OperationOutput } from '../../shared/ipc/contract';
import { messageOf, unwrap, useBridge } from '../app/bridge-context';
import { mappedIdentityHandles, type MappedColumn, type OpenedFile } from '../app/wizard-state';
import { FieldPicker } from '../mapping/field-picker';
import { ValueMapPanel, valueMappable } from '../mapping/value-map-panel';
import { TemplateManager } from '../mapping/template-manager';
import type { ValueMap } from '../../shared/mapping/value-map';
import type { CheckOptions } from '../../shared/engine/check-options';

type Suggestion = OperationOutput<'mapping:suggest'>;
type Problem = OperationOutput<'mapping:apply'>['problems'][number];

/** The match key to check the mapping with: the chosen one when mapped, else email, else a handle. */
export function effectiveMatch(mapping: readonly MappedColumn[], chosen: string): string {
  const handles = mappedIdentityHandles(mapping);
  if (chosen !== 'email' && handles.includes(chosen)) return chosen;
  if (mapping.some((m) => m.target === 'email')) return 'email';
  return handles[0] ?? 'email';
}

/** Targets chosen for more than one column, with those columns' indexes (flagged on every such row). */
export function sharedTargets(mapping: readonly MappedColumn[]): Map<string, number[]> {
  const byTarget = new Map<string, number[]>();
  for (const m of mapping) byTarget.set(m.target, [...(byTarget.get(m.target) ?? []), m.column]);
  return new Map([...byTarget].filter(([, columns]) => columns.length > 1));
}

/** The mapping main suggested or applied from a template: mapped columns with their value maps. */
function mappingOf(answer: Suggestion): MappedColumn[] {
  return answer.columns.flatMap((c) =>
    c.target === null ? [] : [{ column: c.index, target: c.target, ...(c.values && { values: c.values }) }],
  );
}

/** Match criteria in words: `email` → "email", `loyalty_id` → "identity loyalty_id". */
function matchWords(match: string): string {
  return match === 'email' ? 'email' : `identity ${match}`;
}

/**
 * Says when the mapping no longer writes the chosen match criteria, and what will be used instead,
 * so un-mapping the email column never switches how rows find their profile without a word.
 */
function MatchChange(props: { readonly match: string; readonly effective: string }) {
  const { match, effective } = props;
  if (match === effective) return null;
  return (
    <p role="status" className="note warning-text">
      {`Match criteria: ${matchWords(match)} is not mapped, so rows will be matched on ${matchWords(effective)}. Map a column to ${matchWords(match)} to keep it.`}
    </p>
  );
}

/** Step 3. */
export function MappingStep(props: {
  readonly file: OpenedFile;
  readonly mapping: readonly MappedColumn[] | null;
  readonly match: string;
  readonly onChange: (mapping: readonly MappedColumn[]) => void;
  readonly onMatch: (match: string) => void;
  /** Options saved with a remembered mapping or template, to use again (phone region, …). */
  readonly onSavedOptions?: (options: NonNullable<Suggestion['options']>) => void;
  /** The options chosen so far, saved with a template. */
  readonly checkOptions?: CheckOptions;
  readonly onNext: () => void;
}) {
  const { file, mapping, match, onChange, onMatch, onSavedOptions, checkOptions, onNext } = props;
  const bridge = useBridge();
  const id = useId();
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    let live = true;
    unwrap(bridge.mapping.suggest({ fileId: file.fileId })).then(
      (answer) => {
        if (!live) return;
        setSuggestion(answer);
        if (answer.options !== null) onSavedOptions?.(answer.options);
        if (mapping === null) {
          onChange(mappingOf(answer));
        }
      },
      (failure: unknown) => live && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
    // Suggestions are fetched once per file; `mapping` only seeds the first visit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bridge, file.fileId]);

  const targets = useMemo(() => new Map((mapping ?? []).map((m) => [m.column, m.target])), [mapping]);
  const extraPaths = useMemo(() => (mapping ?? []).map((m) => m.target), [mapping]);
  const unmapped = (suggestion?.columns.length ?? 0) - targets.size;
  const sharing = useMemo(() => sharedTargets(mapping ?? []), [mapping]);

  const [valuesOpen, setValuesOpen] = useState<number | null>(null);
  const byColumn = useMemo(() => new Map((mapping ?? []).map((m) => [m.column, m])), [mapping]);

  const setTarget = (column: number, target: string | null): void => {
    const rest = (mapping ?? []).filter((m) => m.column !== column);
    // A value map belongs to its field: choosing another field drops it.
    const kept = byColumn.get(column);
    const values = kept?.target === target ? kept.values : undefined;
    onChange(
      target === null
        ? rest
        : [...rest, { column, target, ...(values && { values }) }].sort((a, b) => a.column - b.column),
    );
    setProblems([]);
  };

  const setValues = (column: number, values: ValueMap): void => {
    onChange(
      (mapping ?? []).map((m) => {
        if (m.column !== column) return m;
        const { values: _old, ...rest } = m;
        return Object.keys(values).length === 0 ? rest : { ...rest, values };
      }),
    );
    setProblems([]);
  };

  const next = async (): Promise<void> => {
    if (!mapping) return;
    setChecking(true);
    setError(null);
    try {
      const key = effectiveMatch(mapping, match);
      const { problems: found } = await unwrap(
        bridge.mapping.apply({ fileId: file.fileId, mapping: [...mapping], match: key }),
      );
      setProblems(found);
      if (found.length === 0) {
        if (key !== match) onMatch(key);
        onNext();
      }
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setChecking(false);
    }
  };

  return (
    <section aria-labelledby="mapping-heading" className="step">
      <h2 id="mapping-heading">Mapping</h2>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!suggestion && !error && <p role="status">Suggesting fields for each column…</p>}
      {suggestion && (
        <>
          {suggestion.message && (
            <p role="status" className="note">
              {suggestion.message}
            </p>
          )}
          {suggestion.differences.length > 0 && (
            <ul aria-label="What differs from the saved mapping" className="note">
              {suggestion.differences.map((difference, i) => (
                <li key={i}>{difference}</li>
              ))}
            </ul>
          )}
          <p>
            {`${targets.size} of ${suggestion.columns.length} columns mapped`}
            {unmapped > 0 && <strong className="warning-text">{` · ${unmapped} not imported`}</strong>}
          </p>
          {mapping && <MatchChange match={match} effective={effectiveMatch(mapping, match)} />}
          <table className="plain mapping-table">
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Sample values</th>
                <th scope="col">Field</th>
                <th scope="col">Suggestion</th>
              </tr>
            </thead>
            <tbody>
              {suggestion.columns.map((column) => {
                const target = targets.get(column.index) ?? null;
                const name = `column ${column.letter} (${column.header || 'no header'})`;
                const mappable = valueMappable(target) !== null;
                const mappedValues = byColumn.get(column.index)?.values ?? {};
                const open = mappable && valuesOpen === column.index;
                return (
                  <Fragment key={column.index}>
                    <tr className={target ? undefined : 'unmapped'}>
                      <th scope="row">
                        <span className="letter">{column.letter}</span> {column.header || <em>no header</em>}
                        {!target && <span className="badge">Not imported</span>}
                      </th>
                      <td className="samples">
                        {column.samples.length === 0 ? (
                          <span className="muted">empty</span>
                        ) : (
                          column.samples.slice(0, 3).map((sample, i) => <div key={i}>{sample}</div>)
                        )}
                      </td>
                      <td>
                        <FieldPicker
                          columnName={name}
                          value={target}
                          extraPaths={extraPaths}
                          onChange={(path) => setTarget(column.index, path)}
                        />
                        {target && sharing.has(target) && (
                          <p className="warning-text" role="note">
                            {`${target} is also mapped from column ${(sharing.get(target) ?? [])
                              .filter((other) => other !== column.index)
                              .map(
                                (other) => suggestion.columns.find((c) => c.index === other)?.letter ?? '?',
                              )
                              .join(', ')}: a field takes one column`}
                          </p>
                        )}
                        {mappable && (
                          <button
                            type="button"
                            className="link"
                            aria-expanded={open}
                            aria-controls={`${id}-values-${column.index}`}
                            onClick={() => setValuesOpen(open ? null : column.index)}
                          >
                            Map values
                            <span className="visually-hidden">{` of ${name}`}</span>
                            {Object.keys(mappedValues).length > 0 &&
                              ` (${Object.keys(mappedValues).length} mapped)`}
                          </button>
                        )}
                      </td>
                      <td className="muted">
                        {column.target
                          ? `${Math.round(column.confidence * 100)}% — ${column.reason}`
                          : column.reason}
                        {column.source === 'template' && ' (from your template)'}
                      </td>
                    </tr>
                    {open && target && (
                      <tr id={`${id}-values-${column.index}`}>
                        <td colSpan={4}>
                          <ValueMapPanel
                            key={`${column.index}:${target}`}
                            fileId={file.fileId}
                            column={column.index}
                            columnName={name}
                            target={target}
                            values={mappedValues}
                            onChange={(values) => setValues(column.index, values)}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
          {problems.length > 0 && (
            <div role="alert" className="error">
              <p>The mapping needs a change before the file can be checked:</p>
              <ul>
                {problems.map((problem, i) => (
                  <li key={i}>
                    {problem.letter && <strong>{`Column ${problem.letter}: `}</strong>}
                    {problem.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <TemplateManager
            file={file}
            mapping={mapping}
            current={suggestion.template}
            {...(checkOptions && { options: checkOptions })}
            onApplied={(answer) => {
              setSuggestion(answer);
              if (answer.options !== null) onSavedOptions?.(answer.options);
              onChange(mappingOf(answer));
              setProblems([]);
            }}
          />
        </>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!mapping?.length || checking}
          onClick={() => void next()}
        >
          {checking ? 'Checking the mapping…' : 'Next: options'}
        </button>
      </div>
    </section>
  );
}
