/**
 * Builds the file errors the readers throw, so every message names the file the same way.
 */
import { FileErrorException, type FileErrorCode } from '../../shared/source/source-table';

/**
 * A {@link FileErrorException} for `code`, with the place when known.
 *
 * `message` should already name the file ("customers.csv line 3, column notes: …") because the
 * UI and the CLI show it as is.
 */
export function fileError(
  code: FileErrorCode,
  message: string,
  line: number | null = null,
  column: string | null = null,
): FileErrorException {
  return new FileErrorException({ code, message, line, column });
}
