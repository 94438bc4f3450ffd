import { describe, expect, expectTypeOf, it } from 'vitest';
import { events, operationNames, operations, type OperationName } from '../../../shared/ipc/contract';
import { createBridge, type Bridge, type Transport } from '../../../shared/ipc/bridge';
import { checkBaseUrl } from '../../../shared/ipc/base-url';
import type { Reply } from '../../../shared/ipc/reply';

describe('contract: inputs that break it are refused', () => {
  const bad: [OperationName, unknown, string][] = [
    ['app:info', { extra: 1 }, 'unknown key'],
    [
      'connections:save',
      { name: 'Prod', baseUrl: 'http://api.acme.getomneo.com/api/v3', token: 't' },
      'plain http',
    ],
    [
      'connections:save',
      { name: 'Prod', baseUrl: 'https://u:p@api.acme.com', token: 't' },
      'credentials in URL',
    ],
    ['connections:save', { name: '', baseUrl: 'https://api.acme.getomneo.com/api/v3' }, 'empty name'],
    ['connections:save', { name: 'x', baseUrl: 'https://a.com', token: 'has space' }, 'token with space'],
    ['connections:delete', { id: '../../etc/passwd' }, 'id that is a path'],
    ['connections:test', {}, 'missing id'],
    ['file:open', { via: 'path', path: '/etc/passwd' }, 'a path the renderer made up'],
    ['file:open', { via: 'ref', ref: 'a', path: '/etc/passwd' }, 'extra path key'],
    ['file:reopen', { fileId: 'f1', options: { delimiter: ';;' } }, 'two-character delimiter'],
    ['file:reopen', { fileId: 'f1', options: { encoding: 'ebcdic' } }, 'unknown encoding'],
    ['file:choose-sheet', { fileId: 'f1', sheet: '' }, 'empty sheet'],
    ['mapping:apply', { fileId: 'f1', mapping: [{ column: -1, target: 'email' }] }, 'negative column'],
    ['check:run', { fileId: 'f1', options: { batchSize: 501 } }, 'batch over 500'],
    ['check:run', { fileId: 'f1', options: { phoneRegion: 'Australia' } }, 'region not a code'],
    ['rows:page', { fileId: 'f1', offset: 0, limit: 100_000 }, 'page too large'],
    ['rows:page', { fileId: 'f1', offset: 0.5, limit: 10 }, 'fractional offset'],
    ['rows:edit', { fileId: 'f1', line: 0, column: 0, value: 'x' }, 'line 0'],
    ['import:start', { fileId: 'f1', connectionId: 'sandbox' }, 'not confirmed'],
    ['import:start', { fileId: 'f1', connectionId: 'sandbox', confirmed: false }, 'confirmed false'],
    ['report:export', { of: 'job', jobId: 'j1', report: 'problems' }, 'problems of a job'],
  ];
  it.each(bad)('%s refuses %j (%s)', (name, input) => {
    expect(operations[name].input.safeParse(input).success).toBe(false);
  });

  const good: [OperationName, unknown][] = [
    ['app:info', {}],
    [
      'connections:save',
      { name: 'Prod', baseUrl: 'https://api.acme.getomneo.com/api/v3', token: 'abc.DEF-123' },
    ],
    ['connections:save', { id: 'c1', name: 'Local', baseUrl: 'http://127.0.0.1:8080/api/v3' }],
    ['file:open', { via: 'dialog' }],
    ['file:open', { via: 'ref', ref: 'upload_1', options: { delimiter: ';' } }],
    ['check:run', { fileId: 'f1', options: {} }],
    ['rows:page', { fileId: 'f1', offset: 0, limit: 200, filter: 'errors' }],
    ['import:start', { fileId: 'f1', connectionId: 'sandbox', confirmed: true }],
    ['report:export', { of: 'file', fileId: 'f1', report: 'problems' }],
  ];
  it.each(good)('%s accepts %j', (name, input) => {
    const parsed = operations[name].input.safeParse(input);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});

describe('contract: no token can appear in an output', () => {
  it('no output or event schema has a field named like a secret', () => {
    const secretKey = /token$|secret|password|authorization/i;
    const keysOf = (schema: unknown): string[] => {
      const json = JSON.stringify(schema, (_, v: unknown) => (typeof v === 'function' ? undefined : v));
      return [...json.matchAll(/"([A-Za-z_]+)":/g)].map((m) => m[1] ?? '');
    };
    expect(keysOf(operations['connections:list'].output.toJSONSchema())).toContain('hasToken');
    for (const name of operationNames) {
      const shape = keysOf(operations[name].output.toJSONSchema());
      expect(
        shape.filter((key) => secretKey.test(key) && key !== 'hasToken'),
        name,
      ).toEqual([]);
    }
    for (const schema of Object.values(events)) {
      expect(keysOf(schema.toJSONSchema()).filter((key) => secretKey.test(key))).toEqual([]);
    }
  });

  it('a connection output drops a token a handler wrongly put there', () => {
    const parsed = operations['connections:save'].output.parse({
      connection: {
        id: 'c1',
        kind: 'saved',
        name: 'Prod',
        baseUrl: 'https://a.example',
        hasToken: true,
        tokenStorage: 'encrypted',
        token: 'SECRET-123',
      },
    });
    expect(JSON.stringify(parsed)).not.toContain('SECRET-123');
  });
});

describe('checkBaseUrl', () => {
  it.each([
    ['https://api.acme.getomneo.com/api/v3/', true, 'https://api.acme.getomneo.com/api/v3'],
    ['HTTPS://API.Acme.com:8443/api/v3', true, 'https://api.acme.com:8443/api/v3'],
    ['http://127.0.0.1:4010/api/v3', true, 'http://127.0.0.1:4010/api/v3'],
    ['http://localhost/api/v3', true, 'http://localhost/api/v3'],
    ['http://[::1]:9000', true, 'http://[::1]:9000'],
    ['http://api.acme.getomneo.com/api/v3', false, 'not-https'],
    ['ftp://api.acme.com', false, 'not-https'],
    ['https://api.acme.com/api?x=1', false, 'invalid'],
    ['https://me@api.acme.com', false, 'invalid'],
    ['api.acme.com', false, 'invalid'],
    ['https://', false, 'invalid'],
    ['https://host:99999', false, 'invalid'],
  ])('%s', (input, ok, expected) => {
    const check = checkBaseUrl(input);
    expect(check.ok).toBe(ok);
    expect(check.ok ? check.url : check.reason).toBe(expected);
  });
});

describe('createBridge', () => {
  function fakeTransport(answer: (op: string, input: unknown) => unknown): Transport & { calls: unknown[] } {
    const calls: unknown[] = [];
    return {
      calls,
      invoke: async (op, input) => {
        calls.push([op, input]);
        return answer(op, input);
      },
      subscribe: () => () => {},
      registerFile: async () => ({ ok: true, value: { ref: 'r1', name: 'a.csv', size: 1 } }),
    };
  }

  it('has one method per operation, named by domain and camel-cased verb', () => {
    const bridge = createBridge(fakeTransport(() => null)) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    for (const name of operationNames) {
      const [domain = '', verb = ''] = name.split(':');
      const method = verb.replace(/-([a-z])/g, (_, l: string) => l.toUpperCase());
      expect(typeof bridge[domain]?.[method], name).toBe('function');
    }
  });

  it('passes the operation and input, and checks the reply', async () => {
    const transport = fakeTransport((op) =>
      op === 'connections:delete'
        ? { ok: true, value: { deleted: true } }
        : { ok: true, value: { nonsense: 1 } },
    );
    const bridge = createBridge(transport);
    expect(await bridge.connections.delete({ id: 'c1' })).toEqual({ ok: true, value: { deleted: true } });
    expect(transport.calls).toEqual([['connections:delete', { id: 'c1' }]]);
    const broken = await bridge.app.info();
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error.code).toBe('internal');
  });

  it('turns a transport failure into an error reply', async () => {
    const bridge = createBridge({
      invoke: () => Promise.reject(new Error('socket hang up')),
      subscribe: () => () => {},
      registerFile: () => Promise.reject(new Error('x')),
    });
    const reply = await bridge.jobs.list();
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('derives its types from the contract', () => {
    type B = Bridge<never>;
    expectTypeOf<B['connections']['delete']>().parameter(0).toEqualTypeOf<{ id: string }>();
    expectTypeOf<ReturnType<B['connections']['delete']>>().toEqualTypeOf<
      Promise<Reply<{ readonly deleted: boolean }>>
    >();
    expectTypeOf<B['mapping']['saveTemplate']>().toBeFunction();
    expectTypeOf<B['file']['chooseSheet']>().toBeFunction();
  });
});
