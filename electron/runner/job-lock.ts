/**
 * An exclusive lock on one import job, so two processes (two `run --resume`, or the CLI and the
 * app) never send the same job's batches at once.
 *
 * The lock is a file `job.lock` in the job folder, created with O_EXCL (`wx`): creation is atomic,
 * so exactly one opener wins. It holds `{pid, hostname, startedAt}`. A lock left behind by a process
 * that died (SIGKILL, power cut) is stale when its host is this machine and its pid is no longer
 * running; it is then removed and taken. A lock from another host cannot be checked and is never
 * broken: the message says which file to delete once that import is known to be gone.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What a lock file holds. `startedAt` is an ISO time. */
export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
}

/** Another live process holds the job; `owner` is null when the lock file is unreadable. */
export class JobLockedError extends Error {
  constructor(
    message: string,
    readonly owner: LockOwner | null,
  ) {
    super(message);
    this.name = 'JobLockedError';
  }
}

/** The lock file's name inside a job folder. */
export const lockFileName = 'job.lock';

/** A lock file younger than this with unreadable content is being written: treated as held. */
const unreadableGraceMs = 10_000;

/** A held job lock; {@link release} removes the lock file (once). */
export interface JobLock {
  readonly file: string;
  release(): Promise<void>;
}

/**
 * Takes the lock of the job in `directory`, removing a stale one (see the module comment).
 *
 * Throws {@link JobLockedError} naming the holder (pid, host, since when) when a live process, or
 * another host, holds it. Other I/O errors (folder missing, read-only disk) are thrown as they are.
 */
export async function acquireJobLock(directory: string, jobId: string): Promise<JobLock> {
  const file = path.join(directory, lockFileName);
  const mine: LockOwner = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await fs.open(file, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(mine)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      return lockOf(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = await readLock(file);
    if (held === 'gone') continue;
    if (!(await isStale(file, held))) throw lockedError(jobId, file, held);
    // Remove the stale lock; if another opener removed it first, the next `wx` decides.
    await fs.rm(file, { force: true });
  }
  throw lockedError(jobId, file, null);
}

function lockOf(file: string): JobLock {
  let released = false;
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      await fs.rm(file, { force: true });
    },
  };
}

async function readLock(file: string): Promise<LockOwner | null | 'gone'> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return null;
  }
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.hostname === 'string') {
      return { pid: owner.pid, hostname: owner.hostname, startedAt: String(owner.startedAt ?? '?') };
    }
  } catch {
    // torn or empty: decided by age below
  }
  return null;
}

async function isStale(file: string, owner: LockOwner | null): Promise<boolean> {
  if (owner === null) {
    const stat = await fs.stat(file).catch(() => null);
    return stat !== null && Date.now() - stat.mtimeMs > unreadableGraceMs;
  }
  if (owner.hostname !== os.hostname()) return false;
  return !isRunning(owner.pid);
}

/** Whether a process with this pid exists (signal 0 checks without signalling; EPERM = exists). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockedError(jobId: string, file: string, owner: LockOwner | null): JobLockedError {
  const who = owner
    ? `process ${owner.pid} on ${owner.hostname} (since ${owner.startedAt})`
    : 'another process';
  return new JobLockedError(
    `Job ${jobId} is already being sent by ${who}. Wait for it to finish, or stop it first; ` +
      `if you are sure it is gone, delete ${file}.`,
    owner,
  );
}
