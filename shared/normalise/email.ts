/**
 * Email addresses: the default match key, so they must compare equal however they were typed.
 */
import { quoteValue } from './memo';
import { accept, reject, type Normalised } from './result';

/** Characters allowed in the local part: RFC 5322 atext (WHATWG's "valid email address") plus any letter or digit. */
const LOCAL_PART = /^[\p{L}\p{N}\p{M}.!#$%&'*+/=?^_`{|}~-]+$/u;
/** One DNS label: letters/digits (any script, for internationalised domains) and inner hyphens, at most 63. */
const DOMAIN_LABEL = /^[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$/u;
/** The top-level label: letters only (or an IDNA `xn--` form), at least two. */
const TOP_LEVEL = /^(?:\p{L}[\p{L}\p{M}]+|xn--[a-z0-9-]+)$/u;
/** The common all-ASCII shape, checked in one pass before the detailed checks. */
const PLAIN_ASCII_EMAIL =
  /^[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const INVISIBLE = /[\u0000-\u001f\u007f-\u00a0\u00ad\u200b-\u200f\u2028-\u202f\u2060\ufeff]/u;
const SPACE = /\s/u;

/**
 * Normalise an email address: NFC, lower-cased, checked for a plausible shape.
 *
 * Lower-cases the whole address (Omneo treats emails case-insensitively for matching, and
 * within-file duplicates must be found after normalising). The shape check is the practical one
 * mail forms use (WHATWG "valid email address"), extended to non-ASCII letters, and requires a
 * dotted domain with a top-level label of two or more letters; it rejects spaces, invisible
 * characters, `..`, leading/trailing dots, a local part over 64 or an address over 254 characters
 * (RFC 5321 §4.5.3.1). Invalid → `email-invalid` with a message naming the problem. Never throws.
 */
export function normaliseEmail(text: string): Normalised<string> {
  const lower = text.toLowerCase();
  if (lower.length <= 254 && PLAIN_ASCII_EMAIL.test(lower) && lower.indexOf('@') <= 64) return accept(lower);
  const value = lower.normalize('NFC');
  const problem = emailProblem(value);
  return problem === null
    ? accept(value)
    : reject('email-invalid', `${quoteValue(text)} is not a valid email address: ${problem}`);
}

function emailProblem(value: string): string | null {
  if (value.length === 0) return 'it is empty';
  if (INVISIBLE.test(value)) return 'it contains an invisible character; retype it';
  if (SPACE.test(value)) return 'it contains a space';
  const at = value.lastIndexOf('@');
  if (at < 0) return "it has no '@'";
  if (value.indexOf('@') !== at) return "it has more than one '@'";
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length === 0) return "nothing before the '@'";
  if (domain.length === 0) return "nothing after the '@'";
  if (local.length > 64) return 'the part before the @ is longer than 64 characters';
  if (value.length > 254) return 'it is longer than 254 characters';
  if (!LOCAL_PART.test(local)) return "the part before the '@' has a character not allowed in an address";
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return "misplaced '.' before the '@'";
  const labels = domain.split('.');
  if (labels.length < 2) return `the domain '${domain}' has no '.'`;
  for (const label of labels) {
    if (!DOMAIN_LABEL.test(label)) return `the domain '${domain}' is not a valid domain name`;
  }
  if (!TOP_LEVEL.test(labels[labels.length - 1] ?? ''))
    return `the domain '${domain}' has no valid top-level part`;
  return null;
}
