/**
 * `undo-progress.jsonl` in the job folder (private, 0600): what an undo has started and finished,
 * one fsynced line each, so an undo interrupted at any point — SIGKILL included — resumes without
 * touching a profile twice. A torn last line is ignored.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openPrivateAppend } from '../files/private-files';

/** What undo did to one profile. */
export type UndoResult = 'deleted' | 'restored' | { readonly failed: string };

/** One line of the progress file. */
export type UndoProgressEntry =
  | { readonly t: 'start'; readonly profileId: string; readonly action: 'delete' | 'restore' }
  | { readonly t: 'done'; readonly profileId: string; readonly result: UndoResult };

/** The progress file's name in the job folder. */
export const undoProgressFileName = 'undo-progress.jsonl';

/** Per profile id: whether a change was started, and its result when one was recorded (failures are retried). */
export async function readUndoProgress(
  jobDir: string,
): Promise<Map<string, { started: boolean; result: UndoResult | null }>> {
  const text = await fs.readFile(path.join(jobDir, undoProgressFileName), 'utf8').catch(() => '');
  const progress = new Map<string, { started: boolean; result: UndoResult | null }>();
  for (const line of text.split('\n')) {
    let entry: UndoProgressEntry;
    try {
      entry = JSON.parse(line) as UndoProgressEntry;
    } catch {
      continue; // blank, or the torn last line of a killed run
    }
    const done = entry.t === 'done' && typeof entry.result === 'string' ? entry.result : null;
    progress.set(entry.profileId, {
      started: true,
      result: done ?? progress.get(entry.profileId)?.result ?? null,
    });
  }
  return progress;
}

/** Appends progress lines, each fsynced before the call resolves. */
export class UndoProgressWriter {
  #handle: Promise<fs.FileHandle> | null = null;
  #queue: Promise<void> = Promise.resolve();

  constructor(private readonly jobDir: string) {}

  append(entry: UndoProgressEntry): Promise<void> {
    this.#handle ??= openPrivateAppend(path.join(this.jobDir, undoProgressFileName));
    const handle = this.#handle;
    this.#queue = this.#queue.then(async () => {
      const file = await handle;
      await file.appendFile(`${JSON.stringify(entry)}\n`);
      await file.sync();
    });
    return this.#queue;
  }

  async close(): Promise<void> {
    await this.#queue;
    if (this.#handle) await (await this.#handle).close();
    this.#handle = null;
  }
}
