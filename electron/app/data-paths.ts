/**
 * Keeps the data folder's paths out of what the interface shows: every string in a reply or an
 * event that names a file under the data folder names it by its display name (its last part: an
 * upload keeps the name the user gave it) instead.
 *
 * Applied once, where replies and events leave main (app-services.ts), so no message built deep in
 * the job core, the file readers or Node's own errors can carry a path to the renderer.
 */
import path from 'node:path';

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A function that rewrites `value` (strings, arrays and plain objects, deeply; anything else as
 * is) so no string contains `dataDir` or a path under it: `<dataDir>/uploads/<id>/people.csv`
 * becomes `people.csv`, the folder itself "the app's data folder".
 */
export function dataPathHider(dataDir: string): <T>(value: T) => T {
  const root = path.resolve(dataDir);
  const pattern = new RegExp(`${escapeForRegExp(root)}((?:[\\\\/][^\\\\/\\n'"]*)*)`, 'g');
  const hideText = (text: string): string =>
    text.includes(root)
      ? text.replace(pattern, (_whole, rest: string) => {
          const last = rest.split(/[\\/]/).pop() ?? '';
          return last === '' ? "the app's data folder" : last;
        })
      : text;
  const hide = (value: unknown): unknown => {
    if (typeof value === 'string') return hideText(value);
    if (Array.isArray(value)) return value.map(hide);
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, hide(inner)]));
    }
    return value;
  };
  return <T>(value: T) => hide(value) as T;
}
