/**
 * A connection's token only ever goes to the origin it was saved for: two loopback servers, the
 * tenant and another origin, and every way of re-pointing a connection (the operation without a
 * token, an edited `connections.json`, a vault written before tokens carried their origin).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRecordingServer, type RecordingServer } from '../../support/recording-server';
import { startHarness, valueOf, type Harness } from './app-harness';
import { aesTestEncryptor } from './test-encryptor';

const token = 'omneo-BOUND-token-5d1e';

/** Answers like Omneo's `/auth/verify` and `/users/me` for any token. */
function omneoLike(server: RecordingServer): void {
  server.handle((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url?.endsWith('/users/me') ? { data: { name: 'Ana', email: 'a@x' } } : {}));
  });
}

describe('a token is bound to the origin it was saved for', () => {
  let tenant: RecordingServer;
  let other: RecordingServer;
  let app: Harness;
  const encryptor = aesTestEncryptor();
  let id = '';

  beforeAll(async () => {
    [tenant, other] = await Promise.all([startRecordingServer(), startRecordingServer()]);
    omneoLike(tenant);
    omneoLike(other);
    app = await startHarness(encryptor);
    const saved = valueOf<{ connection: { id: string } }>(
      await app.call('connections:save', { name: 'Acme', baseUrl: `${tenant.origin}/api/v3`, token }),
    );
    id = saved.connection.id;
  });
  afterAll(async () => {
    await app.close();
    await Promise.all([tenant.close(), other.close()]);
  });
  beforeEach(() => {
    tenant.seen.length = 0;
    other.seen.length = 0;
  });

  it('refuses to re-point a connection without its token, and says why', async () => {
    const reply = await app.call('connections:save', { id, name: 'Acme', baseUrl: `${other.origin}/api/v3` });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          `The base URL now points to ${other.origin} instead of ${tenant.origin}. A token is only ` +
          'ever sent to the address it was saved for, so enter the API token again to save this change.',
      },
    });
    expect(valueOf(await app.call('connections:test', { id }))).toMatchObject({ kind: 'verified' });
    expect(tenant.seen.map((r) => r.authorization)).toEqual([`Bearer ${token}`, `Bearer ${token}`]);
    expect(other.seen).toEqual([]);
  });

  it('tests unsaved settings with the saved token only while the origin stays the same', async () => {
    const sameOrigin = { id, baseUrl: `${tenant.origin}/api/v3/` };
    expect(valueOf(await app.call('connections:test', sameOrigin))).toMatchObject({ kind: 'verified' });
    expect(tenant.seen.length).toBeGreaterThan(0);
    const elsewhere = { id, baseUrl: `${other.origin}/api/v3` };
    expect(valueOf(await app.call('connections:test', elsewhere))).toMatchObject({ kind: 'no-token' });
    expect(other.seen).toEqual([]);
    const typed = { baseUrl: `${other.origin}/api/v3`, token: 'typed-token' };
    expect(valueOf(await app.call('connections:test', typed))).toMatchObject({ kind: 'verified' });
    expect(other.seen.map((r) => r.authorization)).toContain('Bearer typed-token');
    // A draft test saves nothing.
    const list = valueOf<{ connections: { baseUrl: string }[] }>(await app.call('connections:list'));
    expect(list.connections.some((c) => c.baseUrl.startsWith(other.origin))).toBe(false);
  });

  it('keeps the token for a new path on the same origin', async () => {
    valueOf(await app.call('connections:save', { id, name: 'Acme', baseUrl: `${tenant.origin}/api/v3/` }));
    expect(valueOf(await app.call('connections:test', { id }))).toMatchObject({ kind: 'verified' });
    expect(tenant.seen.length).toBeGreaterThan(0);
  });

  it('sends nothing to another origin when connections.json was edited behind the app', async () => {
    const file = path.join(app.dataDir, 'connections.json');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replaceAll(tenant.origin, other.origin));
    const restarted = await startHarness(encryptor, {}, app.dataDir);
    try {
      const list = valueOf<{ connections: { id: string; hasToken: boolean }[] }>(
        await restarted.call('connections:list'),
      );
      expect(list.connections.find((c) => c.id === id)?.hasToken).toBe(false);
      expect(valueOf(await restarted.call('connections:test', { id }))).toMatchObject({ kind: 'no-token' });
    } finally {
      await restarted.close();
      await writeFile(file, text);
    }
    expect(other.seen).toEqual([]);
  });

  it('binds a token from an older vault (no origins) to the base URL it had at start', async () => {
    const vaultFile = path.join(app.dataDir, 'credentials.json');
    const vault = JSON.parse(await readFile(vaultFile, 'utf8')) as { origins?: unknown };
    delete vault.origins;
    await writeFile(vaultFile, JSON.stringify(vault));
    const restarted = await startHarness(encryptor, {}, app.dataDir);
    try {
      expect(valueOf(await restarted.call('connections:test', { id }))).toMatchObject({ kind: 'verified' });
      expect(
        await restarted.call('connections:save', { id, name: 'Acme', baseUrl: `${other.origin}/api/v3` }),
      ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    } finally {
      await restarted.close();
    }
    expect(other.seen).toEqual([]);
  });

  it('re-points a connection when the token is given again, and then sends it only there', async () => {
    valueOf(
      await app.call('connections:save', { id, name: 'Acme', baseUrl: `${other.origin}/api/v3`, token }),
    );
    expect(valueOf(await app.call('connections:test', { id }))).toMatchObject({ kind: 'verified' });
    expect(other.seen.length).toBeGreaterThan(0);
    expect(tenant.seen).toEqual([]);
  });
});
