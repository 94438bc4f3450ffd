/**
 * Streams one XML part of a workbook through saxes, a piece at a time, to element handlers that
 * see local names (`x:row` and `row` alike) and plain attributes.
 *
 * saxes never recurses and never expands entities a DOCTYPE defines (an unknown entity is an
 * error), so a hostile part cannot overflow the stack or blow up into "billion laughs"; elements
 * nested deeper than `fileLimits.maxWorkbookXmlDepth`, and a run of text longer than
 * `fileLimits.maxWorkbookXmlTextChars` (which saxes would gather into one string), stop the read
 * with a file error.
 */
import { SaxesParser } from 'saxes';
import { fileLimits, formatCount } from '../../shared/limits/file-limits';
import { FileErrorException } from '../../shared/source/source-table';
import { fileError } from './file-error';

/** What a part's reader does with its elements. */
export interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  close?(name: string): void;
  text?(text: string): void;
}

const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

/**
 * Feeds `chunks` (a part's text) to `handlers`, yielding after each piece so the caller can hand
 * on what the handlers gathered. Throws FileErrorException `unreadable` naming the file and part
 * for XML that is not well-formed or nested too deep, and what the handlers throw.
 */
export async function* feedXml(
  chunks: AsyncIterable<string> | Iterable<string>,
  handlers: XmlHandlers,
  where: { readonly file: string; readonly part: string },
): AsyncGenerator<void> {
  const parser = new SaxesParser({ position: false });
  let depth = 0;
  let failure: unknown = null;
  parser.on('opentag', (tag) => {
    depth += 1;
    if (depth > fileLimits.maxWorkbookXmlDepth) {
      throw fileError(
        'unreadable',
        `${where.file}: its part ${where.part} nests elements deeper than the ${fileLimits.maxWorkbookXmlDepth} levels a workbook may; it is not a sheet Excel wrote.`,
      );
    }
    handlers.open?.(localName(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on('closetag', (tag) => {
    depth -= 1;
    handlers.close?.(localName(tag.name));
  });
  if (handlers.text) {
    const text = handlers.text.bind(handlers);
    parser.on('text', text);
    parser.on('cdata', text);
  }
  parser.on('error', (error) => {
    failure ??= error;
  });
  const fail = (error: unknown): never => {
    if (error instanceof FileErrorException) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw fileError('unreadable', `${where.file}: its part ${where.part} is not well-formed XML (${why}).`);
  };
  let sinceTag = 0;
  for await (const chunk of chunks) {
    const at = chunk.lastIndexOf('<');
    sinceTag = at === -1 ? sinceTag + chunk.length : chunk.length - at - 1;
    if (sinceTag > fileLimits.maxWorkbookXmlTextChars) {
      throw fileError(
        'unreadable',
        `${where.file}: its part ${where.part} holds more than ${formatCount(fileLimits.maxWorkbookXmlTextChars)} characters in one run between tags, more than a workbook may; it is not a sheet Excel wrote.`,
      );
    }
    try {
      parser.write(chunk);
    } catch (error) {
      fail(error);
    }
    if (failure !== null) fail(failure);
    yield;
  }
  try {
    parser.close();
  } catch (error) {
    fail(error);
  }
  if (failure !== null) fail(failure);
}

/** Reads a whole part through `handlers`. Throws as {@link feedXml}. */
export async function readXml(
  chunks: AsyncIterable<string> | Iterable<string>,
  handlers: XmlHandlers,
  where: { readonly file: string; readonly part: string },
): Promise<void> {
  for await (const _ of feedXml(chunks, handlers, where)) {
    // the handlers keep what they need
  }
}

/** Excel's escape for characters XML 1.0 cannot hold (`_x000D_` for a carriage return). */
const escaped = /_x([0-9A-Fa-f]{4})_/g;

/** A string cell's text with `_xHHHH_` escapes decoded — ECMA-376 Part 1, 22.9.2.19 ST_Xstring. */
export function unescapeXstring(text: string): string {
  return text.includes('_x')
    ? text.replace(escaped, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}
