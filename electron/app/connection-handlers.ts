/**
 * Handlers for `app:info` and `connections:*`: saved connections plus the built-in Sandbox,
 * tokens kept in the vault and reported only as `hasToken` / `tokenStorage`.
 *
 * A token is only ever sent to the origin it was saved for: changing a connection's base URL to
 * another scheme, host or port needs the token again (the vault also answers a token only for its
 * own origin, whatever `connections.json` says).
 */
import { baseUrlOrigin } from '../../shared/ipc/base-url';
import type { OperationOutput } from '../../shared/ipc/contract';
import type { AppContext } from './app-services';
import { testConnection } from './connection-test';
import type { SavedConnection } from './connections-store';
import { OperationFailure, type Handlers } from './handler-registry';
import { tokenFor } from './resolve-connection';
import { sandboxConnectionId, sandboxConnectionName } from './sandbox';

type Connection = OperationOutput<'connections:list'>['connections'][number];

function secureStorage(app: AppContext): OperationOutput<'connections:list'>['secureStorage'] {
  return { tokenStorage: app.vault.storage, message: app.vault.description };
}

function toConnection(app: AppContext, saved: SavedConnection): Connection {
  return {
    id: saved.id,
    kind: 'saved',
    name: saved.name,
    baseUrl: saved.baseUrl,
    hasToken: tokenFor(app, saved) !== null,
    tokenStorage: app.vault.storage,
  };
}

function sandboxConnection(app: AppContext): Connection {
  return {
    id: sandboxConnectionId,
    kind: 'sandbox',
    name: sandboxConnectionName,
    baseUrl: app.sandbox.describeUrl(),
    hasToken: true,
    tokenStorage: 'session-only',
  };
}

/** The handlers of `app:info` and `connections:*`. */
export function createConnectionHandlers(app: AppContext): Handlers {
  return {
    'app:info': () => ({
      productName: app.deps.productName,
      version: app.deps.version,
      runtime: app.deps.runtime,
      platform: app.deps.platform,
      nativeDialogs: app.deps.dialogs !== null,
      secureStorage: secureStorage(app),
      startupFile: app.startupFile() && {
        ref: app.startupFile()?.ref ?? '',
        name: app.startupFile()?.name ?? '',
      },
    }),

    'connections:list': () => {
      const saved = app.connections.list();
      const lastUsed = app.connections.lastUsedId();
      const known = lastUsed === sandboxConnectionId || saved.some((c) => c.id === lastUsed);
      return {
        connections: [...saved.map((c) => toConnection(app, c)), sandboxConnection(app)],
        defaultId: (known ? lastUsed : null) ?? saved[0]?.id ?? sandboxConnectionId,
        secureStorage: secureStorage(app),
      };
    },

    'connections:save': async (input) => {
      if (input.id === sandboxConnectionId) {
        throw new OperationFailure('conflict', 'The Sandbox is built in and cannot be edited.');
      }
      if (input.id !== undefined && !app.connections.get(input.id)) {
        throw new OperationFailure('not-found', 'That connection no longer exists.');
      }
      const name = input.name.trim();
      const taken =
        name.toLowerCase() === sandboxConnectionName.toLowerCase() ||
        app.connections
          .list()
          .some((c) => c.id !== input.id && c.name.trim().toLowerCase() === name.toLowerCase());
      if (taken) {
        throw new OperationFailure(
          'conflict',
          `A connection named "${name}" already exists. Choose another name, or delete that one first.`,
        );
      }
      const origin = baseUrlOrigin(input.baseUrl) ?? '';
      const before = input.id === undefined ? null : app.connections.get(input.id);
      const previousOrigin = before ? baseUrlOrigin(before.baseUrl) : null;
      if (
        before &&
        previousOrigin !== origin &&
        input.token === undefined &&
        tokenFor(app, before) !== null
      ) {
        throw new OperationFailure(
          'conflict',
          `The base URL now points to ${origin} instead of ${previousOrigin ?? 'another address'}. ` +
            'A token is only ever sent to the address it was saved for, so enter the API token ' +
            'again to save this change.',
        );
      }
      const saved = await app.connections.save({ id: input.id, name, baseUrl: input.baseUrl });
      if (input.token !== undefined) await app.vault.set(saved.id, input.token, origin);
      else if (previousOrigin !== origin) await app.vault.delete(saved.id);
      app.events.emit('connections:changed', {});
      return { connection: toConnection(app, saved) };
    },

    'connections:delete': async ({ id }) => {
      if (id === sandboxConnectionId) {
        throw new OperationFailure('conflict', 'The Sandbox is built in and cannot be deleted.');
      }
      const deleted = await app.connections.delete(id);
      await app.vault.delete(id);
      if (deleted) app.events.emit('connections:changed', {});
      return { deleted };
    },

    'connections:test': async (input) => {
      if ('baseUrl' in input) return testDraft(app, input);
      const { id } = input;
      let result: OperationOutput<'connections:test'>;
      if (id === sandboxConnectionId) {
        const { baseUrl, token } = await app.sandbox.ensure();
        result = await testConnection(baseUrl, token);
        app.events.emit('connections:changed', {});
      } else {
        const saved = app.connections.get(id);
        if (!saved) throw new OperationFailure('not-found', 'That connection no longer exists.');
        result = await testConnection(saved.baseUrl, tokenFor(app, saved));
      }
      if (result.kind === 'verified') await app.connections.setLastUsed(id);
      return result;
    },
  };
}

/**
 * Tests settings before they are saved ("Save" tests first): the typed token, else the saved
 * connection's token when the base URL keeps its origin (never sent to another address). Changes
 * nothing, not even the last-used connection.
 */
async function testDraft(
  app: AppContext,
  input: { readonly id?: string | undefined; readonly baseUrl: string; readonly token?: string | undefined },
): Promise<OperationOutput<'connections:test'>> {
  if (input.id === sandboxConnectionId) {
    throw new OperationFailure('conflict', 'The Sandbox is built in and cannot be edited.');
  }
  const saved = input.id === undefined ? null : app.connections.get(input.id);
  if (input.id !== undefined && !saved)
    throw new OperationFailure('not-found', 'That connection no longer exists.');
  const sameOrigin = saved !== null && baseUrlOrigin(saved.baseUrl) === baseUrlOrigin(input.baseUrl);
  const token = input.token ?? (saved && sameOrigin ? tokenFor(app, saved) : null);
  return testConnection(input.baseUrl, token);
}
