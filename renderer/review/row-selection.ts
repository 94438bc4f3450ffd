/**
 * The review rows the user selected (by file line) for a bulk change, as a spreadsheet selects:
 * a click toggles one row, a Shift+click selects every row from the last toggled one.
 */

/** The selection; `onChange` is called after every change. */
export class RowSelection {
  readonly #lines = new Set<number>();
  /** The row index last toggled, where a range starts; null after the view changed. */
  #anchor: number | null = null;

  constructor(private readonly onChange: () => void) {}

  /** True when the row of this file line is selected. */
  has(line: number): boolean {
    return this.#lines.has(line);
  }

  /** The selected lines, in the order they were selected. */
  get lines(): readonly number[] {
    return [...this.#lines];
  }

  get size(): number {
    return this.#lines.size;
  }

  /**
   * `toggle` flips the row at `index` (line `line`); `range` selects every row from the last
   * toggled one to this one whose line `lineAt` knows (loaded rows).
   */
  select(
    index: number,
    line: number,
    how: 'toggle' | 'range',
    lineAt: (index: number) => number | undefined,
  ): void {
    if (how === 'range' && this.#anchor !== null) {
      const [from, to] = this.#anchor <= index ? [this.#anchor, index] : [index, this.#anchor];
      for (let i = from; i <= to; i += 1) {
        const at = lineAt(i);
        if (at !== undefined) this.#lines.add(at);
      }
    } else if (this.#lines.has(line)) this.#lines.delete(line);
    else this.#lines.add(line);
    this.#anchor = index;
    this.onChange();
  }

  /** Forgets where a range starts (the rows moved: another filter, search or sort). */
  forgetAnchor(): void {
    this.#anchor = null;
  }

  /** Deselects every row. */
  clear(): void {
    this.#lines.clear();
    this.#anchor = null;
    this.onChange();
  }
}
