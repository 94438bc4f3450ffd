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
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A worker's script: a file to run, or (from sources) code to `eval` that loads the sources. */
export interface WorkerScript {
  readonly script: URL | string;
  readonly eval: boolean;
}

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

/**
 * The worker `name` to start: the bundle when there is one, else — when this module runs from
 * its TypeScript source — a bootstrap that registers tsx's loader in the worker and imports
 * `<sourceFolder>/<name>.ts` (`sourceFolder` relative to this file, e.g. `.`). Null when neither
 * exists (e.g. a bundle built without its worker), so the caller can say so or run in-thread.
 */
export function findWorkerScript(name: string, sourceFolder = '.'): WorkerScript | null {
  const bundled = bundledWorkerUrl(name);
  if (bundled !== null) return { script: bundled, eval: false };
  const here = hereUrl();
  if (here === null || !here.endsWith('.ts')) return null;
  const source = new URL(`${sourceFolder}/${name}.ts`, here);
  if (!existsSync(fileURLToPath(source))) return null;
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
  return { script: code, eval: true };
}
