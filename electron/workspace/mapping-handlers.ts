/**
 * Handlers for `mapping:*`: suggest a target per column (or apply a saved template whose headers
 * fit, saying so), apply the user's mapping and name its problems, save and list templates.
 */
import { suggestMapping } from '../../shared/mapping/auto-map';
import type { AppContext } from '../app/app-services';
import { OperationFailure, type Handlers } from '../app/handler-registry';
import { columnsOf, TemplateStore } from './template-store';
import type { WorkspaceStore } from './workspace-store';
import { mappingProblems, sampleCells, userMapping } from './workspace-mapping';

/** Sample values shown per column. */
const samplesShown = 3;

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
