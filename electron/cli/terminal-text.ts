/**
 * Text from a file made safe to print on a terminal.
 *
 * A cell, a header, a sheet name or a file name can hold control characters: an ESC sequence
 * (`\x1b]0;…\x07` re-titles the window, `\x1b[2J` clears it), a carriage return that draws over a
 * line, a line break that starts a fake summary line, or a bidirectional override that shows text
 * in another order than it is. Everything the CLI prints passes through here, so such characters
 * are shown as escapes (`\u001b`, `\n`, `\u202e`) instead of acting. The escapes are JSON's, so
 * JSON output stays valid JSON.
 */

/**
 * C0 controls, DEL, C1 controls (`\x9b` is a one-character CSI on some terminals), the line and
 * paragraph separators and the bidirectional embeddings, overrides and isolates.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- as above, without the line break
const unsafeButNewline = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const named: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(ch: string): string {
  const code = ch.charCodeAt(0);
  return named[ch] ?? `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character escaped (`\u001b`, `\n`, `\r`, `\t`, `\u202e`); with
 * `keepNewlines`, line breaks stay (for whole outputs whose lines were each made safe already, and
 * for JSON text, in whose strings `JSON.stringify` leaves DEL, C1 and the bidi controls raw).
 */
export function terminalSafe(text: string, keepNewlines = false): string {
  return text.replace(keepNewlines ? unsafeButNewline : unsafe, escape);
}

/** The erase-line sequence the progress line draws with (carriage return, ANSI EL2). */
export const eraseLine = '\r\x1b[2K';

/**
 * Text for standard error: like {@link terminalSafe} with line breaks kept, except the progress
 * line's own erase-line sequence, which is kept as it is.
 */
export function terminalSafeErr(text: string): string {
  return text
    .split(eraseLine)
    .map((part) => terminalSafe(part, true))
    .join(eraseLine);
}
