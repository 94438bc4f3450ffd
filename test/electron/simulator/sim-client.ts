/* eslint-disable @typescript-eslint/no-explicit-any -- answers are arbitrary JSON that each test inspects */
/**
 * A tiny fetch-based client for the simulator tests: real HTTP over loopback, no mocks.
 */
import type { RunningSimulator } from '../../../electron/simulator/simulator';

/** One answer: status, headers and the parsed JSON body (undefined when not JSON). */
export interface SimAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** Call the simulator's API at `path` (relative to /api/v3) with its token unless `token` is given. */
export async function call(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = sim.token,
): Promise<SimAnswer> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${sim.baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** Poll `GET /batches/{id}` until the batch leaves `pending`; fails after `timeoutMs`. */
export async function settledBatch(sim: RunningSimulator, batchId: string, timeoutMs = 5000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await call(sim, 'GET', `/batches/${batchId}`);
    if (answer.status === 200 && answer.body.data.status !== 'pending') return answer.body.data;
    if (Date.now() > deadline) throw new Error(`batch ${batchId} still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Send one batch and wait for its outcome. */
export async function sendAndSettle(
  sim: RunningSimulator,
  matchCriteria: string,
  profiles: unknown[],
): Promise<any> {
  const answer = await call(sim, 'POST', '/profiles/batch', { match_criteria: matchCriteria, profiles });
  if (answer.status !== 202)
    throw new Error(`batch refused: ${answer.status} ${JSON.stringify(answer.body)}`);
  return settledBatch(sim, answer.body.data.batch_id);
}
