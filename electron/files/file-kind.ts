/**
 * What kind of thing a path names, so a folder, a named pipe or a device given as the input file
 * gets a clear message at once: opening a named pipe (FIFO) blocks until something writes to it,
 * and reading a device such as `/dev/zero` never ends.
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

/** What a path that is not a regular file is, in words: `a folder`, `a named pipe (FIFO)`, … */
export function notAFile(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Why `filePath` cannot be read as a file — `"a named pipe (FIFO), not a file"` — or null for a
 * regular file (symbolic links are followed). Never opens the path, so it never blocks. Throws
 * Node's fs errors (ENOENT, EACCES) as they are.
 */
export async function whyNotAFile(filePath: string): Promise<string | null> {
  const what = notAFile(await stat(filePath));
  return what === null ? null : `it is ${what}, not a file`;
}
