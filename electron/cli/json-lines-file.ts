/**
 * A JSON Lines file written while a check streams: bounded memory, and the file appears only when
 * it is complete.
 *
 * Lines are buffered up to 1 MiB and written synchronously (the engine's row callback is
 * synchronous), into `<file>.partial`, renamed over `<file>` by {@link JsonLinesFile.commit}; a
 * check that ends in a file error commits an empty file instead, so no stale rows are left behind.
 */
import { closeSync, renameSync, rmSync, writeSync } from 'node:fs';
import { openPrivateFileSync } from '../files/private-files';

const flushAt = 1 << 20;

/** Writes one JSON value per line; call {@link commit} or {@link discard} once. */
export class JsonLinesFile {
  private readonly fd: number;
  private readonly partial: string;
  private buffer = '';

  /** Opens `<file>.partial` for writing; throws the file system's error (e.g. ENOENT for a missing folder). */
  constructor(private readonly file: string) {
    this.partial = `${file}.partial`;
    this.fd = openPrivateFileSync(this.partial);
  }

  /** Appends `value` as one line of JSON. */
  write(value: unknown): void {
    this.buffer += `${JSON.stringify(value)}\n`;
    if (this.buffer.length >= flushAt) this.flush();
  }

  /** Finishes the file: `keep` false empties it (the check found nothing sendable). */
  commit(keep = true): void {
    if (keep) this.flush();
    this.buffer = '';
    closeSync(this.fd);
    if (!keep) {
      closeSync(openPrivateFileSync(this.partial));
    }
    renameSync(this.partial, this.file);
  }

  /** Abandons the file (the command failed before finishing). */
  discard(): void {
    closeSync(this.fd);
    rmSync(this.partial, { force: true });
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}
