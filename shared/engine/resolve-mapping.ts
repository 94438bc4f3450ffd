/**
 * Decides the mapping a check uses: automatic, a saved mapping file, or one given whole, then the
 * user's per-column overrides (`--map "Header=field.path"`, the mapping screen's edits).
 */
import { formatFieldTarget, parseFieldPath } from '../fields/field-path';
import { suggestMapping } from '../mapping/auto-map';
import { setColumnTarget, type ColumnMapping } from '../mapping/column-mapping';
import { applySavedMapping, type SavedMapping } from '../mapping/mapping-file';
import type { MappingProblem } from '../mapping/validate-mapping';
import type { ColumnInfo } from '../source/source-table';
import type { CheckOptionsInput } from './check-options';

/** Where a mapping comes from: automatic mapping, a saved mapping file, or a mapping given whole. */
export type MappingInput = 'auto' | SavedMapping | readonly ColumnMapping[];

/**
 * One column's target set by hand. `column` names the column as saved mappings do: its header,
 * `col:E` (letter) or `#5` (1-based position); `target` null leaves it unmapped.
 */
export interface MappingOverride {
  readonly column: string;
  readonly target: string | null;
}

/** The mapping to check with, problems found while building it, and settings a saved mapping carries. */
export interface ResolvedMapping {
  readonly mapping: ColumnMapping[];
  readonly problems: MappingProblem[];
  readonly settings: CheckOptionsInput;
}

function isSavedMapping(input: MappingInput): input is SavedMapping {
  return input !== 'auto' && !Array.isArray(input);
}

/**
 * Builds the mapping for `columns` from `input`, then applies `overrides` in order.
 *
 * `samples` are the first data rows' cells, used by automatic mapping. A saved mapping's `match`,
 * `dateOrder`, `phoneRegion`, `onInvalidValue` and `timeZone` come back in `settings`, for the
 * caller to use where the user gave none. An override naming no column (or a repeated header) is a
 * problem; so is a target that does not parse. A target set by hand unmaps a column that had the
 * same target from automatic mapping or a saved file. Never throws.
 */
export function resolveMapping(
  columns: readonly ColumnInfo[],
  input: MappingInput,
  overrides: readonly MappingOverride[] = [],
  samples: readonly (readonly string[])[] = [],
): ResolvedMapping {
  let mapping: ColumnMapping[];
  const problems: MappingProblem[] = [];
  let settings: CheckOptionsInput = {};
  if (input === 'auto') {
    mapping = suggestMapping(columns, samples);
  } else if (isSavedMapping(input)) {
    const applied = applySavedMapping(input, columns);
    mapping = applied.mapping;
    problems.push(...applied.problems);
    const { match, dateOrder, phoneRegion, onInvalidValue, timeZone } = input;
    settings = {
      ...(match !== undefined && { match }),
      ...(dateOrder !== undefined && { dateOrder }),
      ...(phoneRegion !== undefined && { phoneRegion }),
      ...(onInvalidValue !== undefined && { onInvalidValue }),
      ...(timeZone !== undefined && { timeZone }),
    };
  } else {
    mapping = [...(input as readonly ColumnMapping[])];
  }

  for (const override of overrides) {
    const located = applySavedMapping({ version: 1, columns: { [override.column]: 'email' } }, columns);
    const found = located.mapping.find((m) => m.target !== null);
    if (found === undefined) {
      for (const p of located.problems)
        problems.push({
          ...p,
          target: override.target,
          message: p.message.replace('saved mapping', '--map'),
        });
      continue;
    }
    let target = override.target;
    if (target !== null) {
      const parsed = parseFieldPath(target);
      if (!parsed.ok) {
        problems.push({
          column: found.column,
          letter: found.letter,
          header: found.header,
          target,
          code: 'unknown-target',
          message: `column ${found.letter} '${found.header}': ${parsed.message}`,
        });
        continue;
      }
      target = formatFieldTarget(parsed.target);
    }
    if (!mapping.some((m) => m.column === found.column)) {
      mapping.push({ ...found, target: null, confidence: 0, source: 'none', reason: null });
      mapping.sort((a, b) => a.column - b.column);
    }
    // A hand-set target takes over from an automatic guess of the same target elsewhere.
    for (const other of mapping) {
      if (
        target !== null &&
        other.column !== found.column &&
        other.target === target &&
        other.source !== 'user'
      ) {
        mapping = setColumnTarget(mapping, other.column, null);
      }
    }
    mapping = setColumnTarget(mapping, found.column, target);
  }
  return { mapping, problems, settings };
}
