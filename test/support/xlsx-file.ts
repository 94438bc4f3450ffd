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
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
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
}

/** A one-sheet .xlsx whose sheet XML is `spec.rows` (inline strings and numbers need no other parts). */
export function xlsxFile(spec: SheetSpec): Buffer {
  const dimension = spec.dimension ? `<dimension ref="${spec.dimension}"/>` : '';
  const merges = spec.merges?.length
    ? `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${dimension}<sheetData>${spec.rows}</sheetData>${merges}</worksheet>`;
  return zipFile([
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${spec.sheetName ?? 'Customers'}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: sheet,
      ...(spec.declaredSize !== undefined && { declaredSize: spec.declaredSize }),
    },
  ]);
}

/** An inline-string cell. */
export const text = (ref: string, value: string): string =>
  `<c r="${ref}" t="inlineStr"><is><t>${value.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</t></is></c>`;
/** A number cell, its value written as given (`1.23456789012346E+17`). */
export const number = (ref: string, value: string): string => `<c r="${ref}"><v>${value}</v></c>`;
/** A `<row>` of cells. */
export const row = (r: number, ...cells: string[]): string => `<row r="${r}">${cells.join('')}</row>`;
