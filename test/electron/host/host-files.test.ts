import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostFiles, pruneUploads } from '../../../electron/host/host-files';
import { closeJob, makeJob } from '../jobs/support/make-job';

let dataDir = '';
let folders: { tempDir: string; uploadsDir: string; journalDir: string };
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'omneo-host-files-'));
  folders = {
    tempDir: path.join(dataDir, 'tmp'),
    uploadsDir: path.join(dataDir, 'uploads'),
    journalDir: path.join(dataDir, 'jobs'),
  };
  await mkdir(folders.tempDir);
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

async function jobFor(file: string): Promise<void> {
  await closeJob(await makeJob({ journalDir: folders.journalDir, filePath: file }));
}

describe('browser host uploads', () => {
  it('keeps an upload under <dataDir>/uploads/<id>, file mode 0600, after the host closes while a job refers to it', async () => {
    const files = createHostFiles(folders);
    const kept = await files.storeUpload('../people.csv', Readable.from(['email\na@example.com\n']));
    const dropped = await files.storeUpload('other.csv', Readable.from(['email\n']));
    expect(path.dirname(path.dirname(kept))).toBe(folders.uploadsDir);
    expect(path.basename(kept)).toBe('people.csv');
    if (process.platform !== 'win32') expect((await stat(kept)).mode & 0o777).toBe(0o600);
    await jobFor(kept);
    await files.close();
    expect((await stat(kept)).isFile()).toBe(true);
    await expect(stat(dropped)).rejects.toThrow();
    await expect(stat(folders.tempDir)).rejects.toThrow();
  });

  it('prunes only the uploads no job refers to', async () => {
    for (const id of ['a', 'b', 'c']) {
      await mkdir(path.join(folders.uploadsDir, id), { recursive: true });
      await writeFile(path.join(folders.uploadsDir, id, 'f.csv'), 'email\n');
    }
    await jobFor(path.join(folders.uploadsDir, 'b', 'f.csv'));
    expect(await pruneUploads(folders.uploadsDir, folders.journalDir)).toBe(2);
    expect(await readdir(folders.uploadsDir)).toEqual(['b']);
  });
});
