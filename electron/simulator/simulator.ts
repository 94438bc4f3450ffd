/**
 * The Omneo simulator: a real HTTP server standing in for an Omneo tenant.
 *
 * No real tenant is reachable from development or CI machines, so tests, benchmarks, the app's
 * Sandbox connection and anyone trying the product talk to this instead. It follows
 * ../shared/omneo-api.md (endpoints, envelopes, Laravel-style errors, queued batches) and injects
 * faults on demand, deterministically for a given seed. Plain Node (node:http), no electron.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { allowedHosts, refuseForeignRequest } from '../http/loopback-guard';
import type { AddressInfo } from 'node:net';
import { answerApi, type ApiContext, type SimulatorUser } from './api-routes';
import { DEFAULT_FAULTS, drawFate, RateLimiter, type FaultSettings } from './faults';
import { seededRandom, type Random } from './prng';
import { MALFORMED, readJson, TOO_LARGE } from './http-body';
import { loadStateFile, StateFileWriter } from './state-file';
import { answerTestEndpoint } from './test-endpoints';
import { referenceDataOf, type ReferenceData, type TenantSeed } from './reference-data';
import { TenantStore, type SimBatch, type SimProfile, type SimTag } from './tenant-store';

export type { FaultSettings } from './faults';
export type { SimulatorUser } from './api-routes';
export type { SimBatch, SimBatchItem, SimProfile, SimTag, BatchItemStatus } from './tenant-store';
export type { ReferenceData, TenantSeed } from './reference-data';

/** How to start a simulator. Every field is optional. */
export interface SimulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /**
   * Loopback interface to bind: 127.0.0.1 (default), another 127.x.x.x, `::1` or `localhost`.
   * Anything else is refused — the simulator accepts a well-known token and serves its whole
   * state on /__sim, so it must never be reachable from another machine.
   */
  host?: string;
  /** The accepted bearer token; default 'sandbox-token'. */
  token?: string;
  rateLimitPerMinute?: number | null;
  faultRate?: number;
  latencyMs?: number;
  /** Seed of the fault generator; default 1. */
  seed?: number;
  /** Persist the tenant to this JSON file (loaded on start); null/absent = memory only. */
  dataFile?: string | null;
  /** Delay before a queued batch is processed, ms; default 200. */
  processingDelayMs?: number;
  dropConnectionRate?: number;
  lostResponseRate?: number;
  revokeTokenAfter?: number | null;
  /** Extra users, each with its own token, besides the default sandbox user. */
  users?: readonly (SimulatorUser & { token: string })[];
  /** Serve the test-only endpoints under /__sim; default true. */
  testEndpoints?: boolean;
  /**
   * The tenant a new (or reset) simulator starts with: profiles, tags and reference data (see
   * ./reference-data.ts; lists left out get the demonstration defaults). Ignored when `dataFile`
   * already holds a tenant.
   */
  tenant?: TenantSeed;
  /** Answer `GET /profiles?filter[email][in]=…` (default true); false answers 400. */
  acceptsEmailInFilter?: boolean;
}

/**
 * One line of the request log (the last 20,000 API and health requests; `/__sim` calls are not
 * logged). Never holds the Authorization header.
 */
export interface RequestLogEntry {
  method: string;
  /** Path and query, e.g. /api/v3/profiles?page[number]=2. */
  path: string;
  /** The status answered (or that would have been, for a lost response); null when dropped. */
  status: number | null;
  outcome: 'answered' | 'dropped' | 'lost-response';
  /** ISO 8601 time the request arrived. */
  at: string;
}

/** Everything the simulator holds, as `GET /__sim/state` returns it. */
export interface SimulatorState {
  profiles: SimProfile[];
  batches: SimBatch[];
  tags: SimTag[];
  reference: ReferenceData;
  requests: RequestLogEntry[];
  settings: Omit<FaultSettings, 'token'>;
}

/** A started simulator. */
export interface RunningSimulator {
  /** The API base URL, e.g. http://127.0.0.1:40123/api/v3. */
  readonly baseUrl: string;
  /** The bearer token accepted now. */
  readonly token: string;
  /** Change faults or the token while running (takes effect for the next request). */
  configure(faults: Partial<FaultSettings>): void;
  /** A copy of the whole state. */
  state(): SimulatorState;
  /** Back to the seeded tenant: forget other profiles, batches and requests; re-seed the fault generator. */
  reset(): void;
  /** Resolves when no batch is waiting to be processed. */
  idle(): Promise<void>;
  /** Stop listening, drop open connections and flush the state file. Safe to call twice. */
  close(): Promise<void>;
}

const MAX_LOGGED_REQUESTS = 20_000;
const DEFAULT_USER: SimulatorUser = {
  id: 1,
  name: 'Sandbox Importer',
  email: 'sandbox@example.com',
  roles: [
    'create-profiles',
    'update-profiles',
    'read-profiles',
    'create-imports',
    'read-imports',
    'read-tags',
  ],
};

/**
 * Start a simulator and wait until it listens.
 *
 * Throws when the port cannot be bound or `dataFile` exists but is not a simulator state file.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const settings: FaultSettings = {
    ...DEFAULT_FAULTS,
    ...definedOnly({
      token: options.token,
      rateLimitPerMinute: options.rateLimitPerMinute,
      faultRate: options.faultRate,
      latencyMs: options.latencyMs,
      processingDelayMs: options.processingDelayMs,
      dropConnectionRate: options.dropConnectionRate,
      lostResponseRate: options.lostResponseRate,
      revokeTokenAfter: options.revokeTokenAfter,
      acceptsEmailInFilter: options.acceptsEmailInFilter,
    }),
  };
  const seed = options.seed ?? 1;
  const dataFile = options.dataFile ?? null;
  const extraUsers = new Map((options.users ?? []).map(({ token, ...user }) => [token, user]));
  const seededStore = (): TenantStore => {
    const seeded = new TenantStore();
    seeded.setReference(referenceDataOf(options.tenant ?? {}, new Date().toISOString()));
    seeded.seedTags(options.tenant?.tags ?? []);
    seeded.seedProfiles(options.tenant?.profiles ?? []);
    return seeded;
  };
  const saved = dataFile ? await loadStateFile(dataFile) : null;
  let store = saved ? new TenantStore(saved) : seededStore();
  const writer = dataFile ? new StateFileWriter(dataFile, () => store.snapshot(false)) : null;
  let random: Random = seededRandom(seed);
  let limiter = settings.rateLimitPerMinute ? new RateLimiter(settings.rateLimitPerMinute) : null;
  let authorisedSinceRevokeSet = 0;
  let requests: RequestLogEntry[] = [];
  const timers = new Map<string, NodeJS.Timeout>();
  let idleWaiters: (() => void)[] = [];

  const scheduleBatch = (batchId: string): void => {
    const timer = setTimeout(() => {
      timers.delete(batchId);
      store.processBatch(batchId);
      writer?.requestSave();
      if (timers.size === 0) {
        for (const wake of idleWaiters) wake();
        idleWaiters = [];
      }
    }, settings.processingDelayMs);
    timers.set(batchId, timer);
  };

  const configure = (faults: Partial<FaultSettings>): void => {
    Object.assign(settings, definedOnly(faults));
    if (faults.token !== undefined && !('revokeTokenAfter' in faults)) settings.revokeTokenAfter = null;
    if ('revokeTokenAfter' in faults || faults.token !== undefined) authorisedSinceRevokeSet = 0;
    if ('rateLimitPerMinute' in faults) {
      limiter = settings.rateLimitPerMinute ? new RateLimiter(settings.rateLimitPerMinute) : null;
    }
  };

  const state = (): SimulatorState => {
    const tenant = store.snapshot();
    const { token: _token, ...shown } = settings;
    return {
      profiles: tenant.profiles,
      batches: tenant.batches,
      tags: tenant.tags,
      reference: store.reference(),
      requests: requests.map((entry) => ({ ...entry })),
      settings: shown,
    };
  };

  const reset = (): void => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    store = seededStore();
    requests = [];
    random = seededRandom(seed);
    authorisedSinceRevokeSet = 0;
    limiter = settings.rateLimitPerMinute ? new RateLimiter(settings.rateLimitPerMinute) : null;
    writer?.requestSave();
    for (const wake of idleWaiters) wake();
    idleWaiters = [];
  };

  const userFor = (header: string | undefined): SimulatorUser | null => {
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    const token = match?.[1]?.trim();
    if (!token) return null;
    if (token === settings.token) return DEFAULT_USER;
    return extraUsers.get(token) ?? null;
  };

  let baseUrl = '';
  const apiContext = (): ApiContext => ({
    store,
    settings,
    baseUrl,
    onBatchQueued: (batchId) => {
      scheduleBatch(batchId);
      writer?.requestSave();
    },
    onTenantChanged: () => writer?.requestSave(),
  });

  let hosts: ReadonlySet<string> = new Set(); // Host names to answer (loopback-guard.ts), once bound
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refused = refuseForeignRequest(req, hosts);
    if (refused) return void res.writeHead(refused.status).end(JSON.stringify({ message: refused.message }));
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const method = req.method ?? 'GET';
    const entry: RequestLogEntry = {
      method,
      path: url.pathname + url.search,
      status: null,
      outcome: 'answered',
      at: new Date().toISOString(),
    };
    if (!url.pathname.startsWith('/__sim/')) {
      requests.push(entry);
      if (requests.length > MAX_LOGGED_REQUESTS) requests.splice(0, requests.length - MAX_LOGGED_REQUESTS);
    }
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      entry.status = status;
      if (status === 204) {
        res.writeHead(status, headers);
        res.end();
        return;
      }
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };

    if (url.pathname === '/api/health') return send(200, { status: 'ok' });
    if (url.pathname.startsWith('/__sim/') && options.testEndpoints !== false) {
      const body = await readJson(req);
      const answer = answerTestEndpoint(method, url.pathname, body, { state, configure, reset });
      return send(answer.status, answer.body);
    }
    if (!url.pathname.startsWith('/api/v3/')) return send(404, { message: 'Not Found.' });

    const fate = drawFate(random, settings);
    if (settings.latencyMs > 0) await sleep(settings.latencyMs);
    if (fate.drop) {
      entry.outcome = 'dropped';
      req.socket.destroy();
      return;
    }
    const body = await readJson(req);
    const user = userFor(req.headers.authorization);
    if (!user) return send(401, { message: 'Unauthenticated.' });
    if (settings.revokeTokenAfter !== null) {
      if (authorisedSinceRevokeSet >= settings.revokeTokenAfter)
        return send(401, { message: 'Unauthenticated.' });
      authorisedSinceRevokeSet++;
    }
    const rateHeaders: Record<string, string> = {};
    if (limiter) {
      const decision = limiter.take(req.headers.authorization ?? '', Date.now());
      rateHeaders['X-RateLimit-Limit'] = String(decision.limit);
      rateHeaders['X-RateLimit-Remaining'] = String(decision.remaining);
      if (!decision.allowed) {
        return send(
          429,
          { message: 'Too Many Attempts.' },
          { ...rateHeaders, 'Retry-After': String(decision.retryAfterSeconds) },
        );
      }
    }
    if (fate.serverError !== null)
      return send(fate.serverError, { message: serverErrorText(fate.serverError) });
    if (body === MALFORMED) return send(400, { message: 'The request body is not valid JSON.' });
    if (body === TOO_LARGE) return send(413, { message: 'The request body is too large.' });

    const answer = answerApi(apiContext(), {
      method,
      path: url.pathname.slice('/api/v3'.length),
      query: url.searchParams,
      body,
      user,
    });
    if (answer.acceptedBatchId !== undefined && fate.loseResponse) {
      entry.status = answer.status;
      entry.outcome = 'lost-response';
      req.socket.destroy();
      return;
    }
    send(answer.status, answer.body, rateHeaders);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: `Simulator error: ${(error as Error).message}` }));
      } else {
        res.destroy();
      }
    });
  });
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackAddress(host)) throw new Error(notLoopbackMessage(host));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${hostForUrl}:${address.port}/api/v3`;
  hosts = allowedHosts(address.port, address.address);
  for (const batchId of store.pendingBatchIds()) scheduleBatch(batchId);
  let closing: Promise<void> | null = null;

  return {
    baseUrl,
    get token() {
      return settings.token;
    },
    configure,
    state,
    reset,
    idle: () =>
      timers.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)),
    close: () => (closing ??= shutDown()),
  };

  async function shutDown(): Promise<void> {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    for (const wake of idleWaiters) wake();
    idleWaiters = [];
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await writer?.flush();
  }
}

function serverErrorText(status: 500 | 502 | 503): string {
  return status === 500 ? 'Server Error' : status === 502 ? 'Bad Gateway' : 'Service Unavailable';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** True for addresses that only this machine can reach: 127.x.x.x, ::1 and localhost. */
export function isLoopbackAddress(host: string): boolean {
  const bare = host
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  return (
    bare === 'localhost' ||
    bare === '::1' ||
    bare === '0:0:0:0:0:0:0:1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare)
  );
}

/** Why a host is refused, naming the loopback choices. */
export function notLoopbackMessage(host: string): string {
  return `the simulator binds loopback addresses only (127.0.0.1, ::1 or localhost), not "${host}": it accepts a well-known token and serves its whole state, so it must not be reachable from other machines`;
}
