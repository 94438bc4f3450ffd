/**
 * Offering a report main prepared: the browser host answers a same-origin `href` to download;
 * Electron has already saved it through the native dialog.
 */
import type { OperationOutput } from '../../shared/ipc/contract';

type Exported = OperationOutput<'report:export'>;

/** Starts the download when there is one; answers a sentence for the page, or null if cancelled. */
export function offerReport(exported: Exported): string | null {
  switch (exported.kind) {
    case 'download': {
      const link = document.createElement('a');
      link.href = exported.href;
      link.download = exported.name;
      document.body.append(link);
      link.click();
      link.remove();
      return `${exported.name}: ${exported.rows.toLocaleString()} rows, downloading.`;
    }
    case 'saved':
      return `Saved ${exported.name} (${exported.rows.toLocaleString()} rows).`;
    case 'cancelled':
      return null;
    default: {
      const never: never = exported;
      return String(never);
    }
  }
}
