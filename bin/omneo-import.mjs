#!/usr/bin/env node
// Entry point for `npx omneo-import …`: runs the bundled CLI (built by `npm install` / `npm run build:node`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(
    'omneo-import: the CLI is not built yet. Run `npm install` (or `npm run build:node`) first.\n',
  );
  process.exit(2);
}
await import(pathToFileURL(cli).href);
