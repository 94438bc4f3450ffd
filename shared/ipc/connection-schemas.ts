/**
 * Contract schemas for the app and its Omneo connections.
 *
 * A connection is a name, a base URL and an API token. The token goes in (connections:save) and
 * never comes out: outputs only say whether one is set and how it is kept.
 */
import { z } from 'zod';
import { checkBaseUrl } from './base-url';
import { connectionIdSchema } from './common-schemas';

/** How a token is kept: encrypted on disk by the OS (safeStorage), or in memory for this session. */
export const tokenStorageSchema = z.enum(['encrypted', 'session-only']);

/** What the renderer may know about secure storage, so the page can say where tokens go. */
export const secureStorageSchema = z.object({
  tokenStorage: tokenStorageSchema,
  /** Plain words for the user, e.g. "No OS encryption here: tokens are kept until you quit." */
  message: z.string(),
});

/** A connection as the renderer sees it. */
export const connectionSchema = z.object({
  id: connectionIdSchema,
  kind: z.enum(['saved', 'sandbox']),
  name: z.string(),
  baseUrl: z.string(),
  hasToken: z.boolean(),
  tokenStorage: tokenStorageSchema,
});

/** A base URL that passes {@link checkBaseUrl}. */
export const baseUrlSchema = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    const check = checkBaseUrl(value);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
  });

/** An Omneo API token: printable, no whitespace (it goes into an Authorization header). */
export const apiTokenSchema = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'a token is printable characters without spaces');

export const appInfoOutputSchema = z.object({
  productName: z.string(),
  version: z.string(),
  /** Which shell serves the renderer; the UI adapts little else. */
  runtime: z.enum(['electron', 'browser-host']),
  platform: z.string(),
  /** True when main can show native open/save dialogs (Electron); the host uses upload/download. */
  nativeDialogs: z.boolean(),
  secureStorage: secureStorageSchema,
  /** A file main was told to open at start (`--open FILE`), as a ref for file:open. */
  startupFile: z.object({ ref: z.string(), name: z.string() }).nullable(),
});

export const connectionsListOutputSchema = z.object({
  connections: z.array(connectionSchema),
  /** The connection to preselect: the last used, else the first saved, else `sandbox`. */
  defaultId: connectionIdSchema,
  secureStorage: secureStorageSchema,
});

export const connectionsSaveInputSchema = z.strictObject({
  /** Absent to create; an existing id to update. `sandbox` cannot be edited. */
  id: connectionIdSchema.optional(),
  name: z.string().trim().min(1).max(100),
  baseUrl: baseUrlSchema,
  /** Absent on update keeps the stored token. */
  token: apiTokenSchema.optional(),
});

export const connectionsSaveOutputSchema = z.object({ connection: connectionSchema });

export const connectionsDeleteInputSchema = z.strictObject({ id: connectionIdSchema });
export const connectionsDeleteOutputSchema = z.object({ deleted: z.boolean() });

/**
 * Test a saved connection (`id`), or settings not saved yet (`baseUrl` with the token typed; with
 * `id` and no token, the saved token is used only while the base URL keeps its origin — a token
 * is never sent to an address it was not saved for). A draft test changes nothing.
 */
export const connectionsTestInputSchema = z.union([
  z.strictObject({ id: connectionIdSchema }),
  z.strictObject({
    id: connectionIdSchema.optional(),
    baseUrl: baseUrlSchema,
    token: apiTokenSchema.optional(),
  }),
]);

/** Who a token belongs to — `GET /users/me` (omneo-api.md). */
export const omneoUserSchema = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(z.string()),
});

/** The outcome of testing a connection: who the token is, or one clear reason why not. */
export const connectionsTestOutputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('verified'), user: omneoUserSchema }),
  z.object({ kind: z.literal('unauthorised'), status: z.int(), message: z.string() }),
  z.object({ kind: z.literal('unreachable'), message: z.string() }),
  z.object({ kind: z.literal('not-https'), message: z.string() }),
  z.object({ kind: z.literal('no-token'), message: z.string() }),
  z.object({ kind: z.literal('unexpected-response'), status: z.int(), message: z.string() }),
]);
