/**
 * Value mapping for one column on the Mapping step: the column's distinct values (counted by main
 * over the whole file, at most 1,000), how each is read today, and a picker per value to send
 * another value instead (`Gold Member` → status `gold`) or leave it out. Values left "as read" go
 * through the field's own rules, as before.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { checkOptionsSchema } from '../../shared/engine/check-options';
import { converterFor } from '../../shared/engine/column-converters';
import { parseFieldPath } from '../../shared/fields/field-path';
import type { FieldTarget } from '../../shared/fields/field-target';
import type { OperationOutput } from '../../shared/ipc/contract';
import { allowedValuesOf, valueKey, type ValueMap } from '../../shared/mapping/value-map';
import { messageOf, unwrap, useBridge } from '../app/bridge-context';

type Counts = OperationOutput<'mapping:values'>;

/** The parsed target of a column when it can have a value map, else null. */
export function valueMappable(target: string | null): FieldTarget | null {
  if (target === null) return null;
  const parsed = parseFieldPath(target);
  return parsed.ok && allowedValuesOf(parsed.target) !== null ? parsed.target : null;
}

/** What a value becomes today without a map: the value sent, or `not accepted`. */
function asRead(target: FieldTarget, value: string): string {
  const result = converterFor(target, checkOptionsSchema.parse({})).convert(value, null);
  if (!result.ok) return 'not accepted';
  return typeof result.value === 'string' ? result.value : JSON.stringify(result.value);
}

/** The map's entry for a file value, whatever its spelling. */
function entryOf(values: ValueMap, value: string): string | null | undefined {
  const key = valueKey(value);
  for (const [from, to] of Object.entries(values)) if (valueKey(from) === key) return to;
  return undefined;
}

/** The map with `value` sent as `to` (undefined: as read, null: left out). */
function withEntry(values: ValueMap, value: string, to: string | null | undefined): ValueMap {
  const key = valueKey(value);
  const rest = Object.fromEntries(Object.entries(values).filter(([from]) => valueKey(from) !== key));
  return to === undefined ? rest : { ...rest, [value]: to };
}

const asReadChoice = '__as_read__';
const leaveOutChoice = '__leave_out__';

/**
 * The panel for one column. `onChange` gets the whole new map (empty: no map). Give it a `key` of
 * the column and target, so another target counts afresh.
 */
export function ValueMapPanel(props: {
  readonly fileId: string;
  readonly column: number;
  readonly columnName: string;
  readonly target: string;
  readonly values: ValueMap;
  readonly onChange: (values: ValueMap) => void;
}) {
  const { fileId, column, columnName, target, values, onChange } = props;
  const bridge = useBridge();
  const id = useId();
  const [counts, setCounts] = useState<Counts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const parsed = useMemo(() => valueMappable(target), [target]);
  const allowed = parsed && allowedValuesOf(parsed);

  useEffect(() => {
    let live = true;
    unwrap(bridge.mapping.values({ fileId, column, target })).then(
      (answer) => live && setCounts(answer),
      (failure: unknown) => live && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [bridge, fileId, column, target]);

  if (!parsed || !allowed) return null;
  const mapped = Object.keys(values).length;
  return (
    <section aria-label={`Values of ${columnName}`} className="value-map">
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!counts && !error && <p role="status">Counting the values of this column…</p>}
      {counts && (
        <>
          <p className="muted">
            {`${counts.values.length} different value${counts.values.length === 1 ? '' : 's'} in ${counts.cells} filled cell${counts.cells === 1 ? '' : 's'}; ${mapped} mapped. Choose what to send for ${allowed.noun}; values left “as read” follow the field’s own rules.`}
          </p>
          {counts.capped && (
            <p role="note" className="warning-text">
              {`This column has more than ${counts.limit.toLocaleString('en')} different values: the first ${counts.limit.toLocaleString('en')} are listed. Values not listed are read as they are.`}
            </p>
          )}
          {allowed.open && (
            <datalist id={`${id}-allowed`}>
              {allowed.values.map((v) => (
                <option key={v} value={v} />
              ))}
            </datalist>
          )}
          <table className="plain">
            <thead>
              <tr>
                <th scope="col">Value in the file</th>
                <th scope="col">Rows</th>
                <th scope="col">Send as</th>
              </tr>
            </thead>
            <tbody>
              {counts.values.map(({ value, count }) => {
                const entry = entryOf(values, value);
                const label = `Send ‘${value}’ as`;
                const set = (to: string | null | undefined): void => onChange(withEntry(values, value, to));
                return (
                  <tr key={value}>
                    <th scope="row">{value}</th>
                    <td>{count}</td>
                    <td>
                      {allowed.open ? (
                        <span className="value-map-open">
                          <input
                            aria-label={label}
                            list={`${id}-allowed`}
                            placeholder={`as read: ${asRead(parsed, value)}`}
                            value={typeof entry === 'string' ? entry : ''}
                            disabled={entry === null}
                            onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
                          />
                          <label>
                            <input
                              type="checkbox"
                              checked={entry === null}
                              onChange={(e) => set(e.target.checked ? null : undefined)}
                            />{' '}
                            Leave out<span className="visually-hidden">{` ‘${value}’`}</span>
                          </label>
                        </span>
                      ) : (
                        <select
                          aria-label={label}
                          value={entry === undefined ? asReadChoice : entry === null ? leaveOutChoice : entry}
                          onChange={(e) =>
                            set(
                              e.target.value === asReadChoice
                                ? undefined
                                : e.target.value === leaveOutChoice
                                  ? null
                                  : e.target.value,
                            )
                          }
                        >
                          <option value={asReadChoice}>{`As read (${asRead(parsed, value)})`}</option>
                          {allowed.values.map((v) => (
                            <option key={v} value={v}>
                              {v}
                            </option>
                          ))}
                          <option value={leaveOutChoice}>Leave out</option>
                        </select>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
