/**
 * Checks the value maps of a mapping before any row is read: a value map only on a field with a
 * list of values, at most {@link valueMapLimit} values, and every value it sends one the field
 * takes — judged by the field's own converter, so a map cannot send what a cell could not.
 */
import { parseFieldPath } from '../fields/field-path';
import { describeColumn, type ColumnMapping } from '../mapping/column-mapping';
import { columnProblem, type MappingProblem } from '../mapping/validate-mapping';
import { allowedValuesOf, mapsListItems, valueMapLimit } from '../mapping/value-map';
import type { CheckOptions } from './check-options';
import { converterFor } from './column-converters';

/** Characters that split a tags/statuses cell, so a mapped tag or status cannot hold them. */
const listSeparators = /[,;|]/;

/**
 * Problems of the mapping's value maps (codes `value-map-not-allowed`, `value-map-too-large`,
 * `value-not-allowed`), one per column or per refused value. Never throws.
 */
export function valueMapProblems(mapping: readonly ColumnMapping[], options: CheckOptions): MappingProblem[] {
  const problems: MappingProblem[] = [];
  for (const m of mapping) {
    if (m.target === null || m.values === undefined) continue;
    const entries = Object.entries(m.values);
    if (entries.length === 0) continue;
    const parsed = parseFieldPath(m.target);
    if (!parsed.ok) continue; // validateMapping names it
    const target = parsed.target;
    const allowed = allowedValuesOf(target);
    if (allowed === null) {
      problems.push(
        columnProblem(
          m,
          'value-map-not-allowed',
          `${describeColumn(m)} maps values, but ${m.target} has no list of values; value mapping is for gender, profile type, statuses, tags, yes/no fields, currency and country`,
        ),
      );
      continue;
    }
    if (entries.length > valueMapLimit) {
      problems.push(
        columnProblem(
          m,
          'value-map-too-large',
          `${describeColumn(m)} maps ${entries.length} values; at most ${valueMapLimit} can be mapped`,
        ),
      );
      continue;
    }
    const converter = converterFor(target, options);
    for (const [from, to] of entries) {
      if (to === null) continue;
      const refused =
        to.trim() === ''
          ? 'is empty (to leave the value out, map it to nothing)'
          : mapsListItems(target) && listSeparators.test(to)
            ? 'holds , ; or |, which split a list'
            : null;
      const result = refused === null ? converter.convert(to.trim(), null) : null;
      if (refused === null && result?.ok !== false) continue;
      const why = refused ?? (result && !result.ok ? result.message : '');
      problems.push(
        columnProblem(
          m,
          'value-not-allowed',
          `${describeColumn(m)}: '${from}' is mapped to '${to}', which ${m.target} does not take: ${why}`,
        ),
      );
    }
  }
  return problems;
}
