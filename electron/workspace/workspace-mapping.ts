/**
 * The app's mapping of a workspace: automatic mapping from its first rows, a mapping the user set,
 * and mapping problems as the contract names them. A library for the handlers (mapping, review,
 * import) — handler modules are edges and never import each other.
 */
import type { OperationOutput } from '../../shared/ipc/contract';
import { checkOptionsSchema, type CheckOptions } from '../../shared/engine/check-options';
import { compileMapping } from '../../shared/engine/compile-mapping';
import { suggestMapping } from '../../shared/mapping/auto-map';
import type { ColumnMapping } from '../../shared/mapping/column-mapping';
import type { SavedMappingOptions } from '../../shared/mapping/mapping-file';
import type { MappingProblem } from '../../shared/mapping/validate-mapping';
import type { ValueMap } from '../../shared/mapping/value-map';
import { columnLetter, type ColumnInfo } from '../../shared/source/source-table';
import type { FileWorkspace } from './file-workspace';
import { TemplateStore } from './template-store';

/** Rows read for automatic mapping's value hints (as the engine's `prepareCheck`). */
const sampleRows = 50;

/** The first non-blank rows' cells (after edits), for automatic mapping and the samples shown. */
export function sampleCells(workspace: FileWorkspace): string[][] {
  const samples: string[][] = [];
  for (let i = 0; i < workspace.rows.size && samples.length < sampleRows; i += 1) {
    const cells = workspace.cells(i);
    if (cells.some((c) => c.trim() !== '')) samples.push([...cells]);
  }
  return samples;
}

/** The automatic mapping of a workspace's columns. */
export function automaticMapping(workspace: FileWorkspace): ColumnMapping[] {
  return suggestMapping(workspace.info.columns, sampleCells(workspace));
}

/** A contract mapping (mapped columns only, with value maps) as one {@link ColumnMapping} per column, set by the user. */
export function userMapping(
  columns: readonly ColumnInfo[],
  entries: readonly { readonly column: number; readonly target: string; readonly values?: ValueMap }[],
): ColumnMapping[] {
  const byColumn = new Map(entries.map((e) => [e.column, e]));
  const mapping: ColumnMapping[] = columns.map((c) => {
    const entry = byColumn.get(c.index);
    const target = entry?.target;
    return target === undefined
      ? {
          column: c.index,
          letter: c.letter,
          header: c.header,
          target: null,
          confidence: 0,
          source: 'none',
          reason: 'not mapped',
        }
      : {
          column: c.index,
          letter: c.letter,
          header: c.header,
          target,
          confidence: 1,
          source: 'user',
          reason: 'chosen by you',
          ...(entry?.values !== undefined && { values: entry.values }),
        };
  });
  for (const e of entries) {
    if (e.column >= columns.length) {
      const letter = columnLetter(e.column);
      mapping.push({
        column: e.column,
        letter,
        header: '',
        target: e.target,
        confidence: 1,
        source: 'user',
        reason: null,
      });
    }
  }
  return mapping;
}

/** Problems of a mapping for a match criteria, as the contract names them. */
export function mappingProblems(
  mapping: readonly ColumnMapping[],
  columns: readonly ColumnInfo[],
  match: string,
): OperationOutput<'mapping:apply'>['problems'] {
  const compiled = compileMapping(mapping, columns, checkOptionsSchema.parse({ match }));
  return compiled.ok ? [] : compiled.problems.map(toContractProblem);
}

/** A mapping problem on the wire. */
export function toContractProblem(p: MappingProblem): OperationOutput<'mapping:apply'>['problems'][number] {
  return { column: p.column, letter: p.letter, target: p.target, code: p.code, message: p.message };
}

/** Options kept with a mapping, from a check's options: what the saved-mapping file holds. */
export function savedOptionsOf(options: CheckOptions): SavedMappingOptions {
  return {
    match: options.match,
    onInvalidValue: options.onInvalidValue,
    ...(options.dateOrder !== null && { dateOrder: options.dateOrder }),
    ...(options.phoneRegion !== null && { phoneRegion: options.phoneRegion }),
    ...(options.timeZone !== null && { timeZone: options.timeZone }),
  };
}

/**
 * Remembers the workspace's mapping and the check's options for its headers, so the next file
 * with these headers (or its errors.csv) is mapped the same way. A failure to write is logged,
 * never stops the check.
 */
export async function rememberMapping(
  dataDir: string,
  log: (line: string) => void,
  workspace: FileWorkspace,
  options: CheckOptions,
): Promise<void> {
  if (!workspace.mapping || !workspace.mapping.some((m) => m.target !== null)) return;
  try {
    const headers = workspace.info.columns.map((c) => c.header);
    const samples = sampleCells(workspace);
    const empty = workspace.info.columns
      .filter((c) => samples.every((row) => (row[c.index] ?? '').trim() === ''))
      .map((c) => c.header);
    await new TemplateStore(dataDir).remember(headers, workspace.mapping, savedOptionsOf(options), empty);
  } catch (error) {
    log(`could not remember the mapping: ${error instanceof Error ? error.name : 'error'}`);
  }
}
