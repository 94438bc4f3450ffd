import { readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../electron/app/app-services';
import { createConnectionHandlers } from '../../../electron/app/connection-handlers';
import { sessionOnlyEncryptor } from '../../../electron/app/encryptor';
import { OperationFailure } from '../../../electron/app/handler-registry';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/simulator';
import { casePath, fixturePath } from '../../support/shared-paths';
import { startHarness, valueOf, type Harness } from './app-harness';
import { aesTestEncryptor } from './test-encryptor';

const secret = 'omneo-TEST-token-7f3a9c1e5b';

describe('connections with an encrypting vault', () => {
  let simulator: RunningSimulator;
  let app: Harness;
  const encryptor = aesTestEncryptor();

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, token: secret, processingDelayMs: 0 });
    app = await startHarness(encryptor);
  });
  afterAll(async () => {
    await app.close();
    await simulator.close();
  });

  it('lists only the Sandbox, as the default, when nothing is saved', async () => {
    const list = valueOf<{ connections: { id: string; kind: string }[]; defaultId: string }>(
      await app.call('connections:list'),
    );
    expect(list.connections.map((c) => c.kind)).toEqual(['sandbox']);
    expect(list.defaultId).toBe('sandbox');
  });

  let savedId = '';
  it('saves a connection: the token goes to a 0600 encrypted file, never to connections.json', async () => {
    const saved = valueOf<{ connection: Record<string, unknown> }>(
      await app.call('connections:save', { name: 'Local sim', baseUrl: simulator.baseUrl, token: secret }),
    );
    savedId = String(saved.connection.id);
    expect(saved.connection).toMatchObject({ kind: 'saved', hasToken: true, tokenStorage: 'encrypted' });
    const vaultFile = path.join(app.dataDir, 'credentials.json');
    expect((await stat(vaultFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(vaultFile, 'utf8')).not.toContain(secret);
    expect(await readFile(path.join(app.dataDir, 'connections.json'), 'utf8')).not.toContain(secret);
    const list = valueOf<{ defaultId: string }>(await app.call('connections:list'));
    expect(list.defaultId).toBe(savedId);
  });

  it('tests a saved connection: verified, with who the token belongs to', async () => {
    const result = await app.call('connections:test', { id: savedId });
    expect(valueOf(result)).toEqual({
      kind: 'verified',
      user: expect.objectContaining({ name: 'Sandbox Importer', email: 'sandbox@example.com' }),
    });
  });

  it('says 401 for a wrong token, and keeps the stored one when the token is left out', async () => {
    await app.call('connections:save', {
      id: savedId,
      name: 'Local sim',
      baseUrl: simulator.baseUrl,
      token: 'wrong',
    });
    expect(valueOf(await app.call('connections:test', { id: savedId }))).toMatchObject({
      kind: 'unauthorised',
      status: 401,
    });
    await app.call('connections:save', {
      id: savedId,
      name: 'Local sim',
      baseUrl: simulator.baseUrl,
      token: secret,
    });
    await app.call('connections:save', { id: savedId, name: 'Renamed', baseUrl: simulator.baseUrl });
    expect(valueOf(await app.call('connections:test', { id: savedId }))).toMatchObject({ kind: 'verified' });
  });

  it('says unreachable for a port nobody listens on', async () => {
    const port = await freePort();
    const saved = valueOf<{ connection: { id: string } }>(
      await app.call('connections:save', {
        name: 'Down',
        baseUrl: `http://127.0.0.1:${port}/api/v3`,
        token: secret,
      }),
    );
    expect(valueOf(await app.call('connections:test', { id: saved.connection.id }))).toMatchObject({
      kind: 'unreachable',
      message: `Could not reach 127.0.0.1:${port}: connection refused (nothing is listening there).`,
    });
    expect(valueOf(await app.call('connections:delete', { id: saved.connection.id }))).toEqual({
      deleted: true,
    });
  });

  it('refuses a second connection with the same name (ignoring case), and the Sandbox name', async () => {
    const first = valueOf<{ connection: { id: string } }>(
      await app.call('connections:save', {
        name: 'Staging',
        baseUrl: 'https://api.staging.example.com/api/v3',
      }),
    );
    for (const name of ['staging ', 'Sandbox (built-in simulator)']) {
      expect(
        await app.call('connections:save', { name, baseUrl: 'https://api.other.example.com/api/v3' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringMatching(/already exists/) },
      });
    }
    // Saving the same connection again under its own name is an edit, not a duplicate.
    expect(
      await app.call('connections:save', {
        id: first.connection.id,
        name: 'Staging',
        baseUrl: 'https://api.staging2.example.com/api/v3',
      }),
    ).toMatchObject({ ok: true });
    expect(valueOf(await app.call('connections:delete', { id: first.connection.id }))).toEqual({
      deleted: true,
    });
  });

  it('refuses a plain-http base URL that is not this computer', async () => {
    const reply = await app.call('connections:save', {
      name: 'Prod',
      baseUrl: 'http://api.acme.getomneo.com/api/v3',
      token: secret,
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        // Field by field for the page, never "does not match the contract".
        message:
          'Base URL: Use https:// — plain http is allowed only for this computer (127.0.0.1/localhost).',
      },
    });
    if (!reply.ok) expect(reply.error.issues?.[0]?.message).toMatch(/https/);
  });

  it('tests the Sandbox: starts the simulator in-process on loopback and verifies', async () => {
    expect(valueOf(await app.call('connections:test', { id: 'sandbox' }))).toMatchObject({
      kind: 'verified',
      user: { name: 'Sandbox Importer' },
    });
    expect(app.services.context.sandbox.running()?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
    expect(await app.call('connections:delete', { id: 'sandbox' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('reads the token back after a restart with the same OS key', async () => {
    const again = await startHarness(encryptor, {}, app.dataDir);
    try {
      expect(valueOf(await again.call('connections:test', { id: savedId }))).toMatchObject({
        kind: 'verified',
      });
    } finally {
      await again.close();
    }
  });

  it('never sends the token to the renderer, to events or to the log', () => {
    expect(app.seen.length).toBeGreaterThan(10);
    expect(app.seen.filter((line) => line.includes(secret))).toEqual([]);
  });
});

describe('connections when the OS cannot encrypt', () => {
  it('keeps the token for the session only and says so', async () => {
    const app = await startHarness(sessionOnlyEncryptor('No OS encryption here.'));
    try {
      const saved = valueOf<{ connection: { id: string; tokenStorage: string; hasToken: boolean } }>(
        await app.call('connections:save', {
          name: 'Prod',
          baseUrl: 'https://api.acme.getomneo.com/api/v3',
          token: secret,
        }),
      );
      expect(saved.connection).toMatchObject({ tokenStorage: 'session-only', hasToken: true });
      const list = valueOf<{ secureStorage: { tokenStorage: string; message: string } }>(
        await app.call('connections:list'),
      );
      expect(list.secureStorage.tokenStorage).toBe('session-only');
      expect(list.secureStorage.message).toMatch(/until the app quits/);
      await expect(stat(path.join(app.dataDir, 'credentials.json'))).rejects.toThrow();

      const restarted = await startHarness(sessionOnlyEncryptor('No OS encryption here.'), {}, app.dataDir);
      const after = valueOf<{ connections: { id: string; hasToken: boolean }[] }>(
        await restarted.call('connections:list'),
      );
      expect(after.connections.find((c) => c.id === saved.connection.id)?.hasToken).toBe(false);
      expect(valueOf(await restarted.call('connections:test', { id: saved.connection.id }))).toMatchObject({
        kind: 'no-token',
      });
      await restarted.close();
      expect([...app.seen, ...restarted.seen].some((line) => line.includes(secret))).toBe(false);
    } finally {
      await app.close();
    }
  });
});

describe('the registry', () => {
  let app: Harness;
  beforeAll(async () => {
    app = await startHarness(aesTestEncryptor());
  });
  afterAll(() => app.close());

  it('answers not-implemented for an operation with no handler yet', async () => {
    const bare = await createAppServices(
      {
        dataDir: app.dataDir,
        encryptor: aesTestEncryptor(),
        runtime: 'browser-host',
        productName: 'x',
        version: '0',
        platform: 'linux',
        dialogs: null,
        saveReport: async () => ({ kind: 'cancelled' }),
        startSimulator,
        openTable: () => Promise.reject(new Error('unused')),
      },
      [createConnectionHandlers],
    );
    const ctx = { transport: 'test' } as const;
    expect(await bare.dispatch('rows:page', { fileId: 'f1', offset: 0, limit: 10 }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'not-implemented', message: 'rows:page is not implemented yet.' },
    });
    expect(await bare.dispatch('connections:list', {}, ctx)).toMatchObject({ ok: true });
    await bare.close();
  });

  it('checks the input before the handler slot', async () => {
    expect(await app.call('rows:page', { fileId: 'f1', offset: -1, limit: 10 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'offset' }] },
    });
  });

  it('answers not-found for a name outside the contract', async () => {
    expect(await app.call('fs:readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('turns a failing handler into a typed error and strips what the contract does not name', async () => {
    const seen: string[] = [];
    const services = await createAppServices(
      {
        dataDir: app.dataDir,
        encryptor: aesTestEncryptor(),
        runtime: 'browser-host',
        productName: 'x',
        version: '0',
        platform: 'linux',
        dialogs: null,
        saveReport: async () => ({ kind: 'cancelled' }),
        startSimulator,
        openTable: () => Promise.reject(new Error('unused')),
        log: (line) => seen.push(line),
      },
      [
        () => ({
          'jobs:list': () => {
            throw new Error(`boom ${secret}`);
          },
          'import:pause': () => {
            throw new OperationFailure('conflict', 'No import is running.');
          },
          'connections:delete': () => ({ deleted: true, token: secret }) as never,
        }),
      ],
    );
    const ctx = { transport: 'test' } as const;
    const failed = await services.dispatch('jobs:list', {}, ctx);
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await services.dispatch('import:pause', { jobId: 'j1' }, ctx)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'No import is running.' },
    });
    const stripped = await services.dispatch('connections:delete', { id: 'c1' }, ctx);
    expect(stripped).toEqual({ ok: true, value: { deleted: true } });
    expect(JSON.stringify([failed, seen])).not.toContain(secret);
    await services.close();
  });
});

describe('file operations', () => {
  let app: Harness;
  beforeAll(async () => {
    app = await startHarness(aesTestEncryptor());
  });
  afterAll(() => app.close());

  it('opens a registered file by its ref and shows what was detected', async () => {
    const registered = await app.services.context.files.register(casePath('06-semicolon-decimal-comma.csv'));
    const opened = valueOf<{ kind: string; fileId: string; info: Record<string, unknown> }>(
      await app.call('file:open', { via: 'ref', ref: registered.ref }),
    );
    expect(opened.kind).toBe('opened');
    expect(opened.info).toMatchObject({
      name: '06-semicolon-decimal-comma.csv',
      delimiter: ';',
      format: 'delimited',
    });
    expect(JSON.stringify(opened)).not.toContain(path.dirname(casePath('x')));

    const forced = valueOf<{
      kind: string;
      fileId: string;
      info: { delimiter: string; delimiterSource: string };
    }>(await app.call('file:reopen', { fileId: opened.fileId, options: { delimiter: ',' } }));
    expect(forced).toMatchObject({
      kind: 'opened',
      fileId: opened.fileId,
      info: { delimiter: ',', delimiterSource: 'user' },
    });
  });

  it('lists the sheets of a workbook and reads another one', async () => {
    const registered = await app.services.context.files.register(
      casePath('29-xlsx-hidden-and-multi-sheet.xlsx'),
    );
    const opened = valueOf<{
      fileId: string;
      info: { sheet: string; sheets: { name: string; hidden: boolean }[] };
    }>(await app.call('file:open', { via: 'ref', ref: registered.ref }));
    expect(opened.info.sheet).toBe('Customers');
    expect(opened.info.sheets).toContainEqual(expect.objectContaining({ name: 'Lists', hidden: true }));
    const other = opened.info.sheets.find((s) => !s.hidden && s.name !== 'Customers');
    expect(other).toBeDefined();
    const chosen = valueOf<{ info: { sheet: string } }>(
      await app.call('file:choose-sheet', { fileId: opened.fileId, sheet: other?.name ?? '' }),
    );
    expect(chosen.info.sheet).toBe(other?.name);
  });

  it('answers a file error, not a crash, for a file that cannot be read', async () => {
    const empty = path.join(app.dataDir, 'empty.csv');
    await writeFile(empty, '');
    const registered = await app.services.context.files.register(empty);
    expect(valueOf(await app.call('file:open', { via: 'ref', ref: registered.ref }))).toMatchObject({
      kind: 'file-error',
      error: { code: 'empty-file' },
    });
    const missing = await app.call('file:open', { via: 'ref', ref: 'no-such-ref' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('has no dialog in the browser host, and reports a cancelled dialog', async () => {
    expect(await app.call('file:open', { via: 'dialog' })).toMatchObject({
      ok: false,
      error: { code: 'not-supported' },
    });
    const withDialog = await startHarness(aesTestEncryptor(), {
      dialogs: { chooseFile: async () => null, chooseSaveFile: async () => null },
    });
    expect(valueOf(await withDialog.call('file:open', { via: 'dialog' }))).toEqual({ kind: 'cancelled' });
    await withDialog.close();
  });

  it('offers the --open file in app:info', async () => {
    await app.services.setStartupFile(fixturePath('customers-100.csv'));
    const info = valueOf<{ startupFile: { ref: string; name: string } }>(await app.call('app:info'));
    expect(info.startupFile.name).toBe('customers-100.csv');
    expect(valueOf(await app.call('file:open', { via: 'ref', ref: info.startupFile.ref }))).toMatchObject({
      kind: 'opened',
    });
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}
