import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePath, fixturePath } from '../../support/shared-paths';
import { startWorkspace, valueOf, type WorkspaceHarness } from './workspace-harness';

let app: WorkspaceHarness;
beforeAll(async () => {
  app = await startWorkspace();
});
afterAll(() => app.close());

async function open(file: string): Promise<{ kind: string; rows?: number; fileId?: string }> {
  const registered = await app.services.context.files.register(file);
  return valueOf(await app.call('file:open', { via: 'ref', ref: registered.ref }));
}

describe('file:open tells the row count as soon as main has read the rows', () => {
  it.each([
    ['customers-100.csv', fixturePath('customers-100.csv'), 100],
    ['people-1000.csv', fixturePath('people-1000.csv'), 1000],
    ['09-multiline-quoted-address.csv', casePath('09-multiline-quoted-address.csv'), null],
  ])('%s', async (_name, file, expected) => {
    const answer = await open(file);
    expect(answer.kind).toBe('opened');
    if (expected !== null) expect(answer.rows).toBe(expected);
    else expect(answer.rows).toBeGreaterThan(0);
  });

  it('re-reading with other settings counts again', async () => {
    const answer = await open(fixturePath('customers-100.csv'));
    const reread = valueOf<{ kind: string; rows?: number }>(
      await app.call('file:reopen', { fileId: answer.fileId, options: { headerRow: 2 } }),
    );
    expect(reread).toMatchObject({ kind: 'opened', rows: 99 });
  });

  it('a file malformed further down still opens, without a count (the mapping names the line)', async () => {
    const answer = await open(casePath('31-unclosed-quote.csv'));
    expect(answer.kind).toBe('opened');
    expect(answer.rows).toBeUndefined();
  });
});
