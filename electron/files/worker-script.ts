/**
 * Finds the script a worker thread runs, wherever this code runs: from the bundles in `dist/`
 * (the CLI, the browser host, the benches), from the Electron shell's CommonJS bundle, or from the
 * TypeScript sources (vitest, tsx).
 *
 * The bundles are built by `scripts/build-node.mjs`: `dist/<name>.mjs` beside `dist/cli.mjs` and
 * `dist/host.mjs` (npm packages external), and `dist/electron/<name>.cjs` beside
 * `dist/electron/main.cjs` (self-contained, as the packed app has no node_modules; Electron reads
 * worker scripts from the asar archive since Electron 18 — electron/electron#33216).
 */
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Esbuild from 'esbuild';

/** This module's own URL, or null in a CommonJS bundle (where esbuild leaves no `import.meta.url`). */
function hereUrl(): string | null {
  try {
    const url: unknown = import.meta.url;
    return typeof url === 'string' && url !== '' ? url : null;
  } catch {
    return null;
  }
}

/**
 * The bundled worker `name` beside the running bundle: `<name>.mjs` next to an ES module bundle
 * or one folder up (from `dist/bench/`), `<name>.cjs` next to a CommonJS bundle (`__dirname`).
 * Null when there is none (running from sources).
 */
export function bundledWorkerUrl(name: string): URL | null {
  const here = hereUrl();
  const candidates: string[] = [];
  if (typeof __dirname === 'string') candidates.push(path.join(__dirname, `${name}.cjs`));
  if (here !== null && here.startsWith('file:')) {
    const folder = path.dirname(fileURLToPath(here));
    candidates.push(path.join(folder, `${name}.mjs`), path.join(folder, '..', `${name}.mjs`));
  }
  const found = candidates.find((candidate) => existsSync(candidate));
  return found === undefined ? null : pathToFileURL(found);
}

/** Worker bundles built from sources in this process, by name. */
const builtFromSources = new Map<string, URL>();

/**
 * Bundles `<sourceFolder>/<name>.ts` with esbuild (a devDependency, present wherever the sources
 * run) into `node_modules/.cache/omneo-workers/`, once per process, so npm packages resolve from
 * the project's node_modules. Loading TypeScript in each worker through a loader instead took
 * seconds per worker on a busy machine.
 */
function buildFromSources(name: string, source: string): URL {
  const built = builtFromSources.get(name);
  if (built !== undefined) return built;
  const require = createRequire(source);
  const root = path.resolve(path.dirname(fileURLToPath(source)), '..', '..');
  const outfile = path.join(root, 'node_modules', '.cache', 'omneo-workers', `${name}-${process.pid}.mjs`);
  const esbuild = require('esbuild') as typeof Esbuild;
  esbuild.buildSync({
    entryPoints: [fileURLToPath(source)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20.19',
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  const url = pathToFileURL(outfile);
  builtFromSources.set(name, url);
  process.once('exit', () => rmSync(outfile, { force: true }));
  return url;
}

/**
 * The worker `name` to start: the bundle beside the running bundle when there is one, else —
 * when this module runs from its TypeScript source (vitest, tsx) — a bundle of
 * `<sourceFolder>/<name>.ts` (relative to this file) built for this process. Null when neither
 * exists (e.g. a bundle built without its worker), so the caller can say so or run in-thread.
 */
export function findWorkerScript(name: string, sourceFolder = '.'): URL | null {
  const bundled = bundledWorkerUrl(name);
  if (bundled !== null) return bundled;
  const here = hereUrl();
  if (here === null || !here.endsWith('.ts')) return null;
  const source = new URL(`${sourceFolder}/${name}.ts`, here);
  if (!existsSync(fileURLToPath(source))) return null;
  return buildFromSources(name, source.href);
}
