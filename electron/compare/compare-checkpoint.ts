/**
 * A compare's answers kept as they arrive, so an interrupted compare resumes where it stopped.
 *
 * JSON Lines, one answer a line, private (0600): the answers hold customers' current values. A torn
 * last line (the process killed mid-write) is ignored; any other unreadable line is an error naming
 * the file and line, never silently dropped.
 */
import { promises as fs } from 'node:fs';
import type { CompareAnswer } from '../../shared/compare/compare-row';
import { openPrivateAppend } from '../files/private-files';

/** The answers in `file` by line; empty when the file does not exist. */
export async function loadCompareCheckpoint(file: string): Promise<Map<number, CompareAnswer>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  const answers = new Map<number, CompareAnswer>();
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const answer = JSON.parse(line) as CompareAnswer;
      answers.set(answer.line, answer);
    } catch (error) {
      // Only the very last line can be torn (it has no newline after it).
      if (index !== lines.length - 1) {
        throw new Error(`${file}, line ${index + 1}: not a compare answer (${(error as Error).message})`, {
          cause: error,
        });
      }
    }
  });
  return answers;
}

/** Appends answers to a checkpoint file. Call `close()` when done. */
export class CompareCheckpointWriter {
  #handle: Promise<fs.FileHandle> | null = null;
  #queue: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  /** Queue one answer; resolves when it is written. */
  append(answer: CompareAnswer): Promise<void> {
    this.#handle ??= openPrivateAppend(this.file);
    const handle = this.#handle;
    this.#queue = this.#queue.then(async () => {
      await (await handle).appendFile(`${JSON.stringify(answer)}\n`);
    });
    return this.#queue;
  }

  /** Wait for every write and close the file. */
  async close(): Promise<void> {
    await this.#queue;
    if (this.#handle) await (await this.#handle).close();
    this.#handle = null;
  }
}
