/**
 * The simulated profile look-up, change and reference endpoints an import's compare and undo use.
 *
 * - `GET /profiles` with `filter[email]=a` or `filter[email][in]=a,b,c` (the list form is answered
 *   only while the tenant accepts it — `acceptsEmailInFilter`; otherwise 400 as Laravel's query
 *   builder refuses a filter it does not allow), paginated.
 * - `GET /profiles/{id}` → `{data: profile}`; `PUT /profiles/{id}` → `{data: profile}` or 422
 *   (`errors.mobile_phone: ["The phone number exists"]` — the wording the SDK's
 *   `retryMobileSecondary` looks for); `DELETE /profiles/{id}` → 204. 404 for an unknown id.
 * - `POST /profiles/availability {email?, mobile_phone?}` (omneo-sdk `checkAvailability`) →
 *   `{data: {email: {available, profile_id}, mobile_phone: {available, profile_id}}}` for the
 *   fields asked (the answer's shape is inferred: the SDK returns `response.data` untyped).
 * - `GET /statuses`, `/locations`, `/regions`, `/currencies`, `/countries`, `/identities/handles`,
 *   paginated like every list (../shared/omneo-api.md).
 */
import { checkProfileUpdate } from './batch-rules';
import type { ApiAnswer, ApiContext, ApiRequest } from './api-routes';
import type { ReferenceData } from './reference-data';

/** Most emails one `filter[email][in]` takes (inferred; a URL stays well under 8 KB). */
export const MAX_EMAILS_PER_FILTER = 100;

const referenceLists: Record<string, keyof ReferenceData> = {
  '/statuses': 'statuses',
  '/locations': 'locations',
  '/regions': 'regions',
  '/currencies': 'currencies',
  '/countries': 'countries',
  '/identities/handles': 'identityHandles',
};

/** Paths this module answers (any method), for 405 answers. */
export const profileRoutePaths = ['/profiles/availability', ...Object.keys(referenceLists)];

type Paginate = (items: readonly unknown[], query: URLSearchParams, url: string) => unknown;

const invalid = (errors: Record<string, string[]>): ApiAnswer => ({
  status: 422,
  body: { message: 'The given data was invalid.', errors },
});

/** Answer a profile or reference request, or undefined when the route is not one of these. */
export function answerProfileRoute(
  ctx: ApiContext,
  request: ApiRequest,
  paginate: Paginate,
): ApiAnswer | undefined {
  const { method, path, query } = request;
  if (method === 'GET' && path === '/profiles') return listProfiles(ctx, query, paginate);
  if (method === 'POST' && path === '/profiles/availability') return availability(ctx, request.body);
  const list = referenceLists[path];
  if (method === 'GET' && list) {
    const items = ctx.store.reference()[list];
    return { status: 200, body: paginate(items, query, `${ctx.baseUrl}${path}`) };
  }
  const byId = /^\/profiles\/(\d+)$/.exec(path);
  if (!byId) return undefined;
  const id = Number(byId[1]);
  const missing: ApiAnswer = { status: 404, body: { message: 'Profile not found.' } };
  switch (method) {
    case 'GET': {
      const profile = ctx.store.profile(id);
      return profile ? { status: 200, body: { data: profile } } : missing;
    }
    case 'PUT': {
      const checked = checkProfileUpdate(request.body);
      if (!checked.ok) return invalid(checked.errors);
      const result = ctx.store.updateProfile(id, checked.update);
      if (result.kind === 'missing') return missing;
      if (result.kind === 'conflict') return invalid({ [conflictField(result.message)]: [result.message] });
      ctx.onTenantChanged();
      return { status: 200, body: { data: result.profile } };
    }
    case 'DELETE':
      if (!ctx.store.deleteProfile(id)) return missing;
      ctx.onTenantChanged();
      return { status: 204, body: null };
    default:
      return { status: 405, body: { message: `The ${method} method is not supported for this route.` } };
  }
}

function listProfiles(ctx: ApiContext, query: URLSearchParams, paginate: Paginate): ApiAnswer {
  const single = query.get('filter[email]');
  const many = query.get('filter[email][in]');
  if (many !== null && !ctx.settings.acceptsEmailInFilter) {
    return { status: 400, body: { message: 'Requested filter(s) `email.in` are not allowed.' } };
  }
  let emails: string[] | undefined;
  if (many !== null) {
    emails = many
      .split(',')
      .map((email) => email.trim())
      .filter((email) => email !== '');
    if (emails.length > MAX_EMAILS_PER_FILTER) {
      return invalid({
        'filter.email.in': [`The filter.email.in may not have more than ${MAX_EMAILS_PER_FILTER} items.`],
      });
    }
  } else if (single !== null) emails = [single];
  const profiles = ctx.store.listProfiles(emails);
  return { status: 200, body: paginate(profiles, query, `${ctx.baseUrl}/profiles`) };
}

function availability(ctx: ApiContext, body: unknown): ApiAnswer {
  const { email, mobile_phone: phone } = (typeof body === 'object' && body !== null ? body : {}) as Record<
    string,
    unknown
  >;
  const errors: Record<string, string[]> = {};
  if (email !== undefined && typeof email !== 'string') errors.email = ['The email must be a string.'];
  if (phone !== undefined && typeof phone !== 'string') {
    errors.mobile_phone = ['The mobile phone must be a string.'];
  }
  if (email === undefined && phone === undefined) {
    errors.email = ['The email field is required when mobile phone is not present.'];
  }
  if (Object.keys(errors).length > 0) return invalid(errors);
  const holders = ctx.store.holders(email as string | undefined, phone as string | undefined);
  const answer = (id: number | undefined) => ({ available: id === undefined, profile_id: id ?? null });
  return {
    status: 200,
    body: {
      data: {
        ...('email' in holders && { email: answer(holders.email) }),
        ...('mobile_phone' in holders && { mobile_phone: answer(holders.mobile_phone) }),
      },
    },
  };
}

function conflictField(message: string): string {
  if (message.startsWith('The phone')) return 'mobile_phone';
  if (message.startsWith('The identity')) return 'identities';
  return 'email';
}
