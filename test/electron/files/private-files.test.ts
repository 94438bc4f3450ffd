import { closeSync, writeSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensurePrivateFolder,
  openPrivateAppend,
  openPrivateFileSync,
  openPrivateWriteStream,
  writePrivateFile,
} from '../../../electron/files/private-files';

const modesApply = process.platform !== 'win32';

async function modeOf(file: string): Promise<number> {
  return (await stat(file)).mode & 0o777;
}

describe.runIf(modesApply)('private files', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'omneo-private-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates missing folders 0700 and narrows an existing wide one', async () => {
    const nested = path.join(root, 'a', 'b', 'c');
    await ensurePrivateFolder(nested);
    for (const folder of ['a', 'a/b', 'a/b/c']) expect(await modeOf(path.join(root, folder))).toBe(0o700);
    const wide = path.join(root, 'wide');
    await mkdir(wide, { mode: 0o755 });
    await chmod(wide, 0o755);
    await ensurePrivateFolder(wide);
    expect(await modeOf(wide)).toBe(0o700);
  });

  it('writes atomically, 0600, over an older 0644 file, leaving no temporary file', async () => {
    const folder = path.join(root, 'atomic');
    const file = path.join(folder, 'job.json');
    await mkdir(folder, { mode: 0o755 });
    await writeFile(file, 'old', { mode: 0o644 });
    await chmod(file, 0o644);
    await writePrivateFile(file, 'new', { durable: true });
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await modeOf(file)).toBe(0o600);
    expect(await modeOf(folder)).toBe(0o700);
    expect(await readdir(folder)).toEqual(['job.json']);
  });

  it('leaves a user-chosen folder as it is and still writes the file 0600', async () => {
    const folder = path.join(root, 'documents');
    await mkdir(folder);
    await chmod(folder, 0o755);
    await writePrivateFile(path.join(folder, 'report.csv'), 'a,b\r\n', { userFolder: true });
    expect(await modeOf(folder)).toBe(0o755);
    expect(await modeOf(path.join(folder, 'report.csv'))).toBe(0o600);
  });

  it('appends to a journal 0600, narrowing one an older version left 0644', async () => {
    const file = path.join(root, 'append', 'journal.jsonl');
    await mkdir(path.dirname(file));
    await writeFile(file, 'one\n', { mode: 0o644 });
    await chmod(file, 0o644);
    const handle = await openPrivateAppend(file);
    await handle.appendFile('two\n');
    await handle.close();
    expect(await readFile(file, 'utf8')).toBe('one\ntwo\n');
    expect(await modeOf(file)).toBe(0o600);
    expect(await modeOf(path.dirname(file))).toBe(0o700);
  });

  it('streams and writes synchronously 0600', async () => {
    const streamed = path.join(root, 'stream', 'results.csv');
    const stream = await openPrivateWriteStream(streamed);
    await new Promise<void>((resolve, reject) => stream.end('x,y\n', () => resolve()).on('error', reject));
    expect(await readFile(streamed, 'utf8')).toBe('x,y\n');
    expect(await modeOf(streamed)).toBe(0o600);
    const sync = path.join(root, 'stream', 'rows.jsonl');
    await writeFile(sync, 'stale', { mode: 0o644 });
    const fd = openPrivateFileSync(sync);
    writeSync(fd, '{}\n');
    closeSync(fd);
    expect(await readFile(sync, 'utf8')).toBe('{}\n');
    expect(await modeOf(sync)).toBe(0o600);
  });
});
