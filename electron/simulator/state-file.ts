/**
 * The simulator's state file: a tenant saved as JSON so it survives a restart.
 *
 * Writes are atomic and private (0600; see `private-files.ts`), so a crash leaves either the
 * old or the new state, never half of one. Saves are coalesced: while one write runs, further
 * requests only mark the state dirty and one more write follows, so a burst of batches costs
 * two writes, not hundreds.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { writePrivateFile } from '../files/private-files';
import type { TenantData } from './tenant-store';

const FORMAT_VERSION = 1;

interface StateFileContent {
  version: number;
  tenant: TenantData;
}

/**
 * Read a state file written by `StateFileWriter`.
 *
 * Returns null when the file does not exist. Throws an Error naming the file when it exists but
 * is not a state file of this version (never silently starts empty over someone's data).
 */
export async function loadStateFile(file: string): Promise<TenantData | null> {
  if (!existsSync(file)) return null;
  const text = await readFile(file, 'utf8');
  let content: Partial<StateFileContent>;
  try {
    content = JSON.parse(text) as Partial<StateFileContent>;
  } catch (error) {
    throw new Error(`${file}: not a simulator state file (${(error as Error).message})`, { cause: error });
  }
  if (content.version !== FORMAT_VERSION || typeof content.tenant !== 'object' || content.tenant === null) {
    throw new Error(`${file}: not a simulator state file of version ${FORMAT_VERSION}`);
  }
  return content.tenant;
}

/**
 * Saves snapshots of a tenant to one file, atomically, coalesced and at most once per
 * `minIntervalMs`.
 *
 * A snapshot is serialised on the event loop, and a Sandbox tenant of 200,000 profiles takes
 * hundreds of milliseconds to stringify; saving after every batch blocked the app's host for
 * seconds during a large import. Requests made while a save waits are folded into it.
 */
export class StateFileWriter {
  private running: Promise<void> | null = null;
  private dirty = false;
  private lastError: Error | null = null;
  private lastSavedAt = 0;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => TenantData,
    private readonly minIntervalMs = 1_000,
  ) {}

  /** Ask for a save; returns at once. A failed write is kept and rethrown by `flush()`. */
  requestSave(): void {
    this.dirty = true;
    if (!this.running) this.running = this.drain();
  }

  /** Wait until every requested save is on disk. Throws the last write error, if any. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.lastError) {
      const error = this.lastError;
      this.lastError = null;
      throw error;
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.dirty) {
        const wait = this.lastSavedAt + this.minIntervalMs - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        this.dirty = false;
        this.lastSavedAt = Date.now();
        const content: StateFileContent = { version: FORMAT_VERSION, tenant: this.snapshot() };
        try {
          await writePrivateFile(this.file, JSON.stringify(content));
        } catch (error) {
          this.lastError = error as Error;
        }
      }
    } finally {
      this.running = null;
    }
  }
}
