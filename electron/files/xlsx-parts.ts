/**
 * The workbook-level parts of an .xlsx package, as the streaming reader needs them: the sheets
 * (name, hidden, part), the active tab, the date system, which cell styles show dates, and the
 * shared strings. Part names come from the package's relationships (ECMA-376 Part 2, OPC), with
 * Excel's usual names as fallbacks.
 */
import path from 'node:path';
import type { SheetInfo } from '../../shared/source/source-table';
import { fileLimits, formatBytes, formatCount } from '../../shared/limits/file-limits';
import { builtInFormat, isDateFormat } from './excel-date-format';
import { fileError } from './file-error';
import { readXml, unescapeXstring } from './xlsx-xml';
import type { XlsxZip } from './xlsx-zip';

/** A sheet and the part holding its cells. */
export interface XlsxSheet extends SheetInfo {
  readonly part: string;
}

/** What the workbook part and its relationships say. */
export interface XlsxWorkbook {
  readonly sheets: readonly XlsxSheet[];
  /** The tab Excel shows first (0-based). */
  readonly activeTab: number;
  /** True for the 1904 date system (old Mac workbooks). */
  readonly date1904: boolean;
  readonly sharedStringsPart: string | null;
  readonly stylesPart: string | null;
}

/** Small parts (workbook, relationships, styles) are read whole, up to this size. */
const smallPartBytes = 64 * 1024 * 1024;

interface Relationship {
  readonly type: string;
  readonly target: string;
}

/** The relationships of `part`, targets resolved to part names. */
async function relationships(zip: XlsxZip, part: string, file: string): Promise<Map<string, Relationship>> {
  const folder = path.posix.dirname(part);
  const relsPart = path.posix.join(folder, '_rels', `${path.posix.basename(part)}.rels`);
  const found = new Map<string, Relationship>();
  if (!zip.has(relsPart)) return found;
  const text = await zip.text(relsPart, smallPartBytes);
  await readXml(
    [text],
    {
      open(name, attributes) {
        if (name !== 'Relationship' || attributes.Target === undefined) return;
        const target = attributes.Target.startsWith('/')
          ? attributes.Target.slice(1)
          : path.posix.normalize(path.posix.join(folder, attributes.Target));
        found.set(attributes.Id ?? '', { type: attributes.Type ?? '', target });
      },
    },
    { file, part: relsPart },
  );
  return found;
}

const byType = (rels: Map<string, Relationship>, type: string): string | null =>
  [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target ?? null;

/** The value of an attribute whatever its prefix (`r:id`). */
const prefixed = (attributes: Readonly<Record<string, string>>, local: string): string | undefined =>
  Object.entries(attributes).find(([key]) => key.endsWith(`:${local}`))?.[1];

/**
 * Reads the workbook part; null when the package is not an XML spreadsheet (e.g. an .xlsb or an
 * .ods), for SheetJS to read instead. Throws FileErrorException for damaged parts.
 */
export async function readWorkbookParts(zip: XlsxZip, file: string): Promise<XlsxWorkbook | null> {
  const root = await relationships(zip, '', file);
  const workbookPart = byType(root, 'officeDocument') ?? 'xl/workbook.xml';
  if (!workbookPart.toLowerCase().endsWith('.xml') || !zip.has(workbookPart)) return null;
  const rels = await relationships(zip, workbookPart, file);
  const sheets: XlsxSheet[] = [];
  let activeTab = 0;
  let date1904 = false;
  await readXml(
    zip.chunks(workbookPart),
    {
      open(name, attributes) {
        if (name === 'sheet') {
          const target = rels.get(prefixed(attributes, 'id') ?? '')?.target;
          const state = attributes.state ?? 'visible';
          sheets.push({
            name: attributes.name ?? '',
            hidden: state === 'hidden' || state === 'veryHidden',
            part: target ?? '',
          });
        } else if (name === 'workbookView' && attributes.activeTab !== undefined) {
          activeTab = Number(attributes.activeTab) || 0;
        } else if (name === 'workbookPr') {
          date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
        }
      },
    },
    { file, part: workbookPart },
  );
  return {
    sheets,
    activeTab,
    date1904,
    sharedStringsPart:
      byType(rels, 'sharedStrings') ?? (zip.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null),
    stylesPart: byType(rels, 'styles') ?? (zip.has('xl/styles.xml') ? 'xl/styles.xml' : null),
  };
}

/** For each cell style (`s` on a cell, an index into `cellXfs`): true when it shows a date or time. */
export async function readDateStyles(zip: XlsxZip, part: string | null, file: string): Promise<boolean[]> {
  if (part === null || !zip.has(part)) return [];
  const formats = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  await readXml(
    [await zip.text(part, smallPartBytes)],
    {
      open(name, attributes) {
        if (name === 'numFmt') formats.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) {
          const id = Number(attributes.numFmtId ?? 0);
          styles.push(isDateFormat(formats.get(id) ?? builtInFormat(id) ?? ''));
        }
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    },
    { file, part },
  );
  return styles;
}

/**
 * The shared strings in order: each `<si>`'s text, its rich-text runs joined, phonetic runs
 * (`<rPh>`) left out, as Excel shows the cell. Throws FileErrorException when the part is bigger
 * than `fileLimits.maxSharedStringsBytes`.
 */
export async function readSharedStrings(zip: XlsxZip, part: string | null, file: string): Promise<string[]> {
  if (part === null || !zip.has(part)) return [];
  const strings: string[] = [];
  let text: string | null = null;
  let inT = false;
  let inPhonetic = false;
  if (zip.statedSize(part) > fileLimits.maxSharedStringsBytes) {
    throw fileError(
      'unreadable',
      `${file}: its shared strings take ${formatBytes(zip.statedSize(part))}, more than the ${formatBytes(fileLimits.maxSharedStringsBytes)} a workbook may; save the sheet as CSV and import that.`,
    );
  }
  await readXml(
    zip.chunks(part),
    {
      open(name) {
        if (name === 'si') text = '';
        else if (name === 't' && !inPhonetic) inT = true;
        else if (name === 'rPh') inPhonetic = true;
      },
      close(name) {
        if (name === 't') inT = false;
        else if (name === 'rPh') inPhonetic = false;
        else if (name === 'si') {
          strings.push(unescapeXstring(text ?? ''));
          text = null;
        }
      },
      text(value) {
        if (!inT || text === null) return;
        text += value;
        if (text.length > fileLimits.maxWorkbookXmlTextChars) {
          throw fileError(
            'unreadable',
            `${file}: shared string ${strings.length + 1} holds more than ${formatCount(fileLimits.maxWorkbookXmlTextChars)} characters, far more than the ${formatCount(fileLimits.maxCellChars)} a cell may hold; it is not a sheet Excel wrote.`,
          );
        }
      },
    },
    { file, part },
  );
  return strings;
}

/**
 * The sheet a user would expect: the active tab (`activeTab`, 0-based) if it is visible, else
 * the first visible sheet, else the first sheet. Undefined only for a workbook with no sheets.
 */
export function defaultSheetName(sheets: readonly SheetInfo[], activeTab: number): string | undefined {
  const activeSheet = sheets[activeTab];
  if (activeSheet && !activeSheet.hidden) return activeSheet.name;
  return (sheets.find((s) => !s.hidden) ?? sheets[0])?.name;
}
