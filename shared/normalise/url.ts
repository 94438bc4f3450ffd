/**
 * Web addresses for `avatar_url` and URL-typed custom attributes.
 */
import { quoteValue } from './memo';
import { accept, reject, type Normalised } from './result';

/**
 * The WHATWG URL parser, present in every runtime this code runs in (Node, Chromium, Electron).
 *
 * Declared here because shared/ compiles without DOM or Node typings; only the members used.
 */
declare const URL: new (input: string) => {
  readonly protocol: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly href: string;
};

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const LOOKS_LIKE_HOST = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?::\d+)?(?:[/?#]|$)/u;

/**
 * Normalise an absolute `http`/`https` URL, in the WHATWG parser's canonical form.
 *
 * `www.example.com/x` (a dotted host with no scheme) gets `https://` with warning
 * `url-scheme-added`. Other schemes (`javascript:`, `ftp:`), credentials in the URL, hosts without
 * a dot (except `localhost`), spaces and unparseable text → `url-invalid`. Never throws.
 */
export function normaliseUrl(text: string): Normalised<string> {
  const trimmed = text.trim();
  let candidate = trimmed;
  let schemeAdded = false;
  if (!HAS_SCHEME.test(trimmed) || /^[^:/]+\.[^:/]+:\d+/.test(trimmed)) {
    if (!LOOKS_LIKE_HOST.test(trimmed)) return invalid(text, 'it is not a web address');
    candidate = `https://${trimmed}`;
    schemeAdded = true;
  }
  if (/\s/u.test(candidate)) return invalid(text, 'it contains a space');
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(candidate);
  } catch {
    return invalid(text, 'it is not a web address');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return invalid(text, 'only http and https addresses are allowed');
  if (url.username !== '' || url.password !== '') return invalid(text, 'it contains a user name or password');
  if (url.hostname !== 'localhost' && !url.hostname.includes('.'))
    return invalid(text, 'its host has no domain');
  if (!schemeAdded) return accept(url.href);
  return accept(url.href, [{ code: 'url-scheme-added', message: `${quoteValue(text)} read as ${url.href}` }]);
}

function invalid(text: string, why: string): Normalised<string> {
  return reject('url-invalid', `${quoteValue(text)} is not a valid URL: ${why}`);
}
