/**
 * Decides a file's format from its first bytes, never from its name.
 *
 * Users rename files freely (Excel's "Unicode Text" is saved as `.csv`, workbooks arrive as
 * `.csv`), so the extension is no evidence.
 */
import type { FileFormat } from '../../shared/source/source-table';

/** ZIP local file header `PK\x03\x04`: an Office Open XML workbook (.xlsx, .xlsm). */
const zipMagic = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 / Compound File Binary header: a legacy BIFF workbook (.xls) — [MS-CFB] 2.2. */
const cfbMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Formats we know are not tables, so we can say so instead of showing garbage. */
const otherMagic: readonly { readonly bytes: readonly number[]; readonly what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
];

/** What the first bytes say: a table format, or a known non-table format (`what` names it). */
export type SniffResult =
  { readonly kind: 'table'; readonly format: FileFormat } | { readonly kind: 'other'; readonly what: string };

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((byte, i) => head[i] === byte);
}

/**
 * Sniffs the format from the first bytes of a file (at least 8 are needed for .xls).
 *
 * Anything that is not a ZIP, a CFB or a known binary format is treated as delimited text; the
 * encoding detector then decides whether the text is readable.
 */
export function sniffFormat(head: Uint8Array): SniffResult {
  if (startsWith(head, zipMagic)) return { kind: 'table', format: 'xlsx' };
  if (startsWith(head, cfbMagic)) return { kind: 'table', format: 'xls' };
  const other = otherMagic.find((m) => startsWith(head, m.bytes));
  if (other) return { kind: 'other', what: other.what };
  return { kind: 'table', format: 'delimited' };
}
