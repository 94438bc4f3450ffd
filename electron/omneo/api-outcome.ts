/**
 * What one Omneo API call can come to, as typed values instead of thrown errors.
 *
 * Callers decide what to do from `kind` alone: retry (`rate-limited`, `server-error`,
 * `network-error`, `timeout`, as ../../shared/runner/retry-policy.ts decides), pause
 * (`unauthorised`), drop rows (`invalid`) or give up (`unexpected`). `unknownOutcome` says the request may have reached the server, so a re-send may
 * repeat it — safe for batches, because Omneo upserts on each row's match key.
 */

/** Answers every call can get besides its own success. */
export type ApiFailure =
  /**
   * 429. `retryAfterMs` from `Retry-After`, or null when the server gave none; `message` is set
   * when a retrying caller gave up (../omneo/retrying-call.ts says why, in the policy's words).
   */
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number | null; readonly message?: string }
  /** 401 (bad or revoked token) or 403 (token lacks a scope). */
  | { readonly kind: 'unauthorised'; readonly status: 401 | 403; readonly message: string }
  /** 5xx or 408: worth retrying. */
  | { readonly kind: 'server-error'; readonly status: number; readonly message: string }
  /** The connection failed or dropped. */
  | { readonly kind: 'network-error'; readonly unknownOutcome: boolean; readonly message: string }
  /** No answer within the per-request timeout. */
  | { readonly kind: 'timeout'; readonly unknownOutcome: true; readonly message: string }
  /** The caller's AbortSignal fired; the request may have gone out. */
  | { readonly kind: 'aborted'; readonly unknownOutcome: boolean }
  /** Anything else (404, 400, an unreadable body): not worth retrying. */
  | { readonly kind: 'unexpected'; readonly status: number | null; readonly message: string };

/** A call that returns a value on success. */
export type ApiOutcome<T> = { readonly kind: 'ok'; readonly value: T } | ApiFailure;

/** `POST /profiles/batch`: accepted with a batch id, or rows rejected by validation, or a failure. */
export type BatchPostOutcome =
  | { readonly kind: 'accepted'; readonly batchId: string }
  /** 422: Laravel-style errors keyed by path, e.g. `profiles.3.email` → ["The email must be…"]. */
  | {
      readonly kind: 'invalid';
      readonly message: string;
      readonly errors: Readonly<Record<string, readonly string[]>>;
    }
  | ApiFailure;

/**
 * The sentence a person reads for a failure: its message (after retries, the retry policy's
 * "gave up" sentence), else what its kind means.
 */
export function failureMessage(failure: ApiFailure): string {
  if ('message' in failure && failure.message !== undefined) return failure.message;
  switch (failure.kind) {
    case 'rate-limited':
      return 'Omneo answered 429 Too Many Requests.';
    case 'aborted':
      return 'Cancelled.';
    default:
      return failure.kind;
  }
}
