/**
 * The layering lint rules on wrong-way and right-way imports, through the project's own ESLint
 * config: a lower electron/ folder importing a higher one fails, a handler module used as a library
 * fails, a file over 400 lines fails, and the imports the layers allow pass.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared-paths';

const eslint = new ESLint({ cwd: repoRoot });

/** The rule ids ESLint reports for `code` as if it were the file at `file` (repository-relative). */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${file}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('local/electron-layers', () => {
  it.each([
    [
      'electron/engine/probe.ts',
      "import { startImport } from '../runner/batch-runner';\nexport const x = startImport;\n",
    ],
    [
      'electron/files/probe.ts',
      "import { checkFile } from '../engine/check-file';\nexport const x = checkFile;\n",
    ],
    ['electron/runner/probe.ts', "export { createWorkspaceStore } from '../workspace/workspace-store';\n"],
    [
      'electron/workspace/probe.ts',
      "import { registerUiCommand } from '../cli/ui-command';\nexport const x = registerUiCommand;\n",
    ],
    // Peers on one line cannot import each other either (no cycle between them).
    [
      'electron/files/probe.ts',
      "import { allowedHosts } from '../http/loopback-guard';\nexport const x = allowedHosts;\n",
    ],
  ])('%s: a wrong-way import fails', async (file, code) => {
    const found = await problems(file, code);
    expect(found.some((p) => p.startsWith('local/electron-layers: electron/'))).toBe(true);
  });

  it.each([
    [
      'electron/runner/probe.ts',
      "import { checkFile } from '../engine/check-file';\nexport const x = checkFile;\n",
    ],
    [
      'electron/workspace/probe.ts',
      "import { OperationFailure } from '../app/handler-registry';\nexport const x = OperationFailure;\n",
    ],
    [
      'electron/cli/probe.ts',
      "import { openTable } from '../files/open-table';\nexport const x = openTable;\n",
    ],
  ])('%s: an import from below passes', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });

  it('a new folder must be given a place', async () => {
    expect(await problems('electron/newfolder/probe.ts', 'export const x = 1;\n')).toEqual([
      expect.stringMatching(/^local\/electron-layers: electron\/newfolder is not in the layers/),
    ]);
  });
});

describe('local/handler-edges', () => {
  it('a helper taken from a handler module fails; its handler factory passes', async () => {
    const library = "import { checkBlocker } from './review-handlers';\nexport const x = checkBlocker;\n";
    expect(await problems('electron/workspace/probe.ts', library)).toEqual([
      expect.stringMatching(/^local\/handler-edges: 'checkBlocker' comes from a handler module/),
    ]);
    const edge =
      "import { createReviewHandlers } from './review-handlers';\nexport const x = createReviewHandlers;\n";
    expect(await problems('electron/workspace/probe.ts', edge)).toEqual([]);
  });
});

describe('max-lines', () => {
  it('a source file over 400 lines fails', async () => {
    const code = Array.from({ length: 401 }, (_v, i) => `export const v${i} = ${i};`).join('\n') + '\n';
    expect(await problems('shared/engine/probe.ts', code)).toEqual([expect.stringMatching(/^max-lines:/)]);
  });
});
