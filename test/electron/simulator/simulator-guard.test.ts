/**
 * The simulator answers only requests meant for it: Host and Origin checked like the browser host
 * (DNS rebinding, other sites' pages), also with its test endpoints on; its state file is private.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';

let sim: RunningSimulator;
let dir = '';
let port = 0;

function send(
  method: string,
  target: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: target, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-sim-guard-'));
  sim = await startSimulator({
    port: 0,
    testEndpoints: true,
    dataFile: path.join(dir, 'tenant.json'),
    tenant: { profiles: [{ email: 'secret.customer@example.com' }] },
  });
  port = Number(new URL(sim.baseUrl).port);
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('simulator Host and Origin checks', () => {
  it('refuses a foreign Host (DNS rebinding) before serving any profile', async () => {
    for (const target of ['/__sim/state', '/api/v3/profiles']) {
      const answer = await send('GET', target, {
        Host: `attacker.example:${port}`,
        Authorization: `Bearer ${sim.token}`,
      });
      expect(answer.status).toBe(421);
      expect(answer.body).not.toContain('secret.customer');
    }
  });

  it('refuses a cross-origin reset and keeps the tenant', async () => {
    const reset = await send('POST', '/__sim/reset', {
      Host: `127.0.0.1:${port}`,
      Origin: 'http://evil.example',
      'Content-Type': 'application/json',
    });
    expect(reset.status).toBe(403);
    const state = await send('GET', '/__sim/state', { Host: `localhost:${port}` });
    expect(state.status).toBe(200);
    expect(state.body).toContain('secret.customer');
  });

  it('serves its own origin and clients that send none', async () => {
    const own = await send('GET', '/api/v3/auth/verify', {
      Host: `127.0.0.1:${port}`,
      Origin: `http://127.0.0.1:${port}`,
      Authorization: `Bearer ${sim.token}`,
    });
    expect(own.status).toBe(200);
    expect(
      (await fetch(`${sim.baseUrl}/auth/verify`, { headers: { Authorization: `Bearer ${sim.token}` } }))
        .status,
    ).toBe(200);
  });

  it('writes its state file 0600', async () => {
    const posted = await fetch(`${sim.baseUrl}/profiles/batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        match_criteria: 'email',
        profiles: [{ email: 'new@example.com', first_name: 'N' }],
      }),
    });
    expect(posted.status).toBeLessThan(300);
    await sim.close();
    if (process.platform !== 'win32')
      expect((await stat(path.join(dir, 'tenant.json'))).mode & 0o777).toBe(0o600);
  });
});
