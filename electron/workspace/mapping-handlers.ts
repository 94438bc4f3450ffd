/**
 * Handlers for `mapping:*`: suggest a target per column (or apply a saved template whose headers
 * fit, saying so), apply the user's mapping and name its problems, save and list templates.
 */
import type { OperationOutput } from '../../shared/ipc/contract';
import { checkOptionsSchema } from '../../shared/engine/check-options';
import { compileMapping } from '../../shared/engine/compile-mapping';
import { suggestMapping } from '../../shared/mapping/auto-map';
import type { ColumnMapping } from '../../shared/mapping/column-mapping';
import type { MappingProblem } from '../../shared/mapping/validate-mapping';
import { columnLetter, type ColumnInfo } from '../../shared/source/source-table';
import type { AppContext } from '../app/app-services';
import { OperationFailure, type Handlers } from '../app/handler-registry';
import type { FileWorkspace } from './file-workspace';
import { columnsOf, TemplateStore } from './template-store';
import type { WorkspaceStore } from './workspace-store';

/** Rows read for automatic mapping's value hints (as the engine's `prepareCheck`). */
const sampleRows = 50;
/** Sample values shown per column. */
const samplesShown = 3;

/** The first non-blank rows' cells (after edits), for automatic mapping and the samples shown. */
export function sampleCells(workspace: FileWorkspace): string[][] {
  const samples: string[][] = [];
  for (let i = 0; i < workspace.rows.length && samples.length < sampleRows; i += 1) {
    const cells = workspace.cells(i);
    if (cells.some((c) => c.trim() !== '')) samples.push([...cells]);
  }
  return samples;
}

/** The automatic mapping of a workspace's columns. */
export function automaticMapping(workspace: FileWorkspace): ColumnMapping[] {
  return suggestMapping(workspace.info.columns, sampleCells(workspace));
}

/** A contract mapping (mapped columns only) as one {@link ColumnMapping} per column, set by the user. */
export function userMapping(
  columns: readonly ColumnInfo[],
  entries: readonly { readonly column: number; readonly target: string }[],
): ColumnMapping[] {
  const byColumn = new Map(entries.map((e) => [e.column, e.target]));
  const mapping: ColumnMapping[] = columns.map((c) => {
    const target = byColumn.get(c.index);
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

/** The handlers of `mapping:suggest`, `mapping:apply`, `mapping:save-template`, `mapping:list-templates`. */
export function createMappingHandlers(app: AppContext, store: WorkspaceStore): Handlers {
  const templates = new TemplateStore(app.deps.dataDir);
  return {
    'mapping:suggest': async ({ fileId }) => {
      const workspace = await store.get(fileId);
      const samples = sampleCells(workspace);
      const fitting = await templates.findFitting(workspace.info.columns);
      const mapping = fitting?.mapping ?? suggestMapping(workspace.info.columns, samples);
      if (!workspace.mapping || fitting) {
        workspace.mapping = mapping;
        workspace.clearCheck();
      }
      return {
        columns: mapping.map((m) => ({
          index: m.column,
          letter: m.letter,
          header: m.header,
          samples: distinctValues(samples, m.column),
          target: m.target,
          confidence: m.confidence,
          reason: m.reason ?? (m.target === null ? 'no field fits this header' : ''),
          source: m.source,
        })),
        template: fitting && { id: fitting.id, name: fitting.name },
        message: fitting
          ? `This file's headers match your saved template '${fitting.name}', so its mapping is applied.`
          : null,
      };
    },

    'mapping:apply': async ({ fileId, mapping, match }) => {
      const workspace = await store.get(fileId);
      const columns = workspace.info.columns;
      const applied = userMapping(columns, mapping);
      workspace.mapping = applied;
      workspace.clearCheck();
      return { problems: mappingProblems(applied, columns, match ?? workspace.lastMatch) };
    },

    'mapping:save-template': async ({ name, headers, mapping }) => {
      const columns = columnsOf(headers);
      const applied = userMapping(columns, mapping);
      const unknown = mappingProblems(applied, columns, 'email').filter(
        (p) => p.code === 'unknown-target' || p.code === 'column-not-in-file',
      );
      if (unknown.length > 0) {
        throw new OperationFailure(
          'invalid-input',
          `The template cannot be saved: ${unknown.map((p) => p.message).join('; ')}.`,
        );
      }
      const template = await templates.save(name, headers, applied);
      return { template };
    },

    'mapping:list-templates': async () => ({ templates: await templates.list() }),
  };
}

function distinctValues(samples: readonly (readonly string[])[], column: number): string[] {
  const values = new Set<string>();
  for (const row of samples) {
    const value = (row[column] ?? '').trim();
    if (value !== '') values.add(value.length > 200 ? `${value.slice(0, 200)}…` : value);
    if (values.size >= samplesShown) break;
  }
  return [...values];
}
