/**
 * Keeps API tokens in main: encrypted on disk (file mode 0600) when the OS can encrypt, otherwise
 * in memory for the session only. Tokens are never returned to the renderer and never logged; the
 * rest of the app asks only `has(id)`, and the API client gets the token from `get(id)`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writePrivateFile } from '../files/private-files';
import type { Encryptor, TokenStorage } from './encryptor';

/** Where tokens are kept for one data folder. */
export interface CredentialVault {
  readonly storage: TokenStorage;
  readonly description: string;
  has(connectionId: string): boolean;
  /** The token, for the API client only. */
  get(connectionId: string): string | null;
  set(connectionId: string, token: string): Promise<void>;
  delete(connectionId: string): Promise<void>;
}

/** On-disk shape: base64 ciphertexts by connection id. */
interface VaultFile {
  readonly version: 1;
  readonly tokens: Record<string, string>;
}

/** The vault file's name inside the data folder. */
export const vaultFileName = 'credentials.json';

/**
 * Opens the vault in `dataDir`. With an encrypting `encryptor`, tokens saved earlier are decrypted
 * (an entry that no longer decrypts — another user, a new OS key — is dropped, not fatal); with a
 * session-only one, the file is never read or written.
 */
export async function openCredentialVault(dataDir: string, encryptor: Encryptor): Promise<CredentialVault> {
  const file = path.join(dataDir, vaultFileName);
  const tokens = new Map<string, string>();
  const ciphertexts: Record<string, string> = {};
  const persistent = encryptor.storage === 'encrypted';

  if (persistent) {
    const saved = await readVaultFile(file);
    for (const [id, cipher] of Object.entries(saved?.tokens ?? {})) {
      try {
        tokens.set(id, encryptor.decrypt(Buffer.from(cipher, 'base64')));
        ciphertexts[id] = cipher;
      } catch {
        // Not decryptable with this OS key: forget it; the user enters the token again.
      }
    }
  }

  async function persist(): Promise<void> {
    if (!persistent) return;
    const body: VaultFile = { version: 1, tokens: ciphertexts };
    await writePrivateFile(file, JSON.stringify(body));
  }

  return {
    storage: encryptor.storage,
    description: encryptor.description,
    has: (id) => tokens.has(id),
    get: (id) => tokens.get(id) ?? null,
    async set(id, token) {
      tokens.set(id, token);
      if (persistent) ciphertexts[id] = Buffer.from(encryptor.encrypt(token)).toString('base64');
      await persist();
    },
    async delete(id) {
      tokens.delete(id);
      delete ciphertexts[id];
      await persist();
    },
  };
}

async function readVaultFile(file: string): Promise<VaultFile | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as Partial<VaultFile>;
    return parsed.version === 1 && parsed.tokens && typeof parsed.tokens === 'object'
      ? { version: 1, tokens: parsed.tokens }
      : null;
  } catch {
    return null;
  }
}
