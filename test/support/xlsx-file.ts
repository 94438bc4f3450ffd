/**
 * Writes small .xlsx workbooks from raw sheet XML, for hostile-file tests: SheetJS's writer walks
 * a sheet's whole declared range (a cell at XFD1048576 takes it minutes), and tests need parts
 * no writer produces (a declared range that lies, merged ranges, numbers with lost digits).
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** One part of the ZIP: its name and bytes (or text). */
export interface ZipPart {
  readonly name: string;
  readonly data: Buffer | string;
  /** The uncompressed size written in the ZIP's headers (default: the true size), to write a lying ZIP. */
  readonly declaredSize?: number;
  /** Marks the part encrypted (general purpose flag bit 0), as a password-protected ZIP does. */
  readonly encrypted?: boolean;
}

/** A ZIP archive of `parts`, each deflated. */
export function zipFile(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = typeof part.data === 'string' ? Buffer.from(part.data) : part.data;
    const packed = deflateRawSync(data, { level: 1 });
    const name = Buffer.from(part.name);
    const size = part.declaredSize ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.encrypted ? 1 : 0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(part.encrypted ? 1 : 0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** What goes into a one-sheet workbook. */
export interface SheetSpec {
  /** The `<sheetData>` children: `<row>` elements. */
  readonly rows: string;
  /** The declared `<dimension ref>` (default none). */
  readonly dimension?: string;
  /** Merged ranges, e.g. `['A2:A4']`. */
  readonly merges?: readonly string[];
  readonly sheetName?: string;
  /** The sheet part's declared uncompressed size, to write a lying ZIP. */
  readonly declaredSize?: number;
  /** `hidden` or `veryHidden`. */
  readonly state?: string;
}

/** A workbook of several sheets, with optional shared strings and cell styles. */
export interface BookSpec {
  readonly sheets: readonly SheetSpec[];
  /** The shared strings, in order (`<si>` bodies as XML, e.g. `<t>a</t>`). */
  readonly sharedStrings?: readonly string[];
  /** Number formats of the cell styles (`s="1"` is the second): built-in ids or format codes. */
  readonly styles?: readonly (number | string)[];
  readonly date1904?: boolean;
  readonly activeTab?: number;
}

const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const mainNs = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const attr = (value: string): string =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

function sheetXml(spec: SheetSpec): string {
  const dimension = spec.dimension ? `<dimension ref="${spec.dimension}"/>` : '';
  const merges = spec.merges?.length
    ? `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  return `${xmlHead}<worksheet xmlns="${mainNs}">${dimension}<sheetData>${spec.rows}</sheetData>${merges}</worksheet>`;
}

function stylesXml(formats: readonly (number | string)[]): string {
  const custom = formats.flatMap((f, i) => (typeof f === 'string' ? [[164 + i, f] as const] : []));
  const numFmts = custom.length
    ? `<numFmts count="${custom.length}">${custom.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${attr(code)}"/>`).join('')}</numFmts>`
    : '';
  const xfs = formats.map(
    (f, i) => `<xf numFmtId="${typeof f === 'number' ? f : 164 + i}" applyNumberFormat="1"/>`,
  );
  return `${xmlHead}<styleSheet xmlns="${mainNs}">${numFmts}<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs></styleSheet>`;
}

const officeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** `[Content_Types].xml`: SheetJS finds the parts through it. */
function contentTypes(spec: BookSpec): string {
  const override = (part: string, type: string) =>
    `<Override PartName="${part}" ContentType="${officeType}.${type}+xml"/>`;
  const overrides = [
    override('/xl/workbook.xml', 'sheet.main'),
    ...spec.sheets.map((_, i) => override(`/xl/worksheets/sheet${i + 1}.xml`, 'worksheet')),
    ...(spec.sharedStrings ? [override('/xl/sharedStrings.xml', 'sharedStrings')] : []),
    ...(spec.styles ? [override('/xl/styles.xml', 'styles')] : []),
  ];
  return `${xmlHead}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`;
}

/** An .xlsx of `spec.sheets`, with shared strings and styles when given. */
export function xlsxBook(spec: BookSpec): Buffer {
  const rels = spec.sheets.map(
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${relNs}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  const extra: ZipPart[] = [];
  if (spec.sharedStrings) {
    rels.push(`<Relationship Id="rIdS" Type="${relNs}/sharedStrings" Target="sharedStrings.xml"/>`);
    const items = spec.sharedStrings.map((si) => `<si>${si}</si>`).join('');
    extra.push({
      name: 'xl/sharedStrings.xml',
      data: `${xmlHead}<sst xmlns="${mainNs}" count="${spec.sharedStrings.length}">${items}</sst>`,
    });
  }
  if (spec.styles) {
    rels.push(`<Relationship Id="rIdT" Type="${relNs}/styles" Target="styles.xml"/>`);
    extra.push({ name: 'xl/styles.xml', data: stylesXml(spec.styles) });
  }
  const sheets = spec.sheets.map(
    (sheet, i) =>
      `<sheet name="${attr(sheet.sheetName ?? `Sheet${i + 1}`)}" sheetId="${i + 1}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${i + 1}"/>`,
  );
  const props = spec.date1904 ? '<workbookPr date1904="1"/>' : '';
  const views =
    spec.activeTab !== undefined
      ? `<bookViews><workbookView activeTab="${spec.activeTab}"/></bookViews>`
      : '';
  return zipFile([
    {
      name: '[Content_Types].xml',
      data: contentTypes(spec),
    },
    {
      name: '_rels/.rels',
      data: `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relNs}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `${xmlHead}<workbook xmlns="${mainNs}" xmlns:r="${relNs}">${props}${views}<sheets>${sheets.join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
    },
    ...spec.sheets.map((sheet, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: sheetXml(sheet),
      ...(sheet.declaredSize !== undefined && { declaredSize: sheet.declaredSize }),
    })),
    ...extra,
  ]);
}

/** A one-sheet .xlsx whose sheet XML is `spec.rows` (inline strings and numbers need no other parts). */
export function xlsxFile(spec: SheetSpec): Buffer {
  return xlsxBook({ sheets: [{ ...spec, sheetName: spec.sheetName ?? 'Customers' }] });
}

/** An inline-string cell. */
export const text = (ref: string, value: string): string =>
  `<c r="${ref}" t="inlineStr"><is><t>${value.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</t></is></c>`;
/** A number cell, its value written as given (`1.23456789012346E+17`). */
export const number = (ref: string, value: string): string => `<c r="${ref}"><v>${value}</v></c>`;
/** A `<row>` of cells. */
export const row = (r: number, ...cells: string[]): string => `<row r="${r}">${cells.join('')}</row>`;
/** A shared-string cell pointing at string `index`. */
export const shared = (ref: string, index: number): string => `<c r="${ref}" t="s"><v>${index}</v></c>`;
