import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAll, openFile, startWorkspace, valueOf, type WorkspaceHarness } from './workspace-harness';

interface Confirmation {
  profiles: number;
  refusals: { code: string; rows: number; message: string }[];
  message: string;
  leftOut: string | null;
}
interface Payload {
  profile: Record<string, unknown> | null;
  issues: { code: string; message: string }[];
}

/** 6 people sharing 2 mobile phones: 4 rows repeat an earlier row's phone. */
const csv = [
  'email,first_name,mobile_phone',
  ...Array.from({ length: 6 }, (_, i) => `p${i}@example.com,P${i},07700 90012${i % 2}`),
].join('\n');

describe('rows repeating an earlier row’s mobile phone', () => {
  let app: WorkspaceHarness;
  let dir: string;
  let fileId: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-phones-'));
    const file = path.join(dir, 'phones.csv');
    await writeFile(file, `${csv}\n`);
    app = await startWorkspace();
    fileId = await openFile(app, file);
    await app.call('mapping:suggest', { fileId });
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  const preview = async () =>
    valueOf<{ kind: string; confirmation: Confirmation }>(
      await app.call('import:preview', { fileId, connectionId: 'sandbox' }),
    ).confirmation;
  const payload = async (line: number) => valueOf<Payload>(await app.call('rows:payload', { fileId, line }));

  it('kept (the default): the confirmation counts the rows Omneo will refuse', async () => {
    const checked = valueOf<{ summary: { warningRows: number } }>(
      await checkAll(app, { fileId, options: { phoneRegion: 'GB' } }),
    );
    // The Warnings filter's count: rows with a warning.
    expect(checked.summary.warningRows).toBe(4);
    const confirmation = await preview();
    expect(confirmation.profiles).toBe(6);
    expect(confirmation.refusals).toEqual([
      expect.objectContaining({ code: 'mobile-phone-repeated', rows: 4 }),
    ]);
    expect(confirmation.refusals[0]?.message).toMatch(
      /^4 rows repeat a mobile phone of an earlier row — Omneo/,
    );
    // Rows Omneo will refuse are not counted as ready to send, and nothing is left out.
    expect(confirmation.message).toMatch(/^2 profiles ready to send and 4 Omneo will refuse, in 1 batch to /);
    expect(confirmation.leftOut).toBeNull();
    expect((await payload(4)).profile).toHaveProperty('mobile_phone', '+447700900120');
  });

  it('left out: later rows are sent without the phone, each with a warning; the first keeps it', async () => {
    await checkAll(app, { fileId, options: { phoneRegion: 'GB' }, repeatedPhones: 'leave-out' });
    const confirmation = await preview();
    expect(confirmation.refusals).toEqual([]);
    // The phones left out are counted in the confirmation, not dropped silently.
    expect(confirmation.message).toMatch(/^6 profiles in 1 batch to /);
    expect(confirmation.leftOut).toBe(
      '4 values left out of 4 rows: 4 repeated mobile phones — each named in the left_out column of results.csv.',
    );
    const first = await payload(2);
    expect(first.profile).toHaveProperty('mobile_phone', '+447700900120');
    const repeat = await payload(4);
    expect(repeat.profile).not.toHaveProperty('mobile_phone');
    expect(repeat.profile).toHaveProperty('email', 'p2@example.com');
    expect(repeat.issues).toContainEqual(
      expect.objectContaining({
        code: 'mobile-phone-repeated',
        message: expect.stringMatching(/left out of this row/),
      }),
    );
  });
});
