/**
 * Reading a request body as JSON, with a size cap.
 *
 * Bad bodies are answered, not thrown: the caller turns `MALFORMED` into 400 and `TOO_LARGE` into
 * 413. Omneo documents no byte limit (../shared/omneo-api.md); 16 MB is far above 500 profiles.
 */
import type { IncomingMessage } from 'node:http';

/** Most bytes a request body may have. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The body was not valid JSON. */
export const MALFORMED = Symbol('malformed JSON');
/** The body was over MAX_BODY_BYTES. */
export const TOO_LARGE = Symbol('body too large');

/** The parsed JSON body, undefined when empty, or one of the two markers above. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return TOO_LARGE;
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return MALFORMED;
  }
}
