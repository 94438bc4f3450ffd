/**
 * Keeps API tokens in main: encrypted on disk (file mode 0600) when the OS can encrypt, otherwise
 * in memory for the session only. Tokens are never returned to the renderer and never logged; the
 * rest of the app asks only `has(id, origin)`, and the API client gets the token from `get`.
 *
 * Each token is bound to the origin (scheme, host and port) it was saved for: `get` answers it only
 * for that origin, so changing a connection's base URL — by the interface, a script in the page or
 * an edited `connections.json` — can never send the token anywhere else.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writePrivateFile } from '../files/private-files';
import type { Encryptor, TokenStorage } from './encryptor';

/** Where tokens are kept for one data folder. */
export interface CredentialVault {
  readonly storage: TokenStorage;
  readonly description: string;
  /** True when a token is kept for the connection and bound to `origin`. */
  has(connectionId: string, origin: string): boolean;
  /** The token, for the API client only; null unless it was saved for `origin`. */
  get(connectionId: string, origin: string): string | null;
  /** Keeps `token` for the connection, to be sent to `origin` only. */
  set(connectionId: string, token: string, origin: string): Promise<void>;
  /**
   * Binds a token saved before tokens carried their origin (an older vault file) to `origin`, the
   * connection's base URL when the app starts. A token that has an origin is left as it is.
   */
  adoptOrigin(connectionId: string, origin: string): Promise<void>;
  delete(connectionId: string): Promise<void>;
}

/** On-disk shape: base64 ciphertexts and the origin each was saved for, by connection id. */
interface VaultFile {
  readonly version: 1;
  readonly tokens: Record<string, string>;
  /** Absent in files written before tokens were bound to an origin. */
  readonly origins?: Record<string, string>;
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
  const origins: Record<string, string> = {};
  const persistent = encryptor.storage === 'encrypted';

  if (persistent) {
    const saved = await readVaultFile(file);
    for (const [id, cipher] of Object.entries(saved?.tokens ?? {})) {
      try {
        tokens.set(id, encryptor.decrypt(Buffer.from(cipher, 'base64')));
        ciphertexts[id] = cipher;
        const origin = saved?.origins?.[id];
        if (typeof origin === 'string') origins[id] = origin;
      } catch {
        // Not decryptable with this OS key: forget it; the user enters the token again.
      }
    }
  }

  async function persist(): Promise<void> {
    if (!persistent) return;
    const body: VaultFile = { version: 1, tokens: ciphertexts, origins };
    await writePrivateFile(file, JSON.stringify(body));
  }

  return {
    storage: encryptor.storage,
    description: encryptor.description,
    has: (id, origin) => tokens.has(id) && origins[id] === origin,
    get: (id, origin) => (origins[id] === origin ? (tokens.get(id) ?? null) : null),
    async set(id, token, origin) {
      tokens.set(id, token);
      origins[id] = origin;
      if (persistent) ciphertexts[id] = Buffer.from(encryptor.encrypt(token)).toString('base64');
      await persist();
    },
    async adoptOrigin(id, origin) {
      if (!tokens.has(id) || origins[id] !== undefined) return;
      origins[id] = origin;
      await persist();
    },
    async delete(id) {
      tokens.delete(id);
      delete ciphertexts[id];
      delete origins[id];
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
    if (parsed.version !== 1 || !parsed.tokens || typeof parsed.tokens !== 'object') return null;
    const origins = parsed.origins && typeof parsed.origins === 'object' ? parsed.origins : {};
    return { version: 1, tokens: parsed.tokens, origins };
  } catch {
    return null;
  }
}
