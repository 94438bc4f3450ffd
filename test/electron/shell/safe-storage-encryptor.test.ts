import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCredentialVault } from '../../../electron/app/credential-vault';
import { safeStorageEncryptor, type SafeStorageLike } from '../../../electron/shell/safe-storage-encryptor';

/** A stand-in for safeStorage: reversible, clearly not the plain text. */
function fakeSafeStorage(available: boolean, backend: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () =>
      backend as ReturnType<NonNullable<SafeStorageLike['getSelectedStorageBackend']>>,
    encryptString: (plain) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
    decryptString: (cipher) => Buffer.from([...cipher].map((b) => b ^ 0x5a)).toString(),
  };
}

describe('safeStorageEncryptor', () => {
  it.each([
    [false, 'gnome_libsecret', 'linux', 'session-only'],
    [true, 'basic_text', 'linux', 'session-only'],
    [true, 'gnome_libsecret', 'linux', 'encrypted'],
    [true, 'unknown', 'darwin', 'encrypted'],
    [true, 'unknown', 'win32', 'encrypted'],
    [false, 'unknown', 'win32', 'session-only'],
  ])('available=%s backend=%s on %s → %s', (available, backend, platform, storage) => {
    expect(safeStorageEncryptor(fakeSafeStorage(available, backend), platform).storage).toBe(storage);
  });

  it('explains why tokens are session-only on Linux without a secret store', () => {
    expect(safeStorageEncryptor(fakeSafeStorage(true, 'basic_text'), 'linux').description).toMatch(
      /secret store.*until the app quits/s,
    );
  });

  it('lets the vault store tokens only as ciphertext, and read them back', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-safe-'));
    try {
      const encryptor = safeStorageEncryptor(fakeSafeStorage(true, 'gnome_libsecret'), 'linux');
      const vault = await openCredentialVault(dir, encryptor);
      const origin = 'https://api.acme.getomneo.com';
      await vault.set('c1', 'plain-TOKEN-value', origin);
      expect(await readFile(path.join(dir, 'credentials.json'), 'utf8')).not.toContain('plain-TOKEN-value');
      const reopened = await openCredentialVault(dir, encryptor);
      expect(reopened.get('c1', origin)).toBe('plain-TOKEN-value');
      expect(reopened.get('c1', 'https://elsewhere.example')).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
