/**
 * A searchable field picker for one column: a button showing the chosen field that opens a search
 * box over a listbox of fields grouped as in Omneo. Keyboard: arrows move, Enter picks, Escape
 * closes. Template entries (new identity handle, custom attribute, dated attribute) open a small
 * inline form for the handle, so they can be created without leaving the mapping.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { customAttributeTypes } from '../../shared/fields/field-target';
import { bestOption, fieldLabel, fieldOptionGroups, type FieldOption } from './field-options';

const handlePattern = /^[a-z0-9_-]+$/;

/** The picker. `value` null means not mapped. */
export function FieldPicker(props: {
  readonly columnName: string;
  readonly value: string | null;
  readonly extraPaths: readonly string[];
  readonly onChange: (path: string | null) => void;
}) {
  const { columnName, value, extraPaths, onChange } = props;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(0);
  const [creating, setCreating] = useState<FieldOption | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);

  const groups = useMemo(() => fieldOptionGroups(search, extraPaths), [search, extraPaths]);
  const flat = useMemo(() => [null, ...groups.flatMap((g) => g.options)], [groups]);
  /** Each group's first option number in `flat` (0 is "don't import"). */
  const starts = useMemo(
    () => groups.map((_, g) => 1 + groups.slice(0, g).reduce((n, group) => n + group.options.length, 0)),
    [groups],
  );

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const close = (): void => {
    setOpen(false);
    setSearch('');
    setActive(0);
    button.current?.focus();
  };
  const pick = (option: FieldOption | null): void => {
    if (option?.creates) {
      setCreating(option);
      setOpen(false);
      return;
    }
    onChange(option?.path ?? null);
    close();
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a < 0 ? (step > 0 ? 1 : 0) : Math.min(flat.length - 1, Math.max(0, a + step))));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const option = active < 0 ? undefined : flat[active];
      if (option !== undefined) pick(option);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };

  const optionId = (index: number): string => `${id}-option-${index}`;
  return (
    <div className="field-picker">
      <button
        ref={button}
        type="button"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-label={`Field for ${columnName}: ${value ? fieldLabel(value) : 'not imported'}`}
        onClick={() => (open ? close() : setOpen(true))}
        className={value ? 'picked' : 'unpicked'}
      >
        {value ? fieldLabel(value) : 'Not imported'}
      </button>
      {open && (
        <div className="picker-popup">
          <input
            ref={input}
            type="search"
            role="combobox"
            aria-label={`Search fields for ${columnName}`}
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-activedescendant={active < 0 ? undefined : optionId(active)}
            aria-describedby={active < 0 ? `${id}-no-best` : undefined}
            aria-autocomplete="list"
            value={search}
            onChange={(event) => {
              const text = event.target.value;
              setSearch(text);
              // Typing moves the highlight to the best name match (exact, then prefix, then
              // contains), so Enter picks it; a search that only matches descriptions highlights
              // nothing, so Enter picks nothing by accident.
              const found = fieldOptionGroups(text, extraPaths);
              const best = bestOption(found, text);
              const order = [null, ...found.flatMap((g) => g.options)];
              setActive(text.trim() === '' ? 0 : best === null ? -1 : order.indexOf(best));
            }}
            onKeyDown={onKey}
            onBlur={(event) => {
              if (!event.currentTarget.parentElement?.contains(event.relatedTarget)) {
                setOpen(false);
                setSearch('');
              }
            }}
          />
          {active < 0 && (
            <small id={`${id}-no-best`} className="muted">
              No field is named “{search.trim()}”: press ↓ to choose one of these.
            </small>
          )}
          <ul id={`${id}-list`} role="listbox" aria-label={`Fields for ${columnName}`} tabIndex={-1}>
            <li
              id={optionId(0)}
              role="option"
              aria-selected={value === null}
              className={active === 0 ? 'active' : undefined}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(null)}
            >
              Don’t import this column
            </li>
            {groups.map((group, g) => (
              <li key={group.group} role="presentation">
                <ul role="group" aria-label={group.label}>
                  <li role="presentation" className="group-label" aria-hidden="true">
                    {group.label}
                  </li>
                  {group.options.map((option, k) => {
                    const at = (starts[g] ?? 1) + k;
                    return (
                      <li
                        key={option.path}
                        id={optionId(at)}
                        role="option"
                        aria-selected={value === option.path}
                        className={active === at ? 'active' : undefined}
                        title={option.description}
                        onMouseDown={(event) => event.preventDefault()}
                        onClick={() => pick(option)}
                      >
                        {option.label} <span className="muted">{option.creates ? '' : option.path}</span>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
            {groups.length === 0 && (
              <li role="presentation" className="muted">
                No field matches “{search}”.
              </li>
            )}
          </ul>
        </div>
      )}
      {creating && (
        <CreateTarget
          kind={creating.creates ?? 'identity'}
          columnName={columnName}
          onCancel={() => {
            setCreating(null);
            button.current?.focus();
          }}
          onCreate={(path) => {
            setCreating(null);
            onChange(path);
            button.current?.focus();
          }}
        />
      )}
    </div>
  );
}

/** The inline form that names a new identity handle, custom attribute or dated attribute. */
function CreateTarget(props: {
  readonly kind: 'identity' | 'custom_attribute' | 'date_attribute';
  readonly columnName: string;
  readonly onCreate: (path: string) => void;
  readonly onCancel: () => void;
}) {
  const { kind, columnName, onCreate, onCancel } = props;
  const id = useId();
  const [namespace, setNamespace] = useState('');
  const [handle, setHandle] = useState('');
  const [type, setType] = useState<string>('string');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const valid = handlePattern.test(handle) && (kind !== 'custom_attribute' || handlePattern.test(namespace));
  const path =
    kind === 'identity'
      ? `identities.${handle}`
      : kind === 'date_attribute'
        ? `dates_attributes.${handle}`
        : `custom_attributes.${namespace}.${handle}${type === 'string' ? '' : `:${type}`}`;
  const title =
    kind === 'identity'
      ? 'New identity handle'
      : kind === 'custom_attribute'
        ? 'New custom attribute'
        : 'New dated attribute';

  return (
    <fieldset className="create-target" onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <legend>{`${title} for ${columnName}`}</legend>
      {kind === 'custom_attribute' && (
        <>
          <label htmlFor={`${id}-ns`}>Namespace</label>
          <input
            id={`${id}-ns`}
            ref={first}
            value={namespace}
            placeholder="crm"
            onChange={(e) => setNamespace(e.target.value.trim().toLowerCase())}
          />
        </>
      )}
      <label htmlFor={`${id}-handle`}>{kind === 'identity' ? 'Identity handle' : 'Handle'}</label>
      <input
        id={`${id}-handle`}
        ref={kind === 'custom_attribute' ? undefined : first}
        value={handle}
        placeholder={kind === 'identity' ? 'loyalty_id' : 'tier'}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setHandle(e.target.value.trim().toLowerCase())}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && valid) {
            e.preventDefault();
            onCreate(path);
          }
        }}
      />
      {kind === 'custom_attribute' && (
        <>
          <label htmlFor={`${id}-type`}>Type</label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value)}>
            {customAttributeTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </>
      )}
      <small id={`${id}-hint`}>Lower-case letters, digits, “_” and “-”, as configured in Omneo.</small>
      <span className="inline">
        <button type="button" disabled={!valid} onClick={() => onCreate(path)}>
          Use {valid ? path : 'it'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </span>
    </fieldset>
  );
}
