/**
 * Re-importing an `errors.csv` this app wrote: the `'` its writer put before formula-like cells
 * (`'+61 491 570 157`, `'-10% promo`) is removed on reading, so the round trip gives back the
 * original values.
 */
import { isErrorsReportHeader, restoreCsvCell } from '../../shared/report/csv-safety';
import type { TableSource } from './open-table';

/** The same source, its header and cells restored when it is one of our `errors.csv` files. */
export function restoreOwnReport(source: TableSource): TableSource {
  const headers = source.info.columns.map((c) => c.header);
  if (!isErrorsReportHeader(headers)) return source;
  return {
    info: {
      ...source.info,
      columns: source.info.columns.map((c) => ({ ...c, header: restoreCsvCell(c.header) })),
    },
    async *rows() {
      for await (const chunk of source.rows()) {
        yield chunk.map((row) => ({ ...row, cells: row.cells.map(restoreCsvCell) }));
      }
    },
  };
}
