/**
 * The Omneo API client: the few calls an import needs, each answer parsed into a typed outcome.
 *
 * Plain Node (built-in fetch), no `electron`, so the app, the CLI and the tests share it. The token
 * lives in a private field and is sent only in the `Authorization` header; every message the client
 * builds is redacted, so no event, error or report can carry it. Endpoints and error shapes follow
 * ../shared/omneo-api.md (auth header and `GET /auth/verify` confirmed in the docs; `GET /batches/{id}`
 * confirmed in omneo-sdk; 429/Retry-After inferred from Laravel). Redirects are followed only within
 * the base URL's origin (see same-origin-fetch.ts).
 */
import type { z } from 'zod';
import { checkBaseUrl } from '../../shared/ipc/base-url';
import {
  batchAcceptedSchema,
  batchStatusSchema,
  currentUserSchema,
  messageSchema,
  validationErrorSchema,
  type BatchStatus,
  type CurrentUser,
} from '../../shared/omneo/api-schemas';
import {
  availabilityAnswerSchema,
  tenantProfileSchema,
  pageSchema,
  profileAnswerSchema,
  referenceItemSchema,
  type Availability,
  type TenantProfile,
  type ReferenceItem,
} from '../../shared/omneo/profile-schemas';
import { parseRetryAfter } from '../../shared/runner/backoff';
import type { ApiFailure, ApiOutcome, BatchPostOutcome } from './api-outcome';
import { redactSecrets } from './redact';
import { fetchWithinOrigin, RedirectRefusedError } from './same-origin-fetch';

/** The body of `POST /profiles/batch` — `{match_criteria, profiles[1..500], import_job_id?}`. */
export interface BatchRequestBody {
  readonly match_criteria: string;
  readonly profiles: readonly unknown[];
  readonly import_job_id?: string;
}

/** How to reach Omneo. */
export interface OmneoClientOptions {
  /** e.g. `https://api.acme.getomneo.com/api/v3`; plain http only for loopback. */
  readonly baseUrl: string;
  readonly token: string;
  /** Per-request timeout in milliseconds (default 30 s). */
  readonly timeoutMs?: number;
}

/** The base URL or token can't be used; thrown by the constructor. Never contains the token. */
export class ApiConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiConfigError';
  }
}

/** Error codes from Node's fetch (undici) meaning the request never left this machine. */
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Talks to one Omneo tenant with one token. */
export class OmneoClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly #token: string;

  /** Throws {@link ApiConfigError} for a base URL that is not https (or loopback http), or an empty token. */
  constructor(options: OmneoClientOptions) {
    const checked = checkBaseUrl(options.baseUrl);
    if (!checked.ok) throw new ApiConfigError(checked.message);
    if (options.token.trim() === '') throw new ApiConfigError('The API token is empty.');
    this.baseUrl = checked.url;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.#token = options.token.trim();
  }

  /** A client for the same tenant with another token (after the user fixed the credentials). */
  withToken(token: string): OmneoClient {
    return new OmneoClient({ baseUrl: this.baseUrl, token, timeoutMs: this.timeoutMs });
  }

  /** Removes the token (and any Bearer credential) from a text. */
  redact(text: string): string {
    return redactSecrets(text, [this.#token]);
  }

  /** Shown instead of the client's fields by JSON.stringify, so the token can't leak that way. */
  toJSON(): { baseUrl: string } {
    return { baseUrl: this.baseUrl };
  }

  /** `GET /auth/verify`: `ok` when the token is accepted (200), `unauthorised` on 401/403. */
  async verify(signal?: AbortSignal): Promise<ApiOutcome<true>> {
    const answer = await this.#request('GET', '/auth/verify', undefined, signal);
    if (answer.kind !== 'response') return answer;
    return answer.status >= 200 && answer.status < 300 ? { kind: 'ok', value: true } : this.#failure(answer);
  }

  /** `GET /users/me`: the token's user (name, email, roles, throttle). */
  async me(signal?: AbortSignal): Promise<ApiOutcome<CurrentUser>> {
    return this.#getParsed('/users/me', currentUserSchema, signal);
  }

  /** `GET /batches/{id}`: status, counts and per-item outcomes of a queued batch. */
  async getBatch(batchId: string, signal?: AbortSignal): Promise<ApiOutcome<BatchStatus>> {
    return this.#getParsed(`/batches/${encodeURIComponent(batchId)}`, batchStatusSchema, signal);
  }

  /**
   * `POST /profiles/batch` (1–500 profiles — Omneo batch docs): `accepted` with its batch_id,
   * `invalid` with the 422 errors by path, or a failure the caller may retry.
   */
  async postBatch(body: BatchRequestBody, signal?: AbortSignal): Promise<BatchPostOutcome> {
    const answer = await this.#request('POST', '/profiles/batch', JSON.stringify(body), signal);
    if (answer.kind !== 'response') return answer;
    if (answer.status >= 200 && answer.status < 300) {
      const parsed = batchAcceptedSchema.safeParse(answer.json);
      return parsed.success
        ? { kind: 'accepted', batchId: parsed.data.batch_id }
        : this.#unexpected(answer.status, `the batch answer has no batch_id: ${answer.text}`);
    }
    if (answer.status === 422) {
      const parsed = validationErrorSchema.safeParse(answer.json);
      if (parsed.success) {
        return {
          kind: 'invalid',
          message: this.redact(parsed.data.message ?? 'The given data was invalid.'),
          errors: Object.fromEntries(
            Object.entries(parsed.data.errors).map(([path, messages]) => [
              path,
              messages.map((m) => this.redact(m)),
            ]),
          ),
        };
      }
    }
    return this.#failure(answer);
  }

  /**
   * `GET /profiles?filter[email][in]=a,b,c&page[size]=100` (≤ 100 emails): the profiles holding any
   * of them. A tenant that does not allow the list filter answers 400 (`unexpected`, status 400).
   */
  async findProfilesByEmails(
    emails: readonly string[],
    signal?: AbortSignal,
  ): Promise<ApiOutcome<TenantProfile[]>> {
    const query = `filter[email][in]=${encodeURIComponent(emails.join(','))}&page[size]=100`;
    const page = await this.#getParsed(`/profiles?${query}`, pageSchema(tenantProfileSchema), signal);
    return page.kind === 'ok' ? { kind: 'ok', value: page.value.data } : page;
  }

  /** `GET /profiles?filter[email]=…` (omneo-sdk `findByEmail`): the profile, or null when none. */
  async findProfileByEmail(email: string, signal?: AbortSignal): Promise<ApiOutcome<TenantProfile | null>> {
    const path = `/profiles?filter[email]=${encodeURIComponent(email)}`;
    const page = await this.#getParsed(path, pageSchema(tenantProfileSchema), signal);
    return page.kind === 'ok' ? { kind: 'ok', value: page.value.data[0] ?? null } : page;
  }

  /**
   * `POST /profiles/search-id {type, id}` (omneo-sdk `findByIdentity`): the profile holding identity
   * `type` (a handle) with identifier `id`, or null on 404.
   */
  async searchProfileId(
    type: string,
    id: string,
    signal?: AbortSignal,
  ): Promise<ApiOutcome<TenantProfile | null>> {
    return this.#profileOrNull('POST', '/profiles/search-id', JSON.stringify({ type, id }), signal);
  }

  /** `GET /profiles/{id}`: the profile, or null on 404. */
  async getProfile(id: string, signal?: AbortSignal): Promise<ApiOutcome<TenantProfile | null>> {
    return this.#profileOrNull('GET', `/profiles/${encodeURIComponent(id)}`, undefined, signal);
  }

  /**
   * `PUT /profiles/{id}` with the fields to set (`null` clears one): the profile after the change,
   * null on 404, or `invalid` with Omneo's 422 errors (e.g. `mobile_phone: ["The phone number exists"]`).
   */
  async updateProfile(
    id: string,
    fields: Readonly<Record<string, unknown>>,
    signal?: AbortSignal,
  ): Promise<ApiOutcome<TenantProfile | null> | Extract<BatchPostOutcome, { kind: 'invalid' }>> {
    const path = `/profiles/${encodeURIComponent(id)}`;
    const answer = await this.#request('PUT', path, JSON.stringify(fields), signal);
    if (answer.kind === 'response' && answer.status === 422) {
      const parsed = validationErrorSchema.safeParse(answer.json);
      if (parsed.success) {
        return {
          kind: 'invalid',
          message: this.redact(parsed.data.message ?? 'The given data was invalid.'),
          errors: parsed.data.errors,
        };
      }
    }
    return this.#profileAnswer(answer, path);
  }

  /** `DELETE /profiles/{id}`: `true` when deleted, `false` when there was no such profile (404). */
  async deleteProfile(id: string, signal?: AbortSignal): Promise<ApiOutcome<boolean>> {
    const answer = await this.#request('DELETE', `/profiles/${encodeURIComponent(id)}`, undefined, signal);
    if (answer.kind !== 'response') return answer;
    if (answer.status === 404) return { kind: 'ok', value: false };
    return answer.status >= 200 && answer.status < 300 ? { kind: 'ok', value: true } : this.#failure(answer);
  }

  /**
   * `POST /profiles/availability {email?, mobile_phone?}` (omneo-sdk `checkAvailability`): the id of
   * the profile holding each value asked about, or null when it is free.
   */
  async checkAvailability(
    values: { readonly email?: string; readonly mobile_phone?: string },
    signal?: AbortSignal,
  ): Promise<ApiOutcome<Availability>> {
    const answer = await this.#request('POST', '/profiles/availability', JSON.stringify(values), signal);
    if (answer.kind !== 'response') return answer;
    if (answer.status < 200 || answer.status >= 300) return this.#failure(answer);
    const parsed = availabilityAnswerSchema.safeParse(answer.json);
    if (!parsed.success)
      return this.#unexpected(answer.status, `unexpected availability answer: ${answer.text}`);
    const holder = (entry: { available: boolean; profile_id?: string | null } | undefined) =>
      entry === undefined ? undefined : entry.available ? null : (entry.profile_id ?? '?');
    const { email, mobile_phone: phone } = parsed.data.data;
    return {
      kind: 'ok',
      value: {
        ...(email !== undefined && { email: holder(email) }),
        ...(phone !== undefined && { mobile_phone: holder(phone) }),
      },
    };
  }

  /** One page (`page[size]=100`, `page[number]` from 1) of a reference list such as `/statuses`. */
  async listPage(
    path: string,
    page: number,
    signal?: AbortSignal,
  ): Promise<ApiOutcome<{ items: ReferenceItem[]; lastPage: number }>> {
    const answer = await this.#getParsed(
      `${path}?page[size]=100&page[number]=${page}`,
      pageSchema(referenceItemSchema),
      signal,
    );
    if (answer.kind !== 'ok') return answer;
    return {
      kind: 'ok',
      value: { items: answer.value.data, lastPage: answer.value.meta?.last_page ?? page },
    };
  }

  async #profileOrNull(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<ApiOutcome<TenantProfile | null>> {
    return this.#profileAnswer(await this.#request(method, path, body, signal), path);
  }

  #profileAnswer(answer: ResponseAnswer | ApiFailure, path: string): ApiOutcome<TenantProfile | null> {
    if (answer.kind !== 'response') return answer;
    if (answer.status === 404) return { kind: 'ok', value: null };
    if (answer.status < 200 || answer.status >= 300) return this.#failure(answer);
    const parsed = profileAnswerSchema.safeParse(answer.json);
    if (!parsed.success)
      return this.#unexpected(answer.status, `unexpected answer from ${path}: ${answer.text}`);
    return { kind: 'ok', value: parsed.data.data };
  }

  async #getParsed<T extends z.ZodType>(
    path: string,
    schema: T,
    signal: AbortSignal | undefined,
  ): Promise<ApiOutcome<z.infer<T>>> {
    const answer = await this.#request('GET', path, undefined, signal);
    if (answer.kind !== 'response') return answer;
    if (answer.status < 200 || answer.status >= 300) return this.#failure(answer);
    const parsed = schema.safeParse(answer.json);
    if (!parsed.success)
      return this.#unexpected(answer.status, `unexpected answer from ${path}: ${answer.text}`);
    return { kind: 'ok', value: parsed.data };
  }

  /** Sends one request; network trouble becomes a typed failure, never an exception. */
  async #request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<ResponseAnswer | ApiFailure> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let sent = false;
    try {
      const response = await fetchWithinOrigin(`${this.baseUrl}${path}`, {
        method,
        body,
        signal: combined,
        headers: {
          Authorization: `Bearer ${this.#token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
      });
      sent = true;
      const text = await response.text();
      let json: unknown = null;
      try {
        json = text === '' ? null : JSON.parse(text);
      } catch {
        json = null;
      }
      return {
        kind: 'response',
        status: response.status,
        headers: response.headers,
        text: this.redact(text.slice(0, 500)),
        json,
      };
    } catch (error) {
      if (signal?.aborted) return { kind: 'aborted', unknownOutcome: body !== undefined };
      if (error instanceof RedirectRefusedError)
        return this.#unexpected(error.status, `${method} ${path}: ${error.message}`);
      if (timeout.aborted) {
        return {
          kind: 'timeout',
          unknownOutcome: true,
          message: `no answer from ${path} within ${this.timeoutMs} ms`,
        };
      }
      const code = errorCode(error);
      return {
        kind: 'network-error',
        unknownOutcome: sent || !notSentCodes.has(code ?? ''),
        message: this.redact(
          `${method} ${path} failed: ${code ?? (error instanceof Error ? error.message : String(error))}`,
        ),
      };
    }
  }

  #failure(answer: ResponseAnswer): ApiFailure {
    const message = this.redact(messageSchema.safeParse(answer.json).data?.message ?? answer.text);
    if (answer.status === 429) {
      return {
        kind: 'rate-limited',
        retryAfterMs: parseRetryAfter(
          answer.headers.get('retry-after'),
          Date.now(),
          answer.headers.get('date'),
        ),
      };
    }
    if (answer.status === 401 || answer.status === 403)
      return { kind: 'unauthorised', status: answer.status, message };
    if (answer.status >= 500 || answer.status === 408)
      return { kind: 'server-error', status: answer.status, message };
    return this.#unexpected(answer.status, message);
  }

  #unexpected(status: number | null, message: string): ApiFailure {
    return { kind: 'unexpected', status, message: this.redact(`HTTP ${status ?? '?'}: ${message}`) };
  }
}

/** A response that arrived, body read. `text` is redacted and cut to 500 characters for messages. */
interface ResponseAnswer {
  readonly kind: 'response';
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

/** The system error code (`ECONNRESET`, `UND_ERR_SOCKET` …) under fetch's "fetch failed" TypeError. */
function errorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
