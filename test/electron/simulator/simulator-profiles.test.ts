import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { call, sendAndSettle } from './sim-client';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    processingDelayMs: 5,
    tenant: {
      profiles: [
        { email: 'ann@example.com', first_name: 'Ann', mobile_phone: '+61412345678', tags: ['vip guest'] },
        {
          email: 'bob@example.com',
          first_name: 'Bob',
          identities: [{ handle: 'loyalty_id', identifier: 'L-2' }],
        },
        { email: 'cy@example.com', first_name: 'Cy' },
      ],
      statuses: ['gold', { handle: 'vip', name: 'VIP' }],
      currencies: ['AUD', 'NZD'],
    },
  });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  sim.configure({ processingDelayMs: 5, acceptsEmailInFilter: true });
});

describe('seeded tenant', () => {
  it('starts with the seeded profiles and comes back to them on reset', async () => {
    const first = await call(sim, 'GET', '/profiles');
    expect(first.body.data.map((p: { email: string }) => p.email)).toEqual([
      'ann@example.com',
      'bob@example.com',
      'cy@example.com',
    ]);
    expect(first.body.data[0].tags).toEqual(['vip-guest']);
    expect(first.body.data[0].updated_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    await call(sim, 'DELETE', `/profiles/${first.body.data[0].id}`);
    sim.reset();
    expect((await call(sim, 'GET', '/profiles')).body.meta.total).toBe(3);
  });

  it('lists reference data paginated, seeded lists and defaults alike', async () => {
    const statuses = await call(sim, 'GET', '/statuses');
    expect(statuses.body.data.map((s: { handle: string; name: string }) => [s.handle, s.name])).toEqual([
      ['gold', 'gold'],
      ['vip', 'VIP'],
    ]);
    const currencies = await call(sim, 'GET', '/currencies?page[size]=1&page[number]=2');
    expect(currencies.body.data).toEqual([expect.objectContaining({ from: 'AUD', to: 'NZD' })]);
    expect(currencies.body.meta).toMatchObject({ current_page: 2, last_page: 2, total: 2 });
    const countries = await call(sim, 'GET', '/countries');
    expect(countries.body.data.map((c: { iso_2: string }) => c.iso_2)).toEqual(['AU', 'NZ', 'US', 'GB']);
    const locations = await call(sim, 'GET', '/locations');
    expect(locations.body.data[0]).toMatchObject({ external_id: 'SYD01', external_code: 'SYD' });
    const handles = await call(sim, 'GET', '/identities/handles');
    expect(handles.body.data.map((h: { handle: string }) => h.handle)).toEqual(['loyalty_id', 'shopify_id']);
    expect((await call(sim, 'GET', '/regions')).body.data.map((r: { handle: string }) => r.handle)).toEqual([
      'au',
      'nz',
    ]);
  });
});

describe('identity handles in use', () => {
  it('lists the seeded handles and every handle a profile holds', async () => {
    await sendAndSettle(sim, 'email', [
      { email: 'dee@example.com', identities: [{ handle: 'member_no', identifier: 'M-1' }] },
    ]);
    const handles = await call(sim, 'GET', '/identities/handles');
    expect(handles.body.data.map((h: { handle: string }) => h.handle)).toEqual([
      'loyalty_id',
      'shopify_id',
      'member_no',
    ]);
  });
});

describe('GET /profiles filters', () => {
  it('finds profiles by filter[email] and filter[email][in], case-insensitively', async () => {
    const one = await call(sim, 'GET', '/profiles?filter[email]=BOB@example.com');
    expect(one.body.data.map((p: { first_name: string }) => p.first_name)).toEqual(['Bob']);
    const many = await call(
      sim,
      'GET',
      `/profiles?filter[email][in]=${encodeURIComponent('cy@example.com,nobody@example.com,Ann@Example.com')}`,
    );
    expect(many.body.data.map((p: { first_name: string }) => p.first_name)).toEqual(['Ann', 'Cy']);
  });

  it('refuses filter[email][in] with 400 when the tenant does not accept it', async () => {
    sim.configure({ acceptsEmailInFilter: false });
    const answer = await call(sim, 'GET', '/profiles?filter[email][in]=ann@example.com');
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('email.in');
  });

  it('refuses more than 100 emails in one filter', async () => {
    const emails = Array.from({ length: 101 }, (_, i) => `p${i}@example.com`).join(',');
    expect((await call(sim, 'GET', `/profiles?filter[email][in]=${emails}`)).status).toBe(422);
  });
});

describe('profiles by id', () => {
  it('gets, updates (null clears, updated_at moves) and deletes a profile', async () => {
    const [ann] = (await call(sim, 'GET', '/profiles?filter[email]=ann@example.com')).body.data;
    const got = await call(sim, 'GET', `/profiles/${ann.id}`);
    expect(got.body.data.first_name).toBe('Ann');
    const put = await call(sim, 'PUT', `/profiles/${ann.id}`, { first_name: 'Annie', mobile_phone: null });
    expect(put.status).toBe(200);
    expect(put.body.data.first_name).toBe('Annie');
    expect(put.body.data).not.toHaveProperty('mobile_phone');
    expect(Date.parse(put.body.data.updated_at)).toBeGreaterThan(Date.parse(ann.updated_at));
    // The phone is free again.
    const free = await call(sim, 'POST', '/profiles/availability', { mobile_phone: '+61412345678' });
    expect(free.body.data).toEqual({ mobile_phone: { available: true, profile_id: null } });
    const deleted = await call(sim, 'DELETE', `/profiles/${ann.id}`);
    expect(deleted.status).toBe(204);
    expect((await call(sim, 'GET', `/profiles/${ann.id}`)).status).toBe(404);
    expect((await call(sim, 'DELETE', `/profiles/${ann.id}`)).status).toBe(404);
    // Its email can be created again by a batch.
    const batch = await sendAndSettle(sim, 'email', [{ email: 'ann@example.com' }]);
    expect(batch.items[0].status).toBe('created');
  });

  it('refuses a PUT that takes another profile\u2019s phone or email, and a bad field', async () => {
    const [, bob] = (await call(sim, 'GET', '/profiles')).body.data;
    const phone = await call(sim, 'PUT', `/profiles/${bob.id}`, { mobile_phone: '+61412345678' });
    expect(phone.status).toBe(422);
    expect(phone.body.errors).toEqual({ mobile_phone: ['The phone number exists'] });
    const email = await call(sim, 'PUT', `/profiles/${bob.id}`, { email: 'ANN@example.com' });
    expect(email.body.errors.email).toEqual(['The email has already been taken.']);
    const bad = await call(sim, 'PUT', `/profiles/${bob.id}`, { gender: 'robot', nonsense: 1 });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['gender', 'nonsense']);
  });

  it('moves updated_at when a batch updates a profile', async () => {
    const [ann] = (await call(sim, 'GET', '/profiles?filter[email]=ann@example.com')).body.data;
    await sendAndSettle(sim, 'email', [{ email: 'ann@example.com', first_name: 'Anna' }]);
    const after = (await call(sim, 'GET', `/profiles/${ann.id}`)).body.data;
    expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(ann.updated_at));
    expect(after.created_at).toBe(ann.created_at);
  });
});

describe('POST /profiles/availability', () => {
  it('answers who holds an email and a mobile phone', async () => {
    const [ann] = (await call(sim, 'GET', '/profiles?filter[email]=ann@example.com')).body.data;
    const answer = await call(sim, 'POST', '/profiles/availability', {
      email: 'new@example.com',
      mobile_phone: '+61412345678',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({
      email: { available: true, profile_id: null },
      mobile_phone: { available: false, profile_id: ann.id },
    });
  });

  it('needs an email or a mobile phone', async () => {
    const answer = await call(sim, 'POST', '/profiles/availability', {});
    expect(answer.status).toBe(422);
    expect(answer.body.errors.email[0]).toContain('required');
  });
});
