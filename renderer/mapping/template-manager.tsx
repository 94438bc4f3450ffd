/**
 * Saved mappings on the Mapping step: save this mapping (with its value maps) as a template, and
 * manage the templates kept in the data folder — list them, use one by hand (main applies it to
 * this file and says what differs when the headers are only a close match), rename and delete.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { OperationOutput } from '../../shared/ipc/contract';
import type { CheckOptions } from '../../shared/engine/check-options';
import { messageOf, unwrap, useBridge } from '../app/bridge-context';
import type { MappedColumn, OpenedFile } from '../app/wizard-state';

type Suggestion = OperationOutput<'mapping:suggest'>;
type Template = OperationOutput<'mapping:list-templates'>['templates'][number];

/** The headers a template was saved from, shortened for a list. */
function headersOf(template: Template): string {
  const shown = template.headers.filter((h) => h.trim() !== '').slice(0, 4);
  return `${shown.join(', ')}${template.headers.length > shown.length ? ', …' : ''}`;
}

/** Save and manage templates. `onApplied` gets main's answer after a template is used. */
export function TemplateManager(props: {
  readonly file: OpenedFile;
  readonly mapping: readonly MappedColumn[] | null;
  readonly current: Suggestion['template'];
  /** The options chosen so far, kept with a saved template (phone region, date order, …). */
  readonly options?: CheckOptions;
  readonly onApplied: (answer: Suggestion) => void;
}) {
  const { file, mapping, current, options, onApplied } = props;
  const bridge = useBridge();
  const id = useId();
  const [templates, setTemplates] = useState<readonly Template[] | null>(null);
  const [name, setName] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);

  const refresh = useCallback(async (): Promise<readonly Template[]> => {
    const { templates: list } = await unwrap(bridge.mapping.listTemplates());
    setTemplates(list);
    return list;
  }, [bridge]);

  useEffect(() => {
    let live = true;
    unwrap(bridge.mapping.listTemplates()).then(
      (answer) => live && setTemplates(answer.templates),
      (failure: unknown) => live && setStatus(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [bridge]);

  const act = async (work: () => Promise<string>): Promise<void> => {
    try {
      setStatus(await work());
      await refresh();
    } catch (failure) {
      setStatus(messageOf(failure));
    }
  };

  const save = (): Promise<void> =>
    act(async () => {
      if (!mapping) return 'Nothing to save yet.';
      const wanted = name.trim();
      const list = await refresh();
      if (
        list.some((t) => t.name === wanted && !t.remembered) &&
        !window.confirm(`A template named “${wanted}” already exists. Replace it with this mapping?`)
      ) {
        return `Not saved: “${wanted}” was kept as it was.`;
      }
      const { template } = await unwrap(
        bridge.mapping.saveTemplate({
          name: wanted,
          headers: file.info.columns.map((c) => c.header),
          mapping: [...mapping],
          ...(options && {
            options: {
              match: options.match,
              onInvalidValue: options.onInvalidValue,
              ...(options.dateOrder !== null && { dateOrder: options.dateOrder }),
              ...(options.phoneRegion !== null && { phoneRegion: options.phoneRegion }),
              ...(options.timeZone !== null && { timeZone: options.timeZone }),
            },
          }),
        }),
      );
      return `Saved template “${template.name}”. Files with the same headers will be mapped with it.`;
    });

  const use = (template: Template): Promise<void> =>
    act(async () => {
      const answer = await unwrap(bridge.mapping.useTemplate({ fileId: file.fileId, id: template.id }));
      onApplied(answer);
      return `Used “${template.name}” for this file.`;
    });

  const rename = (): Promise<void> =>
    act(async () => {
      if (!renaming) return '';
      const { template } = await unwrap(
        bridge.mapping.renameTemplate({ id: renaming.id, name: renaming.name.trim() }),
      );
      setRenaming(null);
      return `Renamed to “${template.name}”.`;
    });

  const remove = (template: Template): Promise<void> =>
    act(async () => {
      if (!window.confirm(`Delete the template “${template.name}”? Files already mapped keep their mapping.`))
        return `“${template.name}” was kept.`;
      const { deleted } = await unwrap(bridge.mapping.deleteTemplate({ id: template.id }));
      return deleted ? `Deleted “${template.name}”.` : `“${template.name}” was already gone.`;
    });

  return (
    <section aria-labelledby={`${id}-heading`} className="templates">
      <h3 id={`${id}-heading`}>Saved mappings</h3>
      <fieldset className="inline-form">
        <legend>Save this mapping as a template</legend>
        <label htmlFor={`${id}-template`}>Template name</label>
        <input id={`${id}-template`} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="button" disabled={name.trim() === '' || !mapping?.length} onClick={() => void save()}>
          Save as template
        </button>
      </fieldset>
      {status && <output aria-live="polite">{status}</output>}
      {templates && templates.length === 0 && (
        <p className="muted">No saved mappings yet. A mapping is remembered each time a file is checked.</p>
      )}
      {templates && templates.length > 0 && (
        <table className="plain" aria-label="Saved mappings">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Saved from headers</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {[...templates].reverse().map((template) => (
              <tr key={template.id} aria-current={current?.id === template.id ? 'true' : undefined}>
                <th scope="row">
                  {renaming?.id === template.id ? (
                    <input
                      aria-label={`New name for ${template.name}`}
                      value={renaming.name}
                      onChange={(e) => setRenaming({ id: template.id, name: e.target.value })}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') void rename();
                        if (e.key === 'Escape') setRenaming(null);
                      }}
                    />
                  ) : (
                    template.name
                  )}
                  {template.remembered && <span className="badge">remembered</span>}
                  {current?.id === template.id && <span className="badge">in use</span>}
                </th>
                <td className="muted">{`${headersOf(template)} · ${template.mapping.length} mapped`}</td>
                <td>
                  <button type="button" onClick={() => void use(template)}>
                    Use<span className="visually-hidden">{` ${template.name}`}</span>
                  </button>{' '}
                  {renaming?.id === template.id ? (
                    <button
                      type="button"
                      disabled={renaming.name.trim() === ''}
                      onClick={() => void rename()}
                    >
                      Save name
                    </button>
                  ) : (
                    <button
                      type="button"
                      onClick={() => setRenaming({ id: template.id, name: template.name })}
                    >
                      Rename<span className="visually-hidden">{` ${template.name}`}</span>
                    </button>
                  )}{' '}
                  <button type="button" onClick={() => void remove(template)}>
                    Delete<span className="visually-hidden">{` ${template.name}`}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
