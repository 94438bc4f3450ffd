/**
 * The faults the simulator can inject: rate limiting, 5xx answers, latency, dropped connections,
 * lost responses and a revoked token.
 *
 * Each API request draws its fate from the seeded generator as it arrives, always the same
 * number of draws, so with a given seed the n-th request meets the same fault on every run,
 * whatever faults are switched on. Rate limiting depends on the clock and is the one exception.
 */
import type { Random } from './prng';

/** Fault and behaviour settings that can change while the simulator runs. */
export interface FaultSettings {
  /** Requests allowed per token per minute (token bucket); null = unlimited. */
  rateLimitPerMinute: number | null;
  /** Share (0..1) of API requests answered 500, 502 or 503 without doing anything. */
  faultRate: number;
  /** Delay before each API request is handled, in milliseconds. */
  latencyMs: number;
  /** Share (0..1) of API requests whose socket is destroyed before anything is done. */
  dropConnectionRate: number;
  /** Share (0..1) of accepted batches whose response is dropped after the batch is queued. */
  lostResponseRate: number;
  /** After this many more authenticated requests the token is refused (401); null = never. */
  revokeTokenAfter: number | null;
  /** Time a queued batch waits before it is processed, in milliseconds. */
  processingDelayMs: number;
  /** The accepted bearer token. Setting a new one also lifts a revocation. */
  token: string;
  /**
   * Whether `GET /profiles?filter[email][in]=a,b` is answered (true) or refused with 400 like a
   * tenant whose API does not allow that filter (false), so both look-up paths can be rehearsed.
   */
  acceptsEmailInFilter: boolean;
}

/** The settings a new simulator starts with. */
export const DEFAULT_FAULTS: FaultSettings = {
  rateLimitPerMinute: null,
  faultRate: 0,
  latencyMs: 0,
  dropConnectionRate: 0,
  lostResponseRate: 0,
  revokeTokenAfter: null,
  processingDelayMs: 200,
  token: 'sandbox-token',
  acceptsEmailInFilter: true,
};

/** What will go wrong with one request, drawn when it arrives. */
export interface RequestFate {
  readonly drop: boolean;
  readonly serverError: 500 | 502 | 503 | null;
  readonly loseResponse: boolean;
}

/** Draw one request's fate: exactly four draws from `random`, whatever the settings. */
export function drawFate(random: Random, settings: FaultSettings): RequestFate {
  const drop = random() < settings.dropConnectionRate;
  const fault = random() < settings.faultRate;
  const which = random();
  const lose = random() < settings.lostResponseRate;
  const serverError = fault ? (which < 1 / 3 ? 500 : which < 2 / 3 ? 502 : 503) : null;
  return { drop, serverError, loseResponse: lose };
}

/** The answer of the rate limiter for one request. */
export interface RateDecision {
  readonly allowed: boolean;
  /** For `X-RateLimit-Limit`: requests per minute. */
  readonly limit: number;
  /** For `X-RateLimit-Remaining`: whole requests left in the bucket now. */
  readonly remaining: number;
  /** For `Retry-After` when refused: whole seconds until a request will be allowed (≥ 1). */
  readonly retryAfterSeconds: number;
}

/**
 * A token bucket per bearer token: refills at `perMinute / 60` a second and holds at most one
 * second's worth (at least 1), so the allowed rate is smooth and a client that waits
 * `Retry-After` loses no throughput.
 *
 * Omneo's real limits are undocumented (../shared/omneo-api.md "Errors"); Laravel answers 429 with
 * `Retry-After` in seconds and `X-RateLimit-*` headers, which is what we imitate.
 */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  /** Take one request from `key`'s bucket at time `nowMs` (milliseconds). */
  take(key: string, nowMs: number): RateDecision {
    const ratePerMs = this.perMinute / 60_000;
    const capacity = Math.max(1, Math.ceil(this.perMinute / 60));
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: nowMs };
    bucket.tokens = Math.min(capacity, bucket.tokens + (nowMs - bucket.at) * ratePerMs);
    bucket.at = nowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return {
        allowed: true,
        limit: this.perMinute,
        remaining: Math.floor(bucket.tokens),
        retryAfterSeconds: 0,
      };
    }
    const waitMs = (1 - bucket.tokens) / ratePerMs;
    return {
      allowed: false,
      limit: this.perMinute,
      remaining: 0,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    };
  }
}
