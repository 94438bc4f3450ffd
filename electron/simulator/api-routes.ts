/**
 * The simulated Omneo endpoints under `/api/v3`, as plain functions from a request to an answer.
 *
 * Authentication, rate limits and faults are applied before these run (see simulator.ts); here
 * is only what each endpoint does. Shapes follow ../shared/omneo-api.md: the `{data: …}`
 * envelope, the paginated list envelope `{data[], links, meta{current_page,last_page,total}}`,
 * and Laravel-style errors.
 */
import { checkBatchRequest } from './batch-rules';
import type { FaultSettings } from './faults';
import { answerProfileRoute, profileRoutePaths } from './profile-routes';
import type { TenantStore } from './tenant-store';

/** A user a bearer token belongs to, as `GET /users/me` shows it. */
export interface SimulatorUser {
  id: number;
  name: string;
  email: string;
  roles: string[];
}

/** What an endpoint answers. `acceptedBatchId` marks a batch that was queued. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly acceptedBatchId?: string;
}

/** What the endpoints need from the running simulator. */
export interface ApiContext {
  readonly store: TenantStore;
  readonly settings: FaultSettings;
  /** Base URL of the API, for pagination links, e.g. http://127.0.0.1:4010/api/v3. */
  readonly baseUrl: string;
  /** Called after a batch is queued, so it gets processed and saved. */
  readonly onBatchQueued: (batchId: string) => void;
  /** Called after a profile was changed or deleted outside a batch, so it gets saved. */
  readonly onTenantChanged: () => void;
}

/** One parsed API request; `path` is relative to /api/v3 (e.g. "/profiles/batch"). */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** The parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
  readonly user: SimulatorUser;
}

const notFound = (message = 'Not Found.'): ApiAnswer => ({ status: 404, body: { message } });
const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;

/** Answer one authenticated API request. Never throws for any input. */
export function answerApi(ctx: ApiContext, request: ApiRequest): ApiAnswer {
  const { method, path } = request;
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /auth/verify':
      return { status: 200, body: { data: { authenticated: true, user: request.user } } };
    case 'GET /users/me':
      return {
        status: 200,
        body: { data: { ...request.user, throttle: ctx.settings.rateLimitPerMinute } },
      };
    case 'POST /profiles/batch':
      return acceptBatch(ctx, request.body);
    case 'POST /profiles/search-id':
      return searchId(ctx, request.body);
    case 'GET /tags':
      return { status: 200, body: paginate(ctx.store.tags(), request.query, `${ctx.baseUrl}/tags`) };
  }
  const profileAnswer = answerProfileRoute(ctx, request, paginate);
  if (profileAnswer) return profileAnswer;
  const batchMatch = /^\/batches\/([^/]+)$/.exec(path);
  if (batchMatch && method === 'GET') {
    const batch = ctx.store.batch(decodeURIComponent(batchMatch[1] ?? ''));
    if (!batch) return notFound('Batch not found.');
    const {
      match_criteria: _matchCriteria,
      created_at: _created,
      processed_at: _processed,
      ...shown
    } = batch;
    return { status: 200, body: { data: shown } };
  }
  const known = [
    '/auth/verify',
    '/users/me',
    '/profiles/batch',
    '/profiles',
    '/profiles/search-id',
    '/tags',
    ...profileRoutePaths,
  ];
  if (known.includes(path) || batchMatch) {
    return { status: 405, body: { message: `The ${method} method is not supported for this route.` } };
  }
  return notFound();
}

function acceptBatch(ctx: ApiContext, body: unknown): ApiAnswer {
  const check = checkBatchRequest(body);
  if (!check.ok) {
    return { status: 422, body: { message: 'The given data was invalid.', errors: check.errors } };
  }
  const batch = ctx.store.queueBatch(check.request);
  ctx.onBatchQueued(batch.id);
  return {
    status: 202,
    body: { data: { message: 'Profiles queued for batch import.', batch_id: batch.id } },
    acceptedBatchId: batch.id,
  };
}

function searchId(ctx: ApiContext, body: unknown): ApiAnswer {
  const { type, id } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors: Record<string, string[]> = {};
  if (typeof type !== 'string' || type === '') errors.type = ['The type field is required.'];
  if (typeof id !== 'string' && typeof id !== 'number') errors.id = ['The id field is required.'];
  if (Object.keys(errors).length > 0) {
    return { status: 422, body: { message: 'The given data was invalid.', errors } };
  }
  const key = String(id);
  const profile =
    type === 'email'
      ? ctx.store.listProfiles(key)[0]
      : type === 'id'
        ? ctx.store.listProfiles().find((p) => String(p.id) === key)
        : ctx.store.findByIdentity(String(type), key);
  return profile ? { status: 200, body: { data: profile } } : notFound('Profile not found.');
}

/**
 * The paginated list envelope: `page[size]` (default 25, at most 100) and `page[number]`
 * (from 1) select a slice; `links` and `meta` follow Laravel's resource collections.
 */
export function paginate<T>(items: readonly T[], query: URLSearchParams, url: string): unknown {
  const wanted = (name: string, fallback: number): number => {
    const value = Number(query.get(name));
    return Number.isInteger(value) && value >= 1 ? value : fallback;
  };
  const size = Math.min(MAX_PAGE_SIZE, wanted('page[size]', DEFAULT_PAGE_SIZE));
  const total = items.length;
  const lastPage = Math.max(1, Math.ceil(total / size));
  const page = wanted('page[number]', 1);
  const start = (page - 1) * size;
  const data = items.slice(start, start + size);
  const link = (n: number): string => {
    const params = new URLSearchParams(query);
    params.set('page[number]', String(n));
    params.set('page[size]', String(size));
    return `${url}?${params.toString()}`;
  };
  return {
    data,
    links: {
      first: link(1),
      last: link(lastPage),
      prev: page > 1 ? link(page - 1) : null,
      next: page < lastPage ? link(page + 1) : null,
    },
    meta: {
      current_page: page,
      last_page: lastPage,
      per_page: size,
      total,
      from: data.length > 0 ? start + 1 : null,
      to: data.length > 0 ? start + data.length : null,
      path: url,
    },
  };
}
