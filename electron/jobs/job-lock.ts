/**
 * Exclusive locks of the job core: one on each job (two `run --resume`, or the CLI and the app,
 * never send one job's batches at once) and one on each file + connection (two starts of the same
 * file to the same tenant give one job; the other gets a clear conflict).
 *
 * A lock is a file created with O_EXCL (`wx`): creation is atomic, so exactly one opener wins. It
 * holds `{pid, hostname, startedAt, nonce}`. A lock left by a process that died (SIGKILL, power
 * cut) is stale when its host is this machine and its pid no longer runs. Taking a stale lock over
 * is atomic too: the taker first wins a `<lock>.takeover` file (O_EXCL), then checks that the lock
 * still holds the same dead owner's nonce, removes it and creates its own with O_EXCL — so there is
 * no moment where two openers both hold it (a plain remove-then-create lets a slow taker delete the
 * lock a faster one just made). A lock from another host cannot be checked and is never broken.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensurePrivateFolder } from '../files/private-files';

/** What a lock file holds. `startedAt` is an ISO time; `nonce` tells two holders apart. */
export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
  readonly nonce?: string;
}

/** Another live process (or this one) holds the lock; `owner` is null when it is unreadable. */
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

/** A held lock; {@link release} removes the lock file (once, and only if it is still ours). */
export interface JobLock {
  readonly file: string;
  release(): Promise<void>;
}

/**
 * Takes the lock of the job in `directory`, taking over a stale one (see the module comment).
 *
 * Throws {@link JobLockedError} naming the holder (pid, host, since when) when a live process, or
 * another host, holds it. Other I/O errors (folder missing, read-only disk) are thrown as they are.
 */
export function acquireJobLock(directory: string, jobId: string): Promise<JobLock> {
  return acquireLock(path.join(directory, lockFileName), (file, owner) =>
    lockedMessage(`Job ${jobId} is already being sent by`, file, owner),
  );
}

/**
 * Takes the lock of one file + connection under `journalDir`, so only one job sends a file to one
 * tenant at a time. `file` is the input's path, `baseUrl` the connection's. Throws
 * {@link JobLockedError} ("… is already being sent to …") when another start holds it.
 */
export async function acquireSenderLock(journalDir: string, file: string, baseUrl: string): Promise<JobLock> {
  const folder = path.join(journalDir, '.senders');
  await ensurePrivateFolder(folder);
  const key = createHash('sha256')
    .update(`${path.resolve(file)}\n${baseUrl}`)
    .digest('hex')
    .slice(0, 32);
  return acquireLock(path.join(folder, `${key}.lock`), (lockFile, owner) =>
    lockedMessage(`${path.basename(file)} is already being sent to ${baseUrl} by`, lockFile, owner),
  );
}

async function acquireLock(
  file: string,
  message: (file: string, owner: LockOwner | null) => string,
): Promise<JobLock> {
  const mine: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusive(file, mine)) return lockOf(file, mine);
    const held = await readLock(file);
    if (held === 'gone') continue;
    if (!(await isStale(file, held))) throw new JobLockedError(message(file, held), held);
    if (!(await takeOver(file, held, mine))) continue;
    return lockOf(file, mine);
  }
  throw new JobLockedError(message(file, null), null);
}

/** Creates `file` holding `owner` with O_EXCL; false when it already exists. */
async function createExclusive(file: string, owner: LockOwner): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(`${JSON.stringify(owner)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Replaces the stale lock `stale` with `mine`, holding `<file>.takeover` meanwhile; false when
 * another opener is taking it over, or the lock changed since it was read.
 */
async function takeOver(file: string, stale: LockOwner | null, mine: LockOwner): Promise<boolean> {
  const guard = `${file}.takeover`;
  if (!(await createExclusive(guard, mine))) {
    const holder = await readLock(guard);
    // A taker that died mid-takeover leaves its guard behind: clear it, then try again.
    if (holder !== 'gone' && (await isStale(guard, holder))) await fs.rm(guard, { force: true });
    return false;
  }
  try {
    const now = await readLock(file);
    if (now !== 'gone' && !sameOwner(now, stale)) return false;
    await fs.rm(file, { force: true });
    return await createExclusive(file, mine);
  } finally {
    await fs.rm(guard, { force: true });
  }
}

function sameOwner(a: LockOwner | null, b: LockOwner | null): boolean {
  if (a === null || b === null) return a === b;
  return a.pid === b.pid && a.hostname === b.hostname && a.startedAt === b.startedAt && a.nonce === b.nonce;
}

function lockOf(file: string, mine: LockOwner): JobLock {
  let released = false;
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      const now = await readLock(file);
      if (now !== 'gone' && now !== null && !sameOwner(now, mine)) return;
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
      return {
        pid: owner.pid,
        hostname: owner.hostname,
        startedAt: String(owner.startedAt ?? '?'),
        ...(typeof owner.nonce === 'string' && { nonce: owner.nonce }),
      };
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

/**
 * Whether a live process on this machine (or any process on another host) holds the job lock in
 * `directory`; false when there is no lock or its owner died.
 */
export async function isJobLockHeld(directory: string): Promise<boolean> {
  const file = path.join(directory, lockFileName);
  const held = await readLock(file);
  if (held === 'gone') return false;
  return !(await isStale(file, held));
}

function lockedMessage(what: string, file: string, owner: LockOwner | null): string {
  const who = owner
    ? owner.pid === process.pid && owner.hostname === os.hostname()
      ? 'this app (another import of it is running)'
      : `process ${owner.pid} on ${owner.hostname} (since ${owner.startedAt})`
    : 'another process';
  return (
    `${what} ${who}. Wait for it to finish, or stop it first; ` +
    `if you are sure it is gone, delete ${file}.`
  );
}
