/**
 * The user's saved Omneo connections (name and base URL) in `connections.json` in the data folder.
 *
 * Tokens are not here: they live in the {@link CredentialVault}. The built-in Sandbox is not here
 * either: it is added by the service layer and cannot be edited or deleted.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writePrivateFile } from '../files/private-files';

/** One saved connection (no token). */
export interface SavedConnection {
  readonly id: string;
  readonly name: string;
  readonly baseUrl: string;
}

/** Saved connections, in the order they were created, plus the one used last. */
export interface ConnectionsStore {
  list(): readonly SavedConnection[];
  get(id: string): SavedConnection | null;
  /** Creates (no id) or updates one; answers the stored connection. */
  save(input: {
    readonly id?: string;
    readonly name: string;
    readonly baseUrl: string;
  }): Promise<SavedConnection>;
  delete(id: string): Promise<boolean>;
  lastUsedId(): string | null;
  setLastUsed(id: string): Promise<void>;
}

const fileSchema = z.object({
  version: z.literal(1),
  connections: z.array(z.object({ id: z.string(), name: z.string(), baseUrl: z.string() })),
  lastUsedId: z.string().nullable(),
});
type ConnectionsFile = z.infer<typeof fileSchema>;

/** The store's file name inside the data folder. */
export const connectionsFileName = 'connections.json';

/** Thrown by `save` for an id that does not exist. */
export class UnknownConnectionError extends Error {
  constructor(id: string) {
    super(`There is no saved connection with id ${id}.`);
    this.name = 'UnknownConnectionError';
  }
}

/** Opens the store in `dataDir`; an unreadable file starts empty rather than stopping the app. */
export async function openConnectionsStore(dataDir: string): Promise<ConnectionsStore> {
  const file = path.join(dataDir, connectionsFileName);
  let state: ConnectionsFile = { version: 1, connections: [], lastUsedId: null };
  try {
    const parsed = fileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) state = parsed.data;
  } catch {
    // No file yet (first start) or not JSON: start empty.
  }

  async function persist(): Promise<void> {
    await writePrivateFile(file, JSON.stringify(state, null, 2));
  }

  return {
    list: () => state.connections,
    get: (id) => state.connections.find((c) => c.id === id) ?? null,
    async save(input) {
      const id = input.id ?? randomUUID();
      const stored: SavedConnection = { id, name: input.name, baseUrl: input.baseUrl };
      const index = state.connections.findIndex((c) => c.id === id);
      if (input.id !== undefined && index < 0) throw new UnknownConnectionError(input.id);
      const connections = [...state.connections];
      if (index < 0) connections.push(stored);
      else connections[index] = stored;
      state = { ...state, connections };
      await persist();
      return stored;
    },
    async delete(id) {
      const connections = state.connections.filter((c) => c.id !== id);
      if (connections.length === state.connections.length) return false;
      state = { ...state, connections, lastUsedId: state.lastUsedId === id ? null : state.lastUsedId };
      await persist();
      return true;
    },
    lastUsedId: () => state.lastUsedId,
    async setLastUsed(id) {
      state = { ...state, lastUsedId: id };
      await persist();
    },
  };
}
