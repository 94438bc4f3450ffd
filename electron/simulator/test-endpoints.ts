/**
 * Test-only endpoints under `/__sim`: read the whole state, change faults, reset.
 *
 * They let a test, a benchmark or a demo in another process look inside the simulator and steer
 * it. They need no token (they are not part of Omneo) and never show the token: the state holds
 * the request log without any Authorization header. Turned off with `testEndpoints: false`.
 */
import { z } from 'zod';
import type { FaultSettings } from './faults';

const share = z.number().min(0).max(1);
const faultSettingsSchema = z.strictObject({
  rateLimitPerMinute: z.number().positive().nullable().optional(),
  faultRate: share.optional(),
  latencyMs: z.number().min(0).optional(),
  dropConnectionRate: share.optional(),
  lostResponseRate: share.optional(),
  revokeTokenAfter: z.int().min(0).nullable().optional(),
  processingDelayMs: z.number().min(0).optional(),
  token: z.string().min(1).optional(),
  acceptsEmailInFilter: z.boolean().optional(),
});

/**
 * Check a partial fault-settings object (from JSON or CLI flags).
 *
 * Returns the settings, or an error message naming each bad field ("faultRate: Too big: …").
 */
export function parseFaultSettings(
  value: unknown,
): { ok: true; settings: Partial<FaultSettings> } | { ok: false; message: string } {
  const parsed = faultSettingsSchema.safeParse(value);
  if (parsed.success) {
    return { ok: true, settings: parsed.data as Partial<FaultSettings> };
  }
  const message = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`)
    .join('; ');
  return { ok: false, message };
}

/** What the test endpoints can do to the running simulator. */
export interface TestEndpointHooks {
  state(): unknown;
  configure(settings: Partial<FaultSettings>): void;
  reset(): void;
}

/** Answer one `/__sim/*` request. `body` is the parsed JSON body (a symbol when malformed). */
export function answerTestEndpoint(
  method: string,
  path: string,
  body: unknown,
  hooks: TestEndpointHooks,
): { status: number; body: unknown } {
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /__sim/state':
      return { status: 200, body: hooks.state() };
    case 'POST /__sim/config': {
      const parsed = parseFaultSettings(body ?? {});
      if (!parsed.ok) return { status: 422, body: { message: parsed.message } };
      hooks.configure(parsed.settings);
      return { status: 200, body: { message: 'Simulator settings changed.' } };
    }
    case 'POST /__sim/reset':
      hooks.reset();
      return { status: 200, body: { message: 'Simulator state cleared.' } };
    default:
      return { status: 404, body: { message: 'Not Found.' } };
  }
}
