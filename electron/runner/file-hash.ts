/**
 * The SHA-256 of an input file, so a resumed job can prove it is reading the same rows.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Streams the file through SHA-256; resolves to lower-case hex. Rejects when the file can't be read. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
