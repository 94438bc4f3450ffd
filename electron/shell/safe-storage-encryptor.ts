/**
 * The credential vault's encryptor in the Electron shell: `safeStorage` (DPAPI on Windows,
 * Keychain on macOS, libsecret/kwallet on Linux).
 *
 * On Linux without a secret store, Electron falls back to the `basic_text` backend, which
 * "encrypts" with a hard-coded password (Electron safeStorage docs) — no protection, so it counts
 * as unavailable and tokens are kept for the session only.
 */
import type { SafeStorage } from 'electron';
import { sessionOnlyEncryptor, type Encryptor } from '../app/encryptor';

/** The safeStorage methods used here (so tests can pass a stand-in). */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString'
> & {
  getSelectedStorageBackend?: SafeStorage['getSelectedStorageBackend'];
};

/** An encryptor over safeStorage, or session-only when the OS offers no real encryption. */
export function safeStorageEncryptor(safeStorage: SafeStorageLike, platform: string): Encryptor {
  if (!safeStorage.isEncryptionAvailable()) {
    return sessionOnlyEncryptor('This computer offers no encryption for saved tokens.');
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return sessionOnlyEncryptor(
      'No secret store (GNOME Keyring, KWallet) is running, so tokens cannot be encrypted.',
    );
  }
  return {
    storage: 'encrypted',
    description: 'Tokens are encrypted by your operating system and stored only on this computer.',
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipher) => safeStorage.decryptString(Buffer.from(cipher)),
  };
}
