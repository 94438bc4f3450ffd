/** The API client against the real simulator over loopback: the calls a run makes, end to end. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OmneoClient } from '../../../electron/omneo/api-client';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 10, rateLimitPerMinute: 6_000 });
});
afterAll(async () => {
  await sim.close();
});

describe('OmneoClient ↔ simulator', () => {
  it('verifies the token, reads the user and follows a batch to its items', async () => {
    const client = new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token });
    expect(await client.verify()).toEqual({ kind: 'ok', value: true });
    const me = await client.me();
    expect(me.kind === 'ok' && me.value.email).toBe('sandbox@example.com');
    if (me.kind === 'ok') expect(me.value.throttle).toBe(6_000);

    const posted = await client.postBatch({
      match_criteria: 'email',
      profiles: [{ email: 'ana@example.com', first_name: 'Ana' }, { email: 'bo@example.com' }],
    });
    expect(posted.kind).toBe('accepted');
    if (posted.kind !== 'accepted') return;
    await sim.idle();
    const batch = await client.getBatch(posted.batchId);
    expect(batch).toMatchObject({
      kind: 'ok',
      value: { id: posted.batchId, status: 'success', items: [{ status: 'created' }, { status: 'created' }] },
    });
  });

  it('maps the simulator’s 401, 404 and 422 answers', async () => {
    const wrong = new OmneoClient({ baseUrl: sim.baseUrl, token: 'not-the-token' });
    expect(await wrong.verify()).toMatchObject({
      kind: 'unauthorised',
      status: 401,
      message: 'Unauthenticated.',
    });
    const client = new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token });
    expect(await client.getBatch('no-such-batch')).toMatchObject({ kind: 'unexpected', status: 404 });
    const invalid = await client.postBatch({
      match_criteria: 'email',
      profiles: [{ email: 'ok@example.com' }, { email: 'nope' }],
    });
    expect(invalid).toMatchObject({
      kind: 'invalid',
      errors: { 'profiles.1.email': [expect.stringContaining('valid email')] },
    });
  });
});
