/**
 * A saved connection (or the built-in Sandbox) as an API client with its token — for main-side
 * code only (the import jobs); the connection handlers use the same token rule.
 */
import { baseUrlOrigin } from '../../shared/ipc/base-url';
import { OmneoClient } from '../omneo/api-client';
import type { AppContext } from './app-services';
import type { SavedConnection } from './connections-store';
import { OperationFailure } from './handler-registry';
import { sandboxConnectionId, sandboxConnectionName } from './sandbox';

/** Where to reach a connection and with which token — for main-side code only (the runner). */
export interface ResolvedConnection {
  readonly id: string;
  readonly name: string;
  readonly client: OmneoClient;
}

/**
 * An API client for a connection (starting the Sandbox if it is the one named).
 *
 * Throws {@link OperationFailure} `not-found` for an unknown id and `conflict` when no token is
 * set (e.g. a session-only token lost at restart).
 */
export async function resolveConnection(app: AppContext, connectionId: string): Promise<ResolvedConnection> {
  if (connectionId === sandboxConnectionId) {
    const { baseUrl, token } = await app.sandbox.ensure();
    return { id: connectionId, name: sandboxConnectionName, client: new OmneoClient({ baseUrl, token }) };
  }
  const saved = app.connections.get(connectionId);
  if (!saved) throw new OperationFailure('not-found', 'That connection no longer exists.');
  const token = tokenFor(app, saved);
  if (token === null) {
    throw new OperationFailure('conflict', `No API token is set for "${saved.name}". Add it and try again.`);
  }
  return { id: saved.id, name: saved.name, client: new OmneoClient({ baseUrl: saved.baseUrl, token }) };
}

/** The connection's token, only if it was saved for the origin of its base URL. */
export function tokenFor(app: AppContext, saved: SavedConnection): string | null {
  const origin = baseUrlOrigin(saved.baseUrl);
  return origin === null ? null : app.vault.get(saved.id, origin);
}
