/**
 * Bundles the CLI for tests that run it as a real process (crash tests), into its own folder under
 * dist/ so it never races `npm run build:node`. Packages stay external and resolve from the repo's
 * node_modules.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../../../support/shared-paths';

/** Builds `electron/cli/main.ts` to `dist/<folder>/cli.mjs` and returns its absolute path. */
export async function buildCli(folder: string): Promise<string> {
  const outfile = path.join(repoRoot, 'dist', folder, 'cli.mjs');
  await build({
    entryPoints: [path.join(repoRoot, 'electron/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20.19',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return outfile;
}
