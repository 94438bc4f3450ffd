/**
 * "Test connection": `GET /auth/verify`, then `GET /users/me` to say who the token belongs to
 * (omneo-api.md "Connection"), each failure turned into one clear reason for the user.
 */
import type { OperationOutput } from '../../shared/ipc/contract';
import { checkBaseUrl } from '../../shared/ipc/base-url';
import { OmneoClient } from '../omneo/api-client';
import type { ApiFailure } from '../omneo/api-outcome';
import { assertNever } from '../../shared/runner/run-events';

export type ConnectionTestResult = OperationOutput<'connections:test'>;

/** Tests a base URL and token; never throws, and no message holds the token. */
export async function testConnection(
  baseUrl: string,
  token: string | null,
  timeoutMs = 10_000,
): Promise<ConnectionTestResult> {
  const checked = checkBaseUrl(baseUrl);
  if (!checked.ok) {
    return checked.reason === 'not-https'
      ? { kind: 'not-https', message: checked.message }
      : { kind: 'unexpected-response', status: 0, message: checked.message };
  }
  if (token === null || token.trim() === '') {
    return {
      kind: 'no-token',
      message: 'No API token is saved for this connection. Add one and test again.',
    };
  }
  const client = new OmneoClient({ baseUrl: checked.url, token, timeoutMs });
  const verified = await client.verify();
  if (verified.kind !== 'ok') return describeFailure(verified, checked.url);
  const me = await client.me();
  if (me.kind !== 'ok') return describeFailure(me, checked.url);
  const user = me.value;
  return {
    kind: 'verified',
    user: {
      name: user.name ?? null,
      email: user.email ?? null,
      roles: (user.roles ?? []).map(roleName).filter((r): r is string => r !== null),
    },
  };
}

function roleName(role: unknown): string | null {
  if (typeof role === 'string') return role;
  if (role && typeof role === 'object') {
    const { name, handle } = role as { name?: unknown; handle?: unknown };
    if (typeof name === 'string') return name;
    if (typeof handle === 'string') return handle;
  }
  return null;
}

/** The host (and port) of a base URL, for messages: `https://api.x.getomneo.com/api/v3` → `api.x.getomneo.com`. */
function hostOf(baseUrl: string): string {
  return /^[a-z]+:\/\/([^/]+)/i.exec(baseUrl)?.[1] ?? baseUrl;
}

/** Node's network error codes (`ECONNREFUSED`, …) in words; the client's text otherwise. */
const networkReasons: readonly (readonly [RegExp, string])[] = [
  [/ECONNREFUSED/, 'connection refused (nothing is listening there).'],
  [/ENOTFOUND|EAI_AGAIN|EAI_NONAME/, 'the host name was not found (DNS). Check the base URL.'],
  [/ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT/, 'the connection timed out.'],
  [/ECONNRESET|UND_ERR_SOCKET/, 'the connection was closed before an answer.'],
  [/EHOSTUNREACH|ENETUNREACH/, 'the network cannot reach that host.'],
  [/CERT|SSL|TLS|SELF_SIGNED/i, 'its https certificate is not trusted.'],
];

function networkReason(message: string): string {
  for (const [code, words] of networkReasons) if (code.test(message)) return words;
  return message
    .replace(/^[A-Z]+ \S+ failed: /, '')
    .replace(/^fetch failed$/, 'no connection could be made.');
}

function describeFailure(failure: ApiFailure, baseUrl: string): ConnectionTestResult {
  switch (failure.kind) {
    case 'unauthorised':
      return {
        kind: 'unauthorised',
        status: failure.status,
        message:
          failure.status === 401
            ? 'Omneo refused the token (401): it is wrong, expired or revoked. Make a new one in CX Manager → Settings → API Tokens.'
            : 'Omneo accepted the token but it lacks a permission (403). Give it the read-profiles and create-profiles scopes.',
      };
    case 'network-error':
      return {
        kind: 'unreachable',
        message: `Could not reach ${hostOf(baseUrl)}: ${networkReason(failure.message)}`,
      };
    case 'timeout':
      return {
        kind: 'unreachable',
        message: `Could not reach ${hostOf(baseUrl)}: the connection timed out.`,
      };
    case 'aborted':
      return { kind: 'unreachable', message: `The test of ${baseUrl} was stopped.` };
    case 'rate-limited':
      return {
        kind: 'unexpected-response',
        status: 429,
        message: 'Omneo is rate-limiting this token; try again shortly.',
      };
    case 'server-error':
      return {
        kind: 'unexpected-response',
        status: failure.status,
        message: `Omneo answered with an error: ${failure.message}`,
      };
    case 'unexpected':
      return {
        kind: 'unexpected-response',
        status: failure.status ?? 0,
        message: `${baseUrl} did not answer like Omneo (check the base URL ends in /api/v3): ${failure.message}`,
      };
    default:
      return assertNever(failure);
  }
}
