/**
 * Messages that reach the interface name files by their display name, never by a path under the
 * data folder: the hider itself, and a real reply whose message was built with a path.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPathHider } from '../../../electron/app/data-paths';
import { startHarness } from './app-harness';
import { aesTestEncryptor } from './test-encryptor';

describe('dataPathHider', () => {
  const hide = dataPathHider('/home/ana/.local/share/omneo-import');
  it.each([
    [
      'The file /home/ana/.local/share/omneo-import/uploads/0b1c/people 2024.csv cannot be read.',
      'The file people 2024.csv cannot be read.',
    ],
    [
      'The settings of job "J" (/home/ana/.local/share/omneo-import/jobs/J/job.json) are unreadable.',
      'The settings of job "J" (job.json) are unreadable.',
    ],
    [
      "ENOENT: open '/home/ana/.local/share/omneo-import/jobs/J/journal.jsonl'",
      "ENOENT: open 'journal.jsonl'",
    ],
    ['Kept in /home/ana/.local/share/omneo-import', "Kept in the app's data folder"],
    [
      '/home/ana/Documents/people.csv stays as the user chose it',
      '/home/ana/Documents/people.csv stays as the user chose it',
    ],
  ])('%s', (text, shown) => {
    expect(hide(text)).toBe(shown);
  });

  it('rewrites strings deep in replies and leaves other values alone', () => {
    const reply = {
      ok: false,
      error: {
        code: 'conflict',
        message: 'at /home/ana/.local/share/omneo-import/x/y.csv',
        issues: [{ path: 'a', message: '/home/ana/.local/share/omneo-import/z' }],
      },
      n: 3,
      flag: true,
      none: null,
    };
    expect(hide(reply)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'at y.csv', issues: [{ path: 'a', message: 'z' }] },
      n: 3,
      flag: true,
      none: null,
    });
  });
});

describe('replies from the app', () => {
  it('never carry the data folder, even when a message was built with a path', async () => {
    const app = await startHarness(aesTestEncryptor());
    try {
      const jobId = '20250101-000000-abcd';
      await mkdir(path.join(app.dataDir, 'jobs', jobId), { recursive: true });
      await writeFile(path.join(app.dataDir, 'jobs', jobId, 'job.json'), '{not json');
      const replies = [await app.call('jobs:resume', { jobId }), await app.call('jobs:list', {})];
      expect(replies[0]).toMatchObject({ ok: false });
      for (const reply of replies) expect(JSON.stringify(reply)).not.toContain(app.dataDir);
      expect(app.seen.join('\n')).not.toContain(app.dataDir);
    } finally {
      await app.close();
    }
  });
});
