/**
 * Handlers for `mapping:*`: suggest a target per column (or apply the remembered mapping or a
 * saved template whose headers fit or nearly fit, saying so and what differs), apply the user's
 * mapping and name its problems, and save, list, use, rename and delete templates.
 */
import type { OperationOutput } from '../../shared/ipc/contract';
import { suggestMapping } from '../../shared/mapping/auto-map';
import type { ColumnMapping } from '../../shared/mapping/column-mapping';
import { isErrorsReportHeader } from '../../shared/report/csv-safety';
import type { ColumnInfo } from '../../shared/source/source-table';
import type { AppContext } from '../app/app-services';
import { OperationFailure, type Handlers } from '../app/handler-registry';
import type { FileWorkspace } from './file-workspace';
import { columnsOf, TemplateStore, type FittedTemplate } from './template-store';
import type { WorkspaceStore } from './workspace-store';
import { mappingProblems, sampleCells, userMapping } from './workspace-mapping';
import { countValues } from './value-counts';

/** Sample values shown per column. */
const samplesShown = 3;

/** The sentence the mapping page shows for a template applied to a file. */
function fittedMessage(fitted: FittedTemplate, columns: readonly ColumnInfo[]): string {
  const report = isErrorsReportHeader(columns.map((c) => c.header))
    ? 'This is an errors.csv from an earlier import (its error column is not imported). '
    : '';
  const withOptions = Object.keys(fitted.options).length > 0;
  const what = withOptions ? 'mapping and options are' : 'mapping is';
  if (!fitted.exact) {
    return `${report}This file's headers nearly match '${fitted.name}', so its ${what} applied — check what differs.`;
  }
  const check = fitted.differences.length > 0 ? ' Check what differs.' : '';
  return fitted.remembered
    ? `${report}These are the headers you checked before, so the ${withOptions ? 'mapping and options' : 'mapping'} you used then come back.${check}`
    : `${report}This file's headers match your saved template '${fitted.name}', so its ${what} applied.${check}`;
}

/** The mapping page's answer for a workspace, with the template applied (null: automatic). */
function suggestionOf(
  workspace: FileWorkspace,
  samples: readonly (readonly string[])[],
  mapping: readonly ColumnMapping[],
  fitted: FittedTemplate | null,
): OperationOutput<'mapping:suggest'> {
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
      ...(m.values !== undefined && { values: m.values }),
    })),
    template: fitted && { id: fitted.id, name: fitted.name, remembered: fitted.remembered },
    message: fitted && fittedMessage(fitted, workspace.info.columns),
    options: fitted && Object.keys(fitted.options).length > 0 ? fitted.options : null,
    differences: fitted?.differences ?? [],
  };
}

/**
 * The handlers of `mapping:suggest`, `mapping:apply`, `mapping:values` (a column's distinct
 * values, for value mapping) and the templates' (save, list, use, rename, delete).
 */
export function createMappingHandlers(app: AppContext, store: WorkspaceStore): Handlers {
  const templates = new TemplateStore(app.deps.dataDir);
  return {
    'mapping:suggest': async ({ fileId }) => {
      const workspace = await store.get(fileId);
      const samples = sampleCells(workspace);
      const automatic = suggestMapping(workspace.info.columns, samples);
      const fitting = await templates.findFitting(workspace.info.columns, automatic);
      const mapping = fitting?.mapping ?? automatic;
      if (!workspace.mapping || fitting) {
        workspace.mapping = mapping;
        workspace.clearCheck();
      }
      return suggestionOf(workspace, samples, mapping, fitting);
    },

    'mapping:use-template': async ({ fileId, id }) => {
      const workspace = await store.get(fileId);
      const samples = sampleCells(workspace);
      const automatic = suggestMapping(workspace.info.columns, samples);
      const chosen = await templates.applyChosen(id, workspace.info.columns, automatic);
      if (chosen === null) throw new OperationFailure('not-found', 'That template no longer exists.');
      workspace.mapping = chosen.mapping;
      workspace.clearCheck();
      return suggestionOf(workspace, samples, chosen.mapping, chosen);
    },

    'mapping:apply': async ({ fileId, mapping, match }) => {
      const workspace = await store.get(fileId);
      const columns = workspace.info.columns;
      const applied = userMapping(columns, mapping);
      workspace.mapping = applied;
      workspace.clearCheck();
      return { problems: mappingProblems(applied, columns, match ?? workspace.lastMatch) };
    },

    'mapping:save-template': async ({ name, headers, mapping, options }) => {
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
      const template = await templates.save(name, headers, applied, options);
      return { template };
    },

    'mapping:list-templates': async () => ({ templates: await templates.list() }),

    'mapping:rename-template': async ({ id, name }) => {
      const template = await templates.rename(id, name);
      if (template === null) throw new OperationFailure('not-found', 'That template no longer exists.');
      return { template };
    },

    'mapping:delete-template': async ({ id }) => ({ deleted: await templates.remove(id) }),

    'mapping:values': async ({ fileId, column, target }) => {
      const workspace = await store.get(fileId);
      if (column >= workspace.info.columns.length) {
        throw new OperationFailure('invalid-input', `The file has no column ${column + 1}.`);
      }
      return countValues(workspace, column, target);
    },
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
