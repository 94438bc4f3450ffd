/**
 * The review's "Problems by kind": one line per issue code with its count and what to do, and the
 * actions for that kind — show only its rows, skip every row with it, leave its values out of the
 * profiles, or fix it by rule where one exists (set the phone region, choose the date order).
 * Skipping and leaving out are bulk changes, one undo step each.
 */
import { useId, useMemo, useState } from 'react';
import type { OperationOutput } from '../../shared/ipc/contract';
import { phoneRegions } from '../app/phone-regions';
import type { GridModel } from './grid-model';
import { severityIcons } from './grid-row';

/** The issue groups as `issues:summary` answers them. */
export type IssueGroups = OperationOutput<'issues:summary'>['groups'];
type IssueGroup = IssueGroups[number];

/** Codes a phone region can fix (phones read without a country code). */
const phoneRegionCodes = new Set(['phone-no-region', 'phone-region-invalid', 'phone-invalid']);
/** Codes a date order fixes (a column whose dates fit both orders, or mixes them). */
const dateOrderCodes = new Set([
  'date-order-ambiguous',
  'date-order-conflict',
  'date-day-first-in-mixed-column',
  'date-month-first-in-mixed-column',
]);
/** Codes whose values cannot be left out to fix the row (nothing to empty, or the match key). */
const keepValueCodes = new Set(['duplicate-match-key', 'match-key-missing', 'mobile-phone-repeated']);

/** The fixes by rule the review can apply (they change the options and check again). */
export interface RuleFixes {
  readonly phoneRegion: string | null;
  readonly onPhoneRegion: (region: string) => void;
  /** Null while the review's own date-order alert asks for the order. */
  readonly onDateOrder: ((order: 'dmy' | 'mdy') => void) | null;
}

/** The list. `onChanged` gets a sentence saying what a bulk action did, for a live region. */
export function ProblemGroups(props: {
  readonly groups: IssueGroups;
  readonly model: GridModel;
  readonly matchTarget: string;
  readonly fixes: RuleFixes;
  readonly onChanged: (message: string) => void;
}) {
  const { groups, model, matchTarget, fixes, onChanged } = props;
  return (
    <section aria-labelledby="problems-heading" className="problems">
      <h3 id="problems-heading">Problems by kind</h3>
      <ul>
        {groups.map((group) => (
          <ProblemGroup
            key={group.code}
            group={group}
            model={model}
            canLeaveOut={
              group.severity === 'error' &&
              group.example.letter !== null &&
              group.example.target !== matchTarget &&
              !keepValueCodes.has(group.code)
            }
            fixes={fixes}
            onChanged={onChanged}
          />
        ))}
      </ul>
    </section>
  );
}

function ProblemGroup(props: {
  readonly group: IssueGroup;
  readonly model: GridModel;
  readonly canLeaveOut: boolean;
  readonly fixes: RuleFixes;
  readonly onChanged: (message: string) => void;
}) {
  const { group, model, canLeaveOut, fixes, onChanged } = props;
  const id = useId();
  const regions = useMemo(() => (phoneRegionCodes.has(group.code) ? phoneRegions() : []), [group.code]);
  const [region, setRegion] = useState(fixes.phoneRegion ?? '');
  const bulk = async (kind: 'skip-issue' | 'leave-out-issue'): Promise<void> => {
    const changed = await model.bulk({ kind, code: group.code });
    if (changed === null) return;
    onChanged(
      kind === 'skip-issue'
        ? `Skipped ${changed.toLocaleString()} ${changed === 1 ? 'row' : 'rows'}. Undo takes it back.`
        : `Left out ${changed.toLocaleString()} ${changed === 1 ? 'value' : 'values'}. Undo takes it back.`,
    );
  };
  return (
    <li className={`problem-group group-${group.severity}`}>
      <button
        type="button"
        className={`group-${group.severity}`}
        aria-pressed={model.issueCode === group.code}
        onClick={() => void model.setFilter('all', model.issueCode === group.code ? undefined : group.code)}
      >
        <span className="icon" aria-hidden="true">
          {severityIcons[group.severity]}
        </span>
        <span className="visually-hidden">{group.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
        {/^\d/.test(group.message) ? (
          group.message
        ) : (
          <>
            <span className="count">{group.count.toLocaleString()}</span> {group.message}
          </>
        )}
      </button>
      <span className="group-actions">
        <button type="button" disabled={model.busy} onClick={() => void bulk('skip-issue')}>
          Skip these rows
        </button>
        {canLeaveOut && (
          <button type="button" disabled={model.busy} onClick={() => void bulk('leave-out-issue')}>
            Leave these values out
          </button>
        )}
        {regions.length > 0 && (
          <span className="inline">
            <label htmlFor={`${id}-region`}>Phone region</label>
            <select id={`${id}-region`} value={region} onChange={(e) => setRegion(e.target.value)}>
              <option value="">Choose…</option>
              {regions.map((r) => (
                <option key={r.code} value={r.code}>{`${r.name} (${r.code})`}</option>
              ))}
            </select>
            <button
              type="button"
              disabled={region === '' || region === fixes.phoneRegion}
              onClick={() => fixes.onPhoneRegion(region)}
            >
              Set region and check again
            </button>
          </span>
        )}
        {dateOrderCodes.has(group.code) && fixes.onDateOrder && (
          <>
            <button type="button" onClick={() => fixes.onDateOrder?.('dmy')}>
              Read dates day first
            </button>
            <button type="button" onClick={() => fixes.onDateOrder?.('mdy')}>
              Read dates month first
            </button>
          </>
        )}
      </span>
    </li>
  );
}
