/**
 * A real (AES-256-GCM) encryptor with a key held in memory, standing in for the OS key the
 * Electron shell's safeStorage uses, so vault tests exercise encryption on disk.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Encryptor } from '../../../electron/app/encryptor';

/** An encrypting Encryptor; pass the same key to read what an earlier one wrote. */
export function aesTestEncryptor(key: Buffer = randomBytes(32)): Encryptor & { readonly key: Buffer } {
  return {
    key,
    storage: 'encrypted',
    description: 'Tokens are encrypted by the test key.',
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const buffer = Buffer.from(data);
      const decipher = createDecipheriv('aes-256-gcm', key, buffer.subarray(0, 12));
      decipher.setAuthTag(buffer.subarray(12, 28));
      return Buffer.concat([decipher.update(buffer.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
