/**
 * The wizard's state kept in this tab's sessionStorage, so a reload (F5, Ctrl+R, a crashed
 * renderer) comes back to the same step with the same choices instead of step 1.
 *
 * Only what the page chose is kept — the step, the connection's id and name, the open file's id
 * and detected shape, the mapping, the options, the job — never a token or a path; the rows, edits
 * and skips live in main's workspace, which the page re-attaches to by the file id (`file:status`).
 * sessionStorage belongs to this tab and origin only, and dies with the tab.
 */
import { stepIds, type WizardState } from './wizard-state';

const storageKey = 'omneo-wizard';
/** Bumped when the kept shape changes; an older shape is ignored. */
const version = 1;

/** Keeps `state` for a reload of this tab. Never throws (storage may be full or refused). */
export function rememberWizard(state: WizardState): void {
  try {
    sessionStorage.setItem(storageKey, JSON.stringify({ version, state }));
  } catch {
    // Nothing to do: a reload then starts at step 1, as it did before.
  }
}

/** Forgets the kept state (a new import). */
export function forgetWizard(): void {
  try {
    sessionStorage.removeItem(storageKey);
  } catch {
    // Storage refused: nothing was kept.
  }
}

/**
 * The state kept by this tab before a reload, or null (none, another version, or not the shape
 * kept). The options keep the current defaults for anything the kept state lacks.
 */
export function recallWizard(defaults: WizardState): WizardState | null {
  let kept: unknown;
  try {
    kept = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
  } catch {
    return null;
  }
  if (typeof kept !== 'object' || kept === null) return null;
  const { version: keptVersion, state } = kept as { version?: unknown; state?: Partial<WizardState> };
  if (keptVersion !== version || typeof state !== 'object' || state === null) return null;
  if (!stepIds.includes(state.step as never)) return null;
  return {
    ...defaults,
    ...state,
    options: {
      ...defaults.options,
      ...state.options,
      check: { ...defaults.options.check, ...state.options?.check },
    },
  } as WizardState;
}
