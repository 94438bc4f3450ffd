/**
 * The parts of an .xlsx package (a ZIP archive), read from the file a part at a time through
 * yauzl, inflated as a stream: the archive is never loaded whole and a part is never held whole
 * unless asked for (`text`, for the small ones).
 *
 * A "zip bomb" is refused twice: by the sizes the ZIP's directory states
 * ({@link checkUnzippedBytes}, before inflating anything), and by yauzl checking every part
 * against its stated size as it inflates (`validateEntrySizes`), so a part that lies is an error
 * instead of a flood.
 */
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { fileLimits } from '../../shared/limits/file-limits';
import { FileErrorException } from '../../shared/source/source-table';
import { fileError } from './file-error';
import { checkUnzippedBytes } from './workbook-zip';

/** An open .xlsx package. Close it with {@link XlsxZip.close}. */
export class XlsxZip {
  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: ReadonlyMap<string, Entry>,
    private readonly name: string,
  ) {}

  /**
   * Opens the package at `path` and reads its directory. Throws FileErrorException `unreadable`
   * (not a ZIP, damaged, more parts than `fileLimits.maxWorkbookParts`, or bigger unzipped than
   * `fileLimits.maxWorkbookUnzippedBytes`), naming the file `name`.
   */
  static async open(path: string, name: string): Promise<XlsxZip> {
    const zip = await new Promise<ZipFile>((resolve, reject) =>
      yauzl.open(
        path,
        { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
        (error, file) => (error ? reject(unreadable(name, error)) : resolve(file)),
      ),
    );
    if (zip.entryCount > fileLimits.maxWorkbookParts) {
      zip.close();
      throw fileError(
        'unreadable',
        `${name} holds ${zip.entryCount} parts, more than the ${fileLimits.maxWorkbookParts} a workbook may; save the sheet as CSV and import that.`,
      );
    }
    const entries = new Map<string, Entry>();
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: Entry) => {
        entries.set(entry.fileName.replace(/^\/+/, '').toLowerCase(), entry);
        total += entry.uncompressedSize;
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (error: Error) => reject(unreadable(name, error)));
      zip.readEntry();
    }).catch((error: unknown) => {
      zip.close();
      throw error;
    });
    try {
      checkUnzippedBytes(name, total);
    } catch (error) {
      zip.close();
      throw error;
    }
    return new XlsxZip(zip, entries, name);
  }

  /** True when the package holds the part (names compare without case, as OPC says). */
  has(part: string): boolean {
    return this.entries.has(part.toLowerCase());
  }

  /** A part's size unzipped as the ZIP states it (0 when there is no such part). */
  statedSize(part: string): number {
    return this.entries.get(part.toLowerCase())?.uncompressedSize ?? 0;
  }

  /**
   * A part's text (UTF-8), a piece at a time as it inflates. Throws FileErrorException when the
   * part is missing, encrypted or damaged, or inflates beyond the size the ZIP states.
   */
  async *chunks(part: string): AsyncGenerator<string> {
    const entry = this.entries.get(part.toLowerCase());
    if (entry === undefined) throw fileError('unreadable', `${this.name} has no part ${part}.`);
    if (entry.isEncrypted()) {
      throw fileError('unreadable', `${this.name} is encrypted; save it without a password and try again.`);
    }
    const decoder = new TextDecoder('utf-8');
    try {
      const stream = await new Promise<Readable>((resolve, reject) =>
        this.zip.openReadStream(entry, (error, readable) => (error ? reject(error) : resolve(readable))),
      );
      for await (const chunk of stream) yield decoder.decode(chunk as Buffer, { stream: true });
    } catch (error) {
      throw unreadable(this.name, error);
    }
    yield decoder.decode();
  }

  /** A part's whole text, for the small parts; at most `maxBytes` as the ZIP states it. */
  async text(part: string, maxBytes: number): Promise<string> {
    const entry = this.entries.get(part.toLowerCase());
    if (entry !== undefined && entry.uncompressedSize > maxBytes) {
      throw fileError('unreadable', `${this.name}: its part ${part} is too big to be a workbook's.`);
    }
    let text = '';
    for await (const chunk of this.chunks(part)) text += chunk;
    return text;
  }

  close(): void {
    this.zip.close();
  }
}

/** A ZIP reader's error as a file error naming the file. */
export function unreadable(name: string, error: unknown): Error {
  if (error instanceof FileErrorException) return error;
  const why = error instanceof Error ? error.message : String(error);
  return fileError('unreadable', `${name} could not be read as an Excel workbook (${why}).`);
}
