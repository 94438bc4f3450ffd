/**
 * Step 3, Mapping: every column with its header, a few sample values, the suggested field and how
 * sure the suggestion is; pick or change the field; unmapped columns stay visibly unmapped. A
 * saved template whose headers match is applied by main and the page says so; the mapping can be
 * saved as a new template.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { OperationOutput } from '../../shared/ipc/contract';
import { messageOf, unwrap, useBridge } from '../app/bridge-context';
import { mappedIdentityHandles, type MappedColumn, type OpenedFile } from '../app/wizard-state';
import { FieldPicker } from '../mapping/field-picker';

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
  readonly onNext: () => void;
}) {
  const { file, mapping, match, onChange, onMatch, onSavedOptions, onNext } = props;
  const bridge = useBridge();
  const id = useId();
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [checking, setChecking] = useState(false);
  const [templateName, setTemplateName] = useState('');
  const [templateStatus, setTemplateStatus] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    unwrap(bridge.mapping.suggest({ fileId: file.fileId })).then(
      (answer) => {
        if (!live) return;
        setSuggestion(answer);
        if (answer.options !== null) onSavedOptions?.(answer.options);
        if (mapping === null) {
          onChange(
            answer.columns.flatMap((c) => (c.target === null ? [] : [{ column: c.index, target: c.target }])),
          );
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

  const setTarget = (column: number, target: string | null): void => {
    const rest = (mapping ?? []).filter((m) => m.column !== column);
    onChange(target === null ? rest : [...rest, { column, target }].sort((a, b) => a.column - b.column));
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

  const saveTemplate = async (): Promise<void> => {
    if (!mapping) return;
    try {
      const { templates } = await unwrap(bridge.mapping.listTemplates());
      const name = templateName.trim();
      if (
        templates.some((t) => t.name === name) &&
        !window.confirm(`A template named “${name}” already exists. Replace it with this mapping?`)
      ) {
        setTemplateStatus(`Not saved: “${name}” was kept as it was.`);
        return;
      }
      const { template } = await unwrap(
        bridge.mapping.saveTemplate({
          name: templateName.trim(),
          headers: file.info.columns.map((c) => c.header),
          mapping: [...mapping],
        }),
      );
      setTemplateStatus(
        `Saved template “${template.name}”. Files with the same headers will be mapped with it.`,
      );
    } catch (failure) {
      setTemplateStatus(messageOf(failure));
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
                return (
                  <tr key={column.index} className={target ? undefined : 'unmapped'}>
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
                            .map((other) => suggestion.columns.find((c) => c.index === other)?.letter ?? '?')
                            .join(', ')}: a field takes one column`}
                        </p>
                      )}
                    </td>
                    <td className="muted">
                      {column.target
                        ? `${Math.round(column.confidence * 100)}% — ${column.reason}`
                        : column.reason}
                      {column.source === 'template' && ' (from your template)'}
                    </td>
                  </tr>
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
          <fieldset className="inline-form">
            <legend>Save this mapping as a template</legend>
            <label htmlFor={`${id}-template`}>Template name</label>
            <input
              id={`${id}-template`}
              value={templateName}
              onChange={(e) => setTemplateName(e.target.value)}
            />
            <button
              type="button"
              disabled={templateName.trim() === '' || !mapping?.length}
              onClick={() => void saveTemplate()}
            >
              Save as template
            </button>
            {templateStatus && <output aria-live="polite">{templateStatus}</output>}
          </fieldset>
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
