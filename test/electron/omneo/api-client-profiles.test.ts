import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OmneoClient } from '../../../electron/omneo/api-client';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';

let sim: RunningSimulator;
let client: OmneoClient;

beforeAll(async () => {
  sim = await startSimulator({
    processingDelayMs: 5,
    tenant: {
      profiles: [
        { email: 'ann@example.com', first_name: 'Ann', mobile_phone: '+61412345678' },
        { email: 'bob@example.com', identities: [{ handle: 'loyalty_id', identifier: 'L-2' }] },
      ],
    },
  });
  client = new OmneoClient({ baseUrl: sim.baseUrl, token: sim.token });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  sim.configure({ acceptsEmailInFilter: true });
});

describe('profile look-ups', () => {
  it('finds profiles by a list of emails, by one email, by identity and by id', async () => {
    const many = await client.findProfilesByEmails(['bob@example.com', 'ann@example.com', 'x@example.com']);
    expect(many.kind === 'ok' && many.value.map((p) => p.email)).toEqual([
      'ann@example.com',
      'bob@example.com',
    ]);
    const one = await client.findProfileByEmail('ANN@example.com');
    expect(one.kind === 'ok' && one.value?.first_name).toBe('Ann');
    expect(await client.findProfileByEmail('nobody@example.com')).toEqual({ kind: 'ok', value: null });
    const byIdentity = await client.searchProfileId('loyalty_id', 'L-2');
    expect(byIdentity.kind === 'ok' && byIdentity.value?.email).toBe('bob@example.com');
    expect(await client.searchProfileId('loyalty_id', 'L-404')).toEqual({ kind: 'ok', value: null });
    const id = one.kind === 'ok' ? one.value?.id : undefined;
    expect(typeof id).toBe('string');
    const got = await client.getProfile(id ?? '');
    expect(got.kind === 'ok' && got.value?.updated_at).toMatch(/Z$/);
    expect(await client.getProfile('99999')).toEqual({ kind: 'ok', value: null });
  });

  it('reports a tenant that refuses filter[email][in] as a 400', async () => {
    sim.configure({ acceptsEmailInFilter: false });
    const answer = await client.findProfilesByEmails(['ann@example.com']);
    expect(answer).toMatchObject({ kind: 'unexpected', status: 400 });
  });

  it('answers who holds an email and a phone', async () => {
    const ann = await client.findProfileByEmail('ann@example.com');
    const annId = ann.kind === 'ok' ? ann.value?.id : null;
    const answer = await client.checkAvailability({ email: 'new@example.com', mobile_phone: '+61412345678' });
    expect(answer).toEqual({ kind: 'ok', value: { email: null, mobile_phone: annId } });
  });
});

describe('profile changes', () => {
  it('updates, refuses a taken phone, deletes, and says when there was nothing to delete', async () => {
    const bob = await client.findProfileByEmail('bob@example.com');
    const bobId = bob.kind === 'ok' ? (bob.value?.id ?? '') : '';
    const updated = await client.updateProfile(bobId, { first_name: 'Robert' });
    expect(updated.kind === 'ok' && updated.value?.first_name).toBe('Robert');
    const taken = await client.updateProfile(bobId, { mobile_phone: '+61412345678' });
    expect(taken).toMatchObject({ kind: 'invalid', errors: { mobile_phone: ['The phone number exists'] } });
    expect(await client.deleteProfile(bobId)).toEqual({ kind: 'ok', value: true });
    expect(await client.deleteProfile(bobId)).toEqual({ kind: 'ok', value: false });
    expect(await client.updateProfile(bobId, { first_name: 'Gone' })).toEqual({ kind: 'ok', value: null });
  });
});

describe('reference lists', () => {
  it('reads a list page by page', async () => {
    const first = await client.listPage('/statuses', 1);
    expect(first.kind === 'ok' && first.value.items.map((s) => s.handle)).toEqual(['vip', 'gold', 'silver']);
    expect(first.kind === 'ok' && first.value.lastPage).toBe(1);
  });
});
