/**
 * The lookup key for words in a closed vocabulary (genders, profile types, country names).
 */

/**
 * Lower-case, collapse spaces/underscores/hyphens to one space, drop a trailing full stop.
 *
 * So `Non_Binary`, `non-binary` and `NON BINARY` all look up the same table entry.
 */
export function vocabularyKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .replace(/\.$/, '');
}
