import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { call, sendAndSettle, settledBatch } from './sim-client';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    processingDelayMs: 5,
    users: [{ token: 'other-token', id: 7, name: 'Ops', email: 'ops@example.com', roles: ['read-profiles'] }],
  });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  sim.configure({ processingDelayMs: 5 });
});

describe('health and auth', () => {
  it('answers GET /api/health without a token', async () => {
    const response = await fetch(sim.baseUrl.replace('/v3', '/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it.each([
    ['no token', null],
    ['a wrong token', 'nope'],
    ['an empty token', ''],
  ])('refuses %s with 401 Unauthenticated', async (_label, token) => {
    const answer = await call(sim, 'GET', '/auth/verify', undefined, token);
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ message: 'Unauthenticated.' });
  });

  it('verifies the sandbox token and shows its user with the throttle', async () => {
    const verify = await call(sim, 'GET', '/auth/verify');
    expect(verify.status).toBe(200);
    expect(verify.body.data.user.email).toBe('sandbox@example.com');
    const me = await call(sim, 'GET', '/users/me');
    expect(me.body.data).toMatchObject({ id: 1, name: 'Sandbox Importer', throttle: null });
    expect(me.body.data.roles).toContain('create-profiles');
  });

  it('accepts extra users by their own token', async () => {
    const me = await call(sim, 'GET', '/users/me', undefined, 'other-token');
    expect(me.body.data).toMatchObject({ id: 7, email: 'ops@example.com', roles: ['read-profiles'] });
  });

  it('never logs the token in the request log', async () => {
    await call(sim, 'GET', '/auth/verify');
    const state = await (await fetch(sim.baseUrl.replace('/api/v3', '/__sim/state'))).text();
    expect(state).toContain('/api/v3/auth/verify');
    expect(state).not.toContain(sim.token);
  });

  it('answers 404 and 405 in Laravel style', async () => {
    expect((await call(sim, 'GET', '/nothing-here')).status).toBe(404);
    expect((await call(sim, 'GET', '/batches/unknown')).body).toEqual({ message: 'Batch not found.' });
    expect((await call(sim, 'GET', '/profiles/batch')).status).toBe(405);
  });
});

describe('POST /profiles/batch validation', () => {
  it('answers 422 with errors keyed by path and Laravel wording', async () => {
    const profiles = [
      { email: 'ok@example.com' },
      { email: 'ok2@example.com' },
      { email: 'ok3@example.com' },
      { email: 'not-an-email', gender: 'M', birth_month: 13, mobile_phone: '0412 345 678', loyalty: 'x' },
    ];
    const answer = await call(sim, 'POST', '/profiles/batch', { match_criteria: 'email', profiles });
    expect(answer.status).toBe(422);
    expect(answer.body.message).toBe('The given data was invalid.');
    expect(answer.body.errors).toEqual({
      'profiles.3.email': ['The profiles.3.email must be a valid email address.'],
      'profiles.3.gender': ['The selected profiles.3.gender is invalid.'],
      'profiles.3.birth_month': ['The profiles.3.birth_month must not be greater than 12.'],
      'profiles.3.mobile_phone': [
        'The profiles.3.mobile_phone must be a valid phone number in E.164 format (e.g. +61412345678).',
      ],
      'profiles.3.loyalty': ['The profiles.3.loyalty field is not allowed.'],
    });
    expect(sim.state().batches).toHaveLength(0);
  });

  it('refuses a missing match_criteria, an empty batch and 501 profiles', async () => {
    const missing = await call(sim, 'POST', '/profiles/batch', { profiles: [{ email: 'a@example.com' }] });
    expect(missing.body.errors).toEqual({ match_criteria: ['The match_criteria field is required.'] });
    const empty = await call(sim, 'POST', '/profiles/batch', { match_criteria: 'email', profiles: [] });
    expect(empty.body.errors.profiles).toEqual(['The profiles must have at least 1 items.']);
    const many = Array.from({ length: 501 }, (_, i) => ({ email: `p${i}@example.com` }));
    const tooMany = await call(sim, 'POST', '/profiles/batch', { match_criteria: 'email', profiles: many });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors.profiles).toEqual(['The profiles must not have more than 500 items.']);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await fetch(`${sim.baseUrl}/profiles/batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' },
      body: '{"match_criteria": "email", "profiles": [',
    });
    expect(response.status).toBe(400);
  });
});

describe('batch lifecycle', () => {
  it('queues a batch as pending, then reports created, updated and failed items in request order', async () => {
    await sendAndSettle(sim, 'email', [{ email: 'taken@example.com', mobile_phone: '+61412000001' }]);
    sim.configure({ processingDelayMs: 300 }); // long enough to see the batch pending
    const accepted = await call(sim, 'POST', '/profiles/batch', {
      match_criteria: 'email',
      import_job_id: 'job-1',
      profiles: [
        { email: 'new@example.com', first_name: 'Ana', tags: ['big spender'] },
        { email: 'TAKEN@example.com', last_name: 'Updated' },
        { email: 'clash@example.com', mobile_phone: '+61412000001' },
        { first_name: 'No email' },
      ],
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body.data.message).toBe('Profiles queued for batch import.');
    const batchId = accepted.body.data.batch_id as string;
    const pending = await call(sim, 'GET', `/batches/${batchId}`);
    expect(pending.body.data).toMatchObject({ status: 'pending', processed_count: 0, total_count: 4 });

    const batch = await settledBatch(sim, batchId);
    expect(batch).toMatchObject({
      id: batchId,
      import_job_id: 'job-1',
      entity_type: 'profile',
      status: 'success',
      total_count: 4,
      success_count: 2,
      failed_count: 2,
      processed_count: 4,
    });
    expect(
      batch.items.map((i: { status: string; error: string | null; external_id: string | null }) => [
        i.status,
        i.error,
        i.external_id,
      ]),
    ).toEqual([
      ['created', null, 'new@example.com'],
      ['updated', null, 'TAKEN@example.com'],
      ['failed', 'The phone number exists', 'clash@example.com'],
      ['failed', 'Missing email', null],
    ]);
    const profiles = sim.state().profiles;
    expect(profiles).toHaveLength(2);
    expect(profiles.find((p) => p.email?.toLowerCase() === 'taken@example.com')).toMatchObject({
      last_name: 'Updated',
      first_name: 'Unknown',
    });
    expect(profiles.find((p) => p.email === 'new@example.com')?.tags).toEqual(['big-spender']);
  });

  it('matches on an identity handle, fails records without it, and enforces identity uniqueness', async () => {
    await sendAndSettle(sim, 'email', [
      { email: 'a@example.com', identities: [{ handle: 'shopify_id', identifier: 'S1' }] },
      { email: 'b@example.com', identities: [{ handle: 'loyalty_id', identifier: 'L9' }] },
    ]);
    const batch = await sendAndSettle(sim, 'shopify_id', [
      { email: 'a.new@example.com', identities: [{ handle: 'shopify_id', identifier: 'S1' }] },
      { email: 'c@example.com' },
      {
        email: 'd@example.com',
        identities: [
          { handle: 'shopify_id', identifier: 'S2' },
          { handle: 'loyalty_id', identifier: 'L9' },
        ],
      },
      { identities: [{ handle: 'shopify_id', identifier: 'S3' }] },
      { email: 'e@example.com', identities: [{ handle: 'shopify_id', identifier: 'S4' }] },
    ]);
    expect(batch.items.map((i: { status: string; error: string | null }) => [i.status, i.error])).toEqual([
      ['updated', null],
      ['failed', 'Missing identity shopify_id'],
      ['failed', 'The identity loyalty_id L9 has already been taken.'],
      ['failed', 'The email field is required to create a profile.'],
      ['created', null],
    ]);
    expect(batch.items[0].external_id).toBe('S1');
    const byEmail = await call(sim, 'GET', '/profiles?filter[email]=a.new@example.com');
    expect(byEmail.body.data).toHaveLength(1);
    expect(byEmail.body.data[0].id).toBe(batch.items[0].entity_id);
    const found = await call(sim, 'POST', '/profiles/search-id', { type: 'shopify_id', id: 'S4' });
    expect(found.body.data.email).toBe('e@example.com');
    expect((await call(sim, 'POST', '/profiles/search-id', { type: 'shopify_id', id: 'nope' })).status).toBe(
      404,
    );
  });

  it('fails a record whose email belongs to another profile while the batch succeeds', async () => {
    await sendAndSettle(sim, 'email', [
      { email: 'x@example.com', identities: [{ handle: 'pos', identifier: '1' }] },
    ]);
    await sendAndSettle(sim, 'email', [
      { email: 'y@example.com', identities: [{ handle: 'pos', identifier: '2' }] },
    ]);
    const batch = await sendAndSettle(sim, 'pos', [
      { email: 'x@example.com', identities: [{ handle: 'pos', identifier: '2' }] },
    ]);
    expect(batch.status).toBe('success');
    expect(batch.items[0]).toMatchObject({ status: 'failed', error: 'The email has already been taken.' });
  });
});

describe('lists', () => {
  it('paginates profiles with page[size] and page[number] in the documented envelope', async () => {
    const profiles = Array.from({ length: 23 }, (_, i) => ({
      email: `p${String(i).padStart(2, '0')}@example.com`,
    }));
    await sendAndSettle(sim, 'email', profiles);
    const page3 = await call(sim, 'GET', '/profiles?page[size]=10&page[number]=3');
    expect(page3.body.meta).toMatchObject({ current_page: 3, last_page: 3, total: 23, per_page: 10 });
    expect(page3.body.data.map((p: { email: string }) => p.email)).toEqual([
      'p20@example.com',
      'p21@example.com',
      'p22@example.com',
    ]);
    expect(page3.body.links.next).toBeNull();
    expect(page3.body.links.prev).toContain('page%5Bnumber%5D=2');
    const seen = new Set<string>();
    for (let page = 1; page <= 3; page++) {
      const answer = await call(sim, 'GET', `/profiles?page[size]=10&page[number]=${page}`);
      for (const p of answer.body.data) seen.add(p.email);
    }
    expect(seen.size).toBe(23);
  });

  it('lists the tenant tags, paginated', async () => {
    await sendAndSettle(sim, 'email', [{ email: 't@example.com', tags: ['vip', 'summer sale'] }]);
    const tags = await call(sim, 'GET', '/tags');
    expect(tags.body.data.map((t: { handle: string }) => t.handle)).toEqual(['vip', 'summer-sale']);
    expect(tags.body.meta).toMatchObject({ current_page: 1, last_page: 1, total: 2 });
  });
});

describe('test endpoints', () => {
  it('reads the whole state and resets it over HTTP, without logging its own calls', async () => {
    await sendAndSettle(sim, 'email', [{ email: 'gone@example.com' }]);
    const root = sim.baseUrl.replace('/api/v3', '');
    const state = await (await fetch(`${root}/__sim/state`)).json();
    expect(state.profiles.map((p: { email: string }) => p.email)).toEqual(['gone@example.com']);
    expect(state.batches).toHaveLength(1);
    expect(state.requests.every((r: { path: string }) => r.path.startsWith('/api/v3/'))).toBe(true);
    expect(state.settings).not.toHaveProperty('token');
    expect((await fetch(`${root}/__sim/reset`, { method: 'POST' })).status).toBe(200);
    expect(sim.state()).toMatchObject({ profiles: [], batches: [], requests: [] });
  });

  it('are absent when testEndpoints is false', async () => {
    const closed = await startSimulator({ testEndpoints: false });
    try {
      const root = closed.baseUrl.replace('/api/v3', '');
      expect((await fetch(`${root}/__sim/state`)).status).toBe(404);
    } finally {
      await closed.close();
    }
  });
});
