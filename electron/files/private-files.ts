/**
 * The one place that decides the file modes of what the importer writes: every file that holds
 * customer data, job settings or credentials is owner-only (0600) in an owner-only folder (0700).
 *
 * The app, the CLI, the browser host and the Sandbox all write through these functions (the
 * journal, `job.json`, the results and errors reports, outcomes, uploads, templates, connections,
 * the token vault, the Sandbox's `tenant.json`), so no caller picks a mode of its own. A file or
 * folder that already exists with wider modes (written by an older version) is narrowed when it is
 * written again. On Windows, POSIX modes do not apply (the user's profile folder is already
 * private); the calls still work there.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, openSync, promises as fs, type WriteStream } from 'node:fs';
import path from 'node:path';

/** Mode of every folder the importer creates for its data: owner only. */
export const privateFolderMode = 0o700;
/** Mode of every file the importer writes that holds customer data, settings or tokens: owner only. */
export const privateFileMode = 0o600;

/**
 * Creates `folder` (and any missing parents, each 0700) and narrows `folder` itself to 0700 when
 * it already existed wider. Parents that already exist (e.g. `~/.local/share`) are not changed.
 */
export async function ensurePrivateFolder(folder: string): Promise<void> {
  await fs.mkdir(folder, { recursive: true, mode: privateFolderMode });
  await fs.chmod(folder, privateFolderMode);
}

/** Options for {@link writePrivateFile}. */
export interface PrivateWriteOptions {
  /** fsync the file and its folder, so the new content survives a crash (for the job's own records). */
  readonly durable?: boolean;
  /**
   * The folder is the user's own choice (a save dialog, `--out`): it must exist and is neither
   * created nor narrowed; only the file is private.
   */
  readonly userFolder?: boolean;
}

/**
 * Replaces `file` atomically with `content` (UTF-8 text or bytes), mode 0600, creating its folder
 * 0700 if missing (unless {@link PrivateWriteOptions.userFolder}).
 *
 * The content goes to a temporary file beside the target (created exclusively, 0600), which is
 * then renamed over it, so a reader or a crash sees the old or the new content, never half.
 * Throws the file system's error (the temporary file is removed first).
 */
export async function writePrivateFile(
  file: string,
  content: string | Uint8Array,
  options: PrivateWriteOptions = {},
): Promise<void> {
  if (!options.userFolder) await ensurePrivateFolder(path.dirname(file));
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await fs.open(temporary, 'wx', privateFileMode);
    try {
      await handle.writeFile(content);
      if (options.durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  if (options.durable) await syncFolder(path.dirname(file));
}

/** Opens `file` with `flags`, created 0600 or narrowed to 0600, in a private folder. */
async function openPrivate(file: string, flags: 'a' | 'w'): Promise<fs.FileHandle> {
  await ensurePrivateFolder(path.dirname(file));
  const handle = await fs.open(file, flags, privateFileMode);
  try {
    await handle.chmod(privateFileMode);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/**
 * Opens `file` for appending (created 0600 if missing, narrowed to 0600 if it existed wider),
 * creating its folder 0700 if missing. The caller closes the handle.
 */
export function openPrivateAppend(file: string): Promise<fs.FileHandle> {
  return openPrivate(file, 'a');
}

/**
 * Opens `file` for writing from the start (truncated; 0600) as a stream, creating its folder 0700
 * if missing. Closing the stream closes the file.
 */
export async function openPrivateWriteStream(file: string): Promise<WriteStream> {
  return (await openPrivate(file, 'w')).createWriteStream({ encoding: 'utf8' });
}

/**
 * Synchronous open of `file` for writing from the start (truncated; 0600), for writers that must
 * not yield (a check's row callback). The folder must exist. Answers a file descriptor the caller
 * closes; throws the file system's error.
 */
export function openPrivateFileSync(file: string): number {
  const fd = openSync(file, 'w', privateFileMode);
  try {
    fchmodSync(fd, privateFileMode);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}

/** fsyncs a folder so a new entry in it survives a crash (a no-op where unsupported). */
export async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await fs.open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open folders; NTFS journals metadata itself.
  }
}
