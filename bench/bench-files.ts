/**
 * Generated bench files: written line by line to a temporary folder (never kept in the repository).
 */
import { createWriteStream } from 'node:fs';

/** Writes a header and `rows` lines through a stream, honouring back-pressure. */
export async function writeLines(
  file: string,
  header: string,
  rows: number,
  line: (i: number) => string,
): Promise<void> {
  const out = createWriteStream(file);
  let buffer = `${header}\n`;
  for (let i = 1; i <= rows; i += 1) {
    buffer += `${line(i)}\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

/** Header of the {@link seedLine} shape. */
export const seedHeader = 'email,first_name,last_name,phone,birthday';

/** The `gen-million-rows.py` shape (same text, generated here so the bench needs no Python). */
export function seedLine(i: number): string {
  const n = String(i).padStart(7, '0');
  return `user${n}@example.com,User,R${n},07700 900${String(i % 1000).padStart(3, '0')},1990-01-01`;
}
