/**
 * The input file's rows again, for errors.csv's original columns — only while the file is still
 * the one the job checked (same SHA-256), with the user's edits applied. A file deleted or changed
 * since still gets its reports, from what the job knows, with a note instead of the cells.
 */
import type { SourceRow } from '../../shared/source/source-table';
import { openTable } from '../files/open-table';
import { hashFile } from '../runner/file-hash';
import type { JobSpec } from './job-spec';

/** The file's rows (a fresh read each call), or why they cannot be given. */
export interface JobSource {
  readonly rows: (() => AsyncIterable<readonly SourceRow[]>) | null;
  readonly unavailable: string | null;
}

/** See the module comment. Never throws. */
export async function sourceRowsOf(spec: JobSpec): Promise<JobSource> {
  const file = spec.file.path;
  let sha256: string;
  try {
    sha256 = await hashFile(file);
  } catch {
    return { rows: null, unavailable: `original cells not included: ${spec.file.name} is gone` };
  }
  if (sha256 !== spec.file.sha256) {
    return {
      rows: null,
      unavailable: `original cells not included: ${spec.file.name} changed since the job started`,
    };
  }
  const edits = new Map<number, Map<number, string>>();
  for (const edit of spec.changes.edits) {
    const row = edits.get(edit.line) ?? new Map<number, string>();
    row.set(edit.column, edit.value);
    edits.set(edit.line, row);
  }
  return {
    unavailable: null,
    rows: async function* () {
      let table;
      try {
        table = await openTable(file, spec.read);
      } catch {
        return;
      }
      try {
        for await (const chunk of table.rows()) {
          if (edits.size === 0) {
            yield chunk;
            continue;
          }
          yield chunk.map((row) => {
            const changed = edits.get(row.line);
            if (!changed) return row;
            const cells = [...row.cells];
            for (const [column, value] of changed) {
              while (cells.length < column) cells.push('');
              cells[column] = value;
            }
            return { line: row.line, cells };
          });
        }
      } catch {
        // The file went away mid-read: errors.csv keeps the rows read so far.
      }
    },
  };
}
