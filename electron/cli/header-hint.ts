/**
 * The `--header-row N` hint for a file whose header row maps nothing (title lines above the real
 * header): reads the first rows again and names the line that looks like a header.
 */
import type { CheckReport } from '../../shared/engine/check-report';
import { findHeaderRow, type HintRow } from '../../shared/mapping/header-row-hint';
import type { ReadOptions } from '../../shared/source/source-table';
import { openTable } from '../files/open-table';

/** Rows read looking for a header. */
const rowsToScan = 50;

/**
 * A sentence suggesting `--header-row N`, or null when the mapping maps something, no later row
 * looks like a header, or the file cannot be read. Never throws.
 */
export async function headerRowHint(
  file: string,
  read: ReadOptions,
  report: CheckReport,
): Promise<string | null> {
  if (report.file === null || report.fileError !== null || report.mappingProblems.length === 0) return null;
  if (report.mapping.some((m) => m.target !== null)) return null;
  try {
    const source = await openTable(file, read);
    const rows: HintRow[] = [];
    for await (const chunk of source.rows()) {
      rows.push(...chunk);
      if (rows.length >= rowsToScan) break;
    }
    const line = findHeaderRow(rows.slice(0, rowsToScan));
    if (line === null) return null;
    const where = report.file.format === 'delimited' ? 'line' : 'row';
    return `Nothing maps from the header on ${where} ${report.file.headerRow}, but ${where} ${line} looks like a header: try --header-row ${line}.`;
  } catch {
    return null;
  }
}
