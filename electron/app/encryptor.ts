/**
 * How the credential vault encrypts tokens, so one vault serves the Electron shell (safeStorage),
 * the browser host (no OS encryption here) and the tests.
 */

/** Where tokens end up: encrypted on disk by the OS, or kept in memory until the app quits. */
export type TokenStorage = 'encrypted' | 'session-only';

/**
 * Encrypts and decrypts tokens with a key the OS keeps (Electron `safeStorage`: DPAPI, Keychain,
 * libsecret/kwallet). `storage` is `session-only` when no real encryption exists; then
 * `encrypt`/`decrypt` are never called and tokens stay in memory.
 */
export interface Encryptor {
  readonly storage: TokenStorage;
  /** Plain words for the user about where tokens go. */
  readonly description: string;
  encrypt(plain: string): Uint8Array;
  decrypt(cipher: Uint8Array): string;
}

/** The encryptor for a runtime with no OS encryption: tokens are kept for this session only. */
export function sessionOnlyEncryptor(why: string): Encryptor {
  return {
    storage: 'session-only',
    description: `${why} Tokens are kept in memory until the app quits and must be entered again next time.`,
    encrypt: () => {
      throw new Error('session-only storage never encrypts');
    },
    decrypt: () => {
      throw new Error('session-only storage never decrypts');
    },
  };
}
