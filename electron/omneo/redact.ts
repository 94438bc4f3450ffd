/**
 * Keeps API tokens out of anything a user or a log might see.
 *
 * Every message the Omneo client builds passes through {@link redactSecrets}; events, errors and
 * reports are made from those messages, so a token never leaves the client in text.
 */

/** What replaces a secret. */
export const redactedMark = '[redacted]';

/**
 * Replaces every occurrence of each secret, and any `Bearer …` credential, with `[redacted]`.
 *
 * Secrets shorter than 4 characters are ignored (replacing them would mangle ordinary text).
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(redactedMark);
  }
  return out.replace(/(bearer\s+)[^\s"',;]+/gi, `$1${redactedMark}`);
}

/** A copy of request headers safe to print: `Authorization` (any case) is redacted. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      name.toLowerCase() === 'authorization' ? redactedMark : value,
    ]),
  );
}
