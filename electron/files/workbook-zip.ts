/**
 * How big an .xlsx workbook (a ZIP archive) says it is once decompressed, read from the ZIP's
 * central directory before anything is inflated, so a "zip bomb" — a few MB that expand to GBs —
 * is refused with a message instead of freezing the reader (a 2.4 MB workbook froze the host for
 * 50 s at 4.2 GB).
 *
 * Format: PKWARE APPNOTE.TXT 4.3.12 (central directory header) and 4.3.16 (end of central
 * directory record). ZIP64 sizes (0xFFFFFFFF) count as beyond the limit: no sane workbook needs them.
 */
import { fileLimits, formatBytes } from '../../shared/limits/file-limits';
import { fileError } from './file-error';

const endSignature = 0x06054b50;
const centralSignature = 0x02014b50;

/** The sum of the uncompressed sizes in the central directory, or null when it cannot be found. */
export function declaredUnzippedBytes(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (view.getUint32(at, true) === endSignature) {
      end = at;
      break;
    }
  }
  if (end === -1) return null;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== centralSignature) return null;
    const size = view.getUint32(at + 24, true);
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

/**
 * Throws FileErrorException `unreadable` when a workbook's parts add up to more than
 * `fileLimits.maxWorkbookUnzippedBytes` unzipped, naming the file and the limit.
 */
export function checkUnzippedBytes(name: string, declared: number): void {
  if (declared <= fileLimits.maxWorkbookUnzippedBytes) return;
  const size = Number.isFinite(declared) ? formatBytes(declared) : 'more than 4 GB';
  throw fileError(
    'unreadable',
    `${name} expands to ${size} when unzipped, more than the ${formatBytes(fileLimits.maxWorkbookUnzippedBytes)} a workbook may; save the sheet as CSV and import that.`,
  );
}

/** {@link checkUnzippedBytes} for a workbook in memory (the SheetJS reader's), from its ZIP directory. */
export function checkUnzippedSize(name: string, bytes: Uint8Array): void {
  const declared = declaredUnzippedBytes(bytes);
  if (declared !== null) checkUnzippedBytes(name, declared);
}
