// Bundles the Node-side entry points (CLI, browser host, Electron shell, workers, benchmarks)
// into dist/ with esbuild. npm packages stay external for the CLI/host (node_modules is present);
// the Electron shell's preload is one self-contained CommonJS file, as a sandboxed preload must be.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const nodeEntries = [
  ['electron/cli/main.ts', 'dist/cli.mjs'],
  ['electron/engine/check-worker.ts', 'dist/check-worker.mjs'],
  ['electron/files/workbook-worker.ts', 'dist/workbook-worker.mjs'],
  ['electron/host/host-main.ts', 'dist/host.mjs'],
  ['bench/bench-check.ts', 'dist/bench/bench-check.mjs'],
  ['bench/bench-runner.ts', 'dist/bench/bench-runner.mjs'],
  ['bench/bench-compare.ts', 'dist/bench/bench-compare.mjs'],
  ['bench/bench-workbook.ts', 'dist/bench/bench-workbook.mjs'],
  ['bench/bench-huge.ts', 'dist/bench/bench-huge.mjs'],
];

const common = { bundle: true, platform: 'node', target: 'node20.19', sourcemap: true, logLevel: 'warning' };

await Promise.all(
  nodeEntries
    .filter(([entry]) => existsSync(entry))
    .map(([entry, outfile]) =>
      build({
        ...common,
        entryPoints: [entry],
        outfile,
        format: 'esm',
        packages: 'external',
        banner: {
          js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
        },
      }),
    ),
);

if (existsSync('electron/shell/main.ts')) {
  await build({
    ...common,
    entryPoints: ['electron/shell/main.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
    external: ['electron'],
  });
  // The workbook reader's worker for the packed app, which has no node_modules: self-contained.
  await build({
    ...common,
    entryPoints: ['electron/files/workbook-worker.ts'],
    outfile: 'dist/electron/workbook-worker.cjs',
    format: 'cjs',
  });
  await build({
    ...common,
    entryPoints: ['electron/shell/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  });
}
