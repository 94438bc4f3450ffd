// Local ESLint rules for the order of electron/* folders and for handler modules
// (see ../../shared/STYLE.md "Layers by where code runs": VS Code's code-layering.ts does the same).
import path from 'node:path';

/**
 * The folders of electron/, lowest first. A file may import from its own folder and from folders
 * on a lower line, never from its line or above — so no two folders can import each other. Derived
 * from the code: files and http read bytes and guard sockets, time is the real clock; the engine
 * checks rows; omneo talks to the API; compare looks profiles up; the runner sends batches; jobs
 * own a job's folder; undo reverses a job; app holds the services every handler uses; the
 * workspace is the app's open files and composes the app's handler modules; host serves the app
 * over HTTP; cli is the command line (its `ui` command starts the host); shell is Electron's main
 * process.
 */
export const electronLayers = [
  ['files', 'http', 'time'],
  ['engine', 'simulator'],
  ['omneo'],
  ['compare'],
  ['runner'],
  ['jobs'],
  ['undo'],
  ['app'],
  ['workspace'],
  ['host'],
  ['cli'],
  ['shell'],
];

/**
 * Imports allowed to climb, each by file and target folder, with why. None today: every import
 * follows the layers (the clock moved to time/, the app's handler list to workspace/, `ui` to cli/).
 * Add an entry only with a reason a move cannot fix.
 */
export const pendingLayerExceptions = [];

/** The electron/ folder of an absolute path, or null. */
function folderOf(file) {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('electron');
  return at >= 0 && at + 2 < parts.length ? parts[at + 1] : null;
}

function rankOf(folder) {
  return electronLayers.findIndex((line) => line.includes(folder));
}

/** `electron/<folder>/…` relative to the repository, for the exception list. */
function repoPath(file) {
  const parts = file.split(path.sep);
  return parts.slice(parts.lastIndexOf('electron')).join('/');
}

/** The import declarations (and re-exports) of a file, with the resolved target path. */
function eachImport(context, visit) {
  const check = (node) => {
    const source = node.source?.value;
    if (typeof source !== 'string' || !source.startsWith('.')) return;
    visit(node, path.resolve(path.dirname(context.filename), source));
  };
  return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
}

/** @type {import('eslint').Rule.RuleModule} */
const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'electron/* folders import only from folders below them (electronLayers)' },
    messages: {
      climbs:
        'electron/{{from}} may not import from electron/{{to}}: {{to}} is not below {{from}} in the layers (eslint-rules/electron-layers.js); move the shared piece down instead.',
      unknown: 'electron/{{folder}} is not in the layers (eslint-rules/electron-layers.js); give it a place.',
    },
    schema: [],
  },
  create(context) {
    const from = folderOf(context.filename);
    if (from === null) return {};
    if (rankOf(from) < 0) {
      return {
        Program(node) {
          context.report({ node, messageId: 'unknown', data: { folder: from } });
        },
      };
    }
    const file = repoPath(context.filename);
    return eachImport(context, (node, target) => {
      const to = folderOf(target);
      if (to === null || to === from) return;
      if (rankOf(to) >= 0 && rankOf(to) < rankOf(from)) return;
      if (pendingLayerExceptions.some((e) => e.file === file && e.to === to)) return;
      context.report({ node, messageId: 'climbs', data: { from, to } });
    });
  },
};

/** Names a module may take from a handler module: the factories that register its handlers. */
const handlerFactory = /^(create|register)\w*Handlers$/;

/** @type {import('eslint').Rule.RuleModule} */
const handlerEdges = {
  meta: {
    type: 'problem',
    docs: { description: 'a *-handlers module is an edge: only its handler factories are imported' },
    messages: {
      library:
        "'{{name}}' comes from a handler module ({{module}}); handler modules are edges, not libraries — move it to a library module beside them.",
    },
    schema: [{ type: 'object', properties: { allow: { type: 'array', items: { type: 'string' } } } }],
  },
  create(context) {
    const allow = new Set(context.options[0]?.allow ?? []);
    return eachImport(context, (node, target) => {
      if (!/-handlers(\.ts)?$/.test(target)) return;
      const names =
        node.type === 'ExportAllDeclaration'
          ? ['*']
          : (node.specifiers ?? []).map((s) => (s.imported ?? s.local)?.name ?? s.local?.name ?? '*');
      for (const name of names) {
        if (handlerFactory.test(name) || allow.has(name)) continue;
        if (
          node.importKind === 'type' ||
          node.specifiers?.find((s) => (s.imported ?? s.local)?.name === name)?.importKind === 'type'
        )
          continue;
        context.report({ node, messageId: 'library', data: { name, module: path.basename(target) } });
      }
    });
  },
};

/** The local plugin: `local/electron-layers`, `local/handler-edges`. */
export const localRules = { rules: { 'electron-layers': layers, 'handler-edges': handlerEdges } };
