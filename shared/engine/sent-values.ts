/**
 * Each mapped cell of a row as it will be sent (a date `01/02/1990` as `1990-02-01`, a phone in
 * E.164), so the review can show it beside the file's value where the two differ.
 *
 * The same cleaning, value maps, phone regions and converters as {@link evaluateRow}, cell by
 * cell; a cell whose value cannot
 * be converted (the row's issues say why), or whose date order is not settled, has none.
 */
import { cleanText } from '../normalise/text';
import type { CheckPlan } from './compile-mapping';
import type { ColumnDateStates } from './evaluate-row';
import { regionNote, rowRegionOf } from './row-region';

/** A converted value as text: strings as they are, anything else as JSON. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The sent value of each cell of `cells`, by column index: text, or null for a cell that is not
 * mapped, empty, not convertible, or a date whose column order is unresolved.
 */
export function sentValues(
  cells: readonly string[],
  plan: CheckPlan,
  dateStates: ColumnDateStates,
): (string | null)[] {
  const sent = new Array<string | null>(cells.length).fill(null);
  const region = rowRegionOf(cells, plan.regionColumn);
  for (const column of plan.columns) {
    const raw = cells[column.index];
    if (raw === undefined || raw === '') continue;
    const cleaned = cleanText(raw).value;
    const text = cleaned === '' || column.mapValue === null ? cleaned : column.mapValue(cleaned);
    if (text === null || text === '') continue;
    const state = column.converter.dated ? dateStates[column.index] : undefined;
    if (state?.unresolved != null) continue;
    const result = column.converter.convert(
      text,
      state?.order ?? plan.options.dateOrder,
      column.regional && region !== null ? region.code : undefined,
    );
    if (result.ok) sent[column.index] = asText(result.value);
  }
  return sent;
}

/**
 * What decided each phone of a row, by column index — `read as AU from column F 'Country'` — for
 * phone cells read with the row's region from its country column; undefined when the plan has no
 * country column or the row's country names no region (its phones are read with the default).
 */
export function sentNotes(cells: readonly string[], plan: CheckPlan): (string | null)[] | undefined {
  const region = rowRegionOf(cells, plan.regionColumn);
  if (region === null) return undefined;
  const notes = new Array<string | null>(cells.length).fill(null);
  let any = false;
  for (const column of plan.columns) {
    const raw = cells[column.index];
    if (!column.regional || raw === undefined || cleanText(raw).value === '') continue;
    notes[column.index] = regionNote(region);
    any = true;
  }
  return any ? notes : undefined;
}
