/**
 * A loaded file's undo steps: one per edit or skip, or one for a whole bulk change (skip every row
 * with a problem, replace in a column), so Undo takes back what the user did in one action.
 */

/** One undoable change of a row: the value or skip reason it had before (undefined: none). */
export type UndoStep =
  | {
      readonly kind: 'edit';
      readonly row: number;
      readonly column: number;
      readonly previous: string | undefined;
    }
  | { readonly kind: 'skip'; readonly row: number; readonly previous: string | undefined }
  | { readonly kind: 'group'; readonly steps: readonly UndoStep[] };

/** Most undo steps kept per file (a bulk change is one). */
const undoLimit = 1_000;

/** The undo stack, with grouping; see the module comment. */
export class UndoLog {
  readonly #steps: UndoStep[] = [];
  /** The steps of a bulk change being made, or null. */
  #grouping: UndoStep[] | null = null;

  /** Records a step (into the bulk change being made, if any); the oldest goes past the limit. */
  push(step: UndoStep): void {
    if (this.#grouping && step.kind !== 'group') {
      this.#grouping.push(step);
      return;
    }
    this.#steps.push(step);
    if (this.#steps.length > undoLimit) this.#steps.shift();
  }

  /** Runs `work`, recording its steps as one; answers how many steps it made. Not re-entrant. */
  group(work: () => void): number {
    if (this.#grouping) throw new Error('A bulk change is already being made.');
    const steps: UndoStep[] = [];
    this.#grouping = steps;
    try {
      work();
    } finally {
      this.#grouping = null;
      if (steps.length > 0) this.push({ kind: 'group', steps });
    }
    return steps.length;
  }

  /** Takes the last step off the stack, or undefined when there is none. */
  pop(): UndoStep | undefined {
    return this.#steps.pop();
  }

  get canUndo(): boolean {
    return this.#steps.length > 0;
  }
}
