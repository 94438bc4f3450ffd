/**
 * Marks the cells of a record that hold bytes invalid in the file's encoding, so the engine
 * reports them by line and column instead of sending U+FFFD in a customer's name.
 */
import type { CellNote, EncodingLabel } from '../../shared/source/source-table';

/** The code of a cell holding bytes that are not valid in the file's encoding. */
export const invalidBytesCode = 'encoding-invalid-bytes';

/** `UTF-8`, `UTF-16LE`, `Windows-1252`: an encoding as messages print it. */
export function encodingName(encoding: EncodingLabel): string {
  return encoding === 'windows-1252' ? 'Windows-1252' : encoding.toUpperCase();
}

/**
 * The notes for the cells of `cells` that hold U+FFFD, the decoder's stand-in for invalid bytes,
 * or undefined when none does. Call it only for text decoded `lossy` (a U+FFFD in a piece that
 * decoded cleanly was written in the file and is left alone). Cost: one search per cell.
 */
export function invalidByteNotes(
  cells: readonly string[],
  encoding: EncodingLabel,
): readonly CellNote[] | undefined {
  let notes: CellNote[] | undefined;
  for (let column = 0; column < cells.length; column++) {
    const text = cells[column] ?? '';
    if (!text.includes('\ufffd')) continue;
    (notes ??= []).push({
      column,
      text,
      severity: 'error',
      code: invalidBytesCode,
      message: `holds bytes that are not valid ${encodingName(encoding)} (shown as \ufffd), so its text cannot be known; correct the line in the file, or open the file with another encoding`,
    });
  }
  return notes;
}
