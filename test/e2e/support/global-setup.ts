/**
 * Builds the renderer once for the whole run into a temp folder; each test's host serves it.
 * The folder is passed to the workers in OMNEO_E2E_RENDERER.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

export default async function globalSetup(): Promise<void> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'omneo-e2e-renderer-'));
  await build({
    configFile: path.join(repoRoot, 'vite.config.ts'),
    root: path.join(repoRoot, 'renderer'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
  });
  process.env.OMNEO_E2E_RENDERER = outDir;
}
