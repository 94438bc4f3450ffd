import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { exitCodes, UsageError, type CliContext } from '../../../electron/cli/cli-context';
import { parseSimFlags, registerSimCommand, type SimCommandFlags } from '../../../electron/cli/sim-command';
import { startSimulator } from '../../../electron/simulator/simulator';

describe('parseSimFlags', () => {
  it.each<[string, SimCommandFlags, object]>([
    ['a port and token', { port: '0', token: 'T' }, { port: 0, token: 'T' }],
    ['a bare rate limit', { rateLimit: '600' }, { rateLimitPerMinute: 600 }],
    ['a rate limit per minute', { rateLimit: '90/min' }, { rateLimitPerMinute: 90 }],
    [
      'fault rate, latency and seed',
      { faultRate: '0.1', latency: '25', seed: '42' },
      { faultRate: 0.1, latencyMs: 25, seed: 42 },
    ],
    ['a data file', { data: '/tmp/sim.json' }, { dataFile: '/tmp/sim.json' }],
    [
      'drops, lost responses, revocation',
      { dropRate: '0.2', lostResponseRate: '1', revokeAfter: '5' },
      { dropConnectionRate: 0.2, lostResponseRate: 1, revokeTokenAfter: 5 },
    ],
    ['no test endpoints', { testEndpoints: false }, { testEndpoints: false }],
    ['no test endpoints by default', {}, { testEndpoints: false }],
    ['test endpoints when asked', { testEndpoints: true }, { testEndpoints: true }],
    ['a loopback host', { host: '127.0.0.2' }, { host: '127.0.0.2' }],
    ['IPv6 loopback', { host: '::1' }, { host: '::1' }],
    ['localhost', { host: 'localhost' }, { host: 'localhost' }],
  ])('reads %s', (_label, flags, expected) => {
    expect(parseSimFlags(flags)).toMatchObject(expected);
  });

  it.each<[SimCommandFlags, RegExp]>([
    [{ port: '70000' }, /--port must be a whole number from 0 to 65535, got "70000"/],
    [{ port: 'abc' }, /--port/],
    [{ rateLimit: '10/hour' }, /--rate-limit must be requests per minute/],
    [{ rateLimit: '0' }, /--rate-limit/],
    [{ faultRate: '2' }, /--fault-rate must be a number from 0 to 1, got "2"/],
    [{ latency: '-5' }, /--latency/],
    [{ token: '  ' }, /--token must not be empty/],
    [{ host: '0.0.0.0' }, /--host: the simulator binds loopback addresses only .*not "0\.0\.0\.0"/],
    [{ host: '::' }, /--host: the simulator binds loopback addresses only/],
    [{ host: '192.168.1.5' }, /--host: the simulator binds loopback addresses only/],
    [{ host: 'example.com' }, /--host: the simulator binds loopback addresses only/],
  ])('refuses %o with a message naming the flag', (flags, message) => {
    expect(() => parseSimFlags(flags)).toThrow(UsageError);
    expect(() => parseSimFlags(flags)).toThrow(message);
  });
});

describe('startSimulator', () => {
  it('refuses a non-loopback host before listening', async () => {
    await expect(startSimulator({ host: '0.0.0.0' })).rejects.toThrow(/loopback addresses only/);
  });
});

describe('omneo-import sim', () => {
  function program(stop: Promise<string>): { program: Command; context: CliContext; output: () => string } {
    const lines: string[] = [];
    const context: CliContext = { out: (t) => lines.push(t), err: (t) => lines.push(t), exitCode: -1 };
    const root = new Command('omneo-import').exitOverride();
    registerSimCommand(root, context, () => stop);
    return { program: root, context, output: () => lines.join('') };
  }

  it('prints its base URL and token, serves the API, and stops cleanly', async () => {
    let stop: (signal: string) => void = () => undefined;
    const stopped = new Promise<string>((resolve) => (stop = resolve));
    const { program: root, context, output } = program(stopped);
    const running = root.parseAsync(['sim', '--port', '0', '--token', 'cli-token', '--seed', '9'], {
      from: 'user',
    });
    for (let i = 0; i < 200 && !output().includes('base URL'); i++)
      await new Promise((r) => setTimeout(r, 10));
    const baseUrl = /base URL: (\S+)/.exec(output())?.[1];
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
    expect(output()).toContain('token:    cli-token');
    expect(output()).toContain(
      'This is a simulator, not Omneo: it keeps every profile it receives in memory, unencrypted.',
    );
    expect(output()).not.toContain('state:');
    const verify = await fetch(`${baseUrl}/auth/verify`, { headers: { Authorization: 'Bearer cli-token' } });
    expect(verify.status).toBe(200);
    expect((await fetch(baseUrl!.replace(/\/api\/v3$/, '/__sim/state'))).status).toBe(404);
    stop('SIGTERM');
    await running;
    expect(output()).toContain('Simulator stopped (SIGTERM).');
    expect(context.exitCode).toBe(exitCodes.ok);
    await expect(fetch(`${baseUrl}/auth/verify`)).rejects.toThrow();
  });

  it('exits with 2 and a message when the data file is not a simulator state file', async () => {
    const { program: root, context, output } = program(new Promise(() => undefined));
    await root.parseAsync(['sim', '--port', '0', '--data', import.meta.filename], { from: 'user' });
    expect(context.exitCode).toBe(exitCodes.fileError);
    expect(output()).toContain('the simulator could not start');
    expect(output()).toContain(import.meta.filename);
  });
});

describe('parseSimFlags --tenant', () => {
  it('reads a seed file, and names the file and field when it is not one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-seed-'));
    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ profiles: [{ email: 'a@example.com' }], currencies: ['AUD'] }));
    expect(parseSimFlags({ tenant: good, emailInFilter: false })).toMatchObject({
      tenant: { profiles: [{ email: 'a@example.com' }], currencies: ['AUD'] },
      acceptsEmailInFilter: false,
    });
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ currencies: ['dollars'] }));
    expect(() => parseSimFlags({ tenant: bad })).toThrow(
      /--tenant .*bad\.json: not a tenant seed \(currencies\.0/,
    );
    expect(() => parseSimFlags({ tenant: path.join(dir, 'missing.json') })).toThrow(
      /not a readable JSON file/,
    );
  });
});
