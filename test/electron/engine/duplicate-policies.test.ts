import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCheckFlags, readCheckArgs } from '../../../electron/cli/check-args';
import { checkFile, planBatches } from '../../../electron/engine/check-file';
import type { DuplicatePolicy } from '../../../shared/engine/check-options';
import type { RowOutcome } from '../../../shared/engine/check-result';

let dir = '';
let file = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dup-policy-'));
  file = path.join(dir, 'people.csv');
  // Lines 2–7: a, b, a, c, a, b.
  const emails = ['a', 'b', 'a', 'c', 'a', 'b'].map((x) => `${x}@example.com`);
  await writeFile(file, ['email,first_name', ...emails.map((e, i) => `${e},P${i}`)].join('\n') + '\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('what to do with duplicates of the match key, in the CLI engine', () => {
  it.each<[DuplicatePolicy, number[], [number, number][]]>([
    [
      'keep-first',
      [2, 3, 5],
      [
        [4, 2],
        [6, 2],
        [7, 3],
      ],
    ],
    [
      'keep-last',
      [5, 6, 7],
      [
        [2, 6],
        [3, 7],
        [4, 6],
      ],
    ],
    [
      'none',
      [5],
      [
        [2, 6],
        [3, 7],
        [4, 2],
        [6, 2],
        [7, 3],
      ],
    ],
  ])('%s sends lines %j; the rest are duplicates of the named line', async (duplicates, sent, dups) => {
    const rows: RowOutcome[] = [];
    const report = await checkFile(file, {}, 'auto', { duplicates }, { onRow: (r) => rows.push(r) });
    expect(report.summary).toMatchObject({ rows: 6, valid: sent.length, duplicate: dups.length });
    expect(rows.filter((r) => r.status === 'valid').map((r) => r.line)).toEqual(sent);
    expect(rows.filter((r) => r.status === 'duplicate').map((r) => [r.line, r.duplicateOf])).toEqual(dups);
    for (const row of rows.filter((r) => r.status === 'duplicate')) {
      expect(row.issues.at(-1)?.message).toMatch(new RegExp(`^Duplicate of line ${row.duplicateOf}:`));
    }
    const planned: number[] = [];
    for await (const batch of planBatches(file, {}, 'auto', { duplicates }))
      planned.push(...batch.rows.map((r) => r.line));
    expect(planned).toEqual(sent);
  });
});

describe('--duplicates, shared by check and run', () => {
  it.each([
    ['first', 'keep-first'],
    ['last', 'keep-last'],
    ['none', 'none'],
  ])('--duplicates %s is %s', async (flag, policy) => {
    expect((await readCheckArgs(file, { duplicates: flag })).options.duplicates).toBe(policy);
  });

  it('refuses another value as a usage error naming the flag', async () => {
    const { Command, CommanderError } = await import('commander');
    const command = addCheckFlags(new Command('check').argument('<file>').exitOverride()).configureOutput({
      writeErr: () => {},
    });
    expect(() => command.parse(['node', 'check', file, '--duplicates', 'both'])).toThrow(CommanderError);
    command.parse(['node', 'check', file, '--duplicates', 'last']);
    expect(command.opts()).toMatchObject({ duplicates: 'last' });
  });
});
