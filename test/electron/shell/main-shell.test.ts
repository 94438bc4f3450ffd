// The Electron shell with `electron` mocked: what main.ts registers, creates and refuses.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { operationNames } from '../../../shared/ipc/contract';
import { casePath } from '../../support/shared-paths';

type Handler = (event: unknown, input?: unknown) => Promise<unknown>;
type Listener = (...args: unknown[]) => void;

const h = vi.hoisted(() => ({
  userData: '',
  handlers: new Map<string, Handler>(),
  appListeners: new Map<string, Listener>(),
  windowOptions: [] as Record<string, unknown>[],
  loadedFiles: [] as string[],
  sent: [] as [string, unknown][],
  openedExternally: [] as string[],
  menu: [] as { label?: string; submenu?: { label?: string; click?: () => void }[] }[],
  headersHook: null as null | ((details: unknown, callback: (response: unknown) => void) => void),
  permissionHandler: null as
    null | ((contents: unknown, permission: string, callback: (ok: boolean) => void) => void),
  encryptionAvailable: false,
}));

vi.mock('electron', () => {
  const webContents = {
    send: (channel: string, payload: unknown) => h.sent.push([channel, payload]),
    isDestroyed: () => false,
  };
  class BrowserWindow {
    webContents = webContents;
    static getAllWindows = () => [];
    constructor(options: Record<string, unknown>) {
      h.windowOptions.push(options);
    }
    on() {}
    once() {}
    show() {}
    loadFile(file: string) {
      h.loadedFiles.push(file);
      return Promise.resolve();
    }
    loadURL() {
      return Promise.resolve();
    }
  }
  return {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: Listener) => h.appListeners.set(event, listener),
      whenReady: () => Promise.resolve(),
      getPath: () => h.userData,
      getVersion: () => '0.1.0',
      showAboutPanel: () => {},
      quit: () => {},
    },
    BrowserWindow,
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showErrorBox: vi.fn() },
    ipcMain: {
      handle: (channel: string, handler: Handler) => h.handlers.set(channel, handler),
      removeHandler: (channel: string) => h.handlers.delete(channel),
    },
    Menu: {
      buildFromTemplate: (template: typeof h.menu) => template,
      setApplicationMenu: (menu: typeof h.menu) => (h.menu = menu),
    },
    safeStorage: {
      isEncryptionAvailable: () => h.encryptionAvailable,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: () => {
        throw new Error('not expected');
      },
      decryptString: () => '',
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (hook: typeof h.headersHook) => (h.headersHook = hook) },
        setPermissionRequestHandler: (handler: typeof h.permissionHandler) => (h.permissionHandler = handler),
        setPermissionCheckHandler: () => {},
      },
    },
    shell: { openExternal: async (url: string) => void h.openedExternally.push(url) },
  };
});

const secret = 'shell-TEST-token-5be0c4d19a';
const stderr: string[] = [];
let indexUrl = '';
const fromApp = () => ({ senderFrame: { url: indexUrl, parent: null } });
const call = (channel: string, event: unknown, input?: unknown) => {
  const handler = h.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, input);
};

beforeAll(async () => {
  h.userData = await mkdtemp(path.join(os.tmpdir(), 'omneo-shell-'));
  vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  }) as typeof process.stderr.write);
  await import('../../../electron/shell/main');
  await vi.waitFor(() => expect(h.loadedFiles.length).toBe(1), { timeout: 10_000 });
  indexUrl = pathToFileURL(h.loadedFiles[0] ?? '').href;
});

afterAll(async () => {
  h.appListeners.get('will-quit')?.();
  vi.restoreAllMocks();
  await rm(h.userData, { recursive: true, force: true });
});

describe('the window', () => {
  it('is isolated, sandboxed, without Node, with web security and our bundled preload', () => {
    expect(h.windowOptions).toHaveLength(1);
    const prefs = h.windowOptions[0]?.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(h.loadedFiles[0]).toMatch(/renderer[\\/]index\.html$/);
  });

  it('sends a strict CSP with every response and refuses every permission', () => {
    let headers: Record<string, string[]> = {};
    h.headersHook?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => {
      headers = (r as { responseHeaders: Record<string, string[]> }).responseHeaders;
    });
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/default-src 'self'.*script-src 'self'/);
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/object-src 'none'/);
    let granted: boolean | null = null;
    h.permissionHandler?.(null, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
  });

  it('denies new windows, opens only https links outside, and blocks navigation away', () => {
    const captured: { open?: (details: { url: string }) => { action: string } } = {};
    const navigation = new Map<string, Listener>();
    h.appListeners.get('web-contents-created')?.(
      {},
      {
        setWindowOpenHandler: (handler: typeof captured.open) => (captured.open = handler),
        on: (event: string, listener: Listener) => navigation.set(event, listener),
      },
    );
    for (const url of [
      'https://docs.omneo.io/',
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      expect(captured.open?.({ url })).toEqual({ action: 'deny' });
    }
    expect(h.openedExternally).toEqual(['https://docs.omneo.io/']);

    const navigate = (url: string): boolean => {
      let prevented = false;
      navigation.get('will-navigate')?.({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate(`${indexUrl}#review`)).toBe(false);
    let webviewBlocked = false;
    navigation.get('will-attach-webview')?.({ preventDefault: () => (webviewBlocked = true) });
    expect(webviewBlocked).toBe(true);
  });

  it('has a standard menu whose Open File… asks the renderer to open', () => {
    const file = h.menu.find((item) => item.label === 'File');
    const open = file?.submenu?.find((item) => item.label === 'Open File…');
    open?.click?.();
    expect(h.sent).toContainEqual(['event:menu:command', { command: 'open-file' }]);
  });
});

describe('IPC handlers', () => {
  it('registers one handler per operation, plus file registration', () => {
    for (const operation of operationNames) expect(h.handlers.has(operation), operation).toBe(true);
    expect(h.handlers.has('file:register-path')).toBe(true);
  });

  it.each([
    ['another site', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a sub-frame of our page', { senderFrame: { url: 'about:blank', parent: {} } }],
    [
      'our page inside a frame',
      {
        get senderFrame() {
          return { url: indexUrl, parent: {} };
        },
      },
    ],
    ['another local file', { senderFrame: { url: 'file:///tmp/evil.html', parent: null } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses a sender that is %s', async (_, event) => {
    for (const channel of ['connections:list', 'app:info', 'file:register-path']) {
      expect(await call(channel, event, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('parses input with the contract before acting', async () => {
    expect(
      await call('connections:save', fromApp(), { name: 'x', baseUrl: 'http://evil.example' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('file:open', fromApp(), { via: 'path', path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('file:register-path', fromApp(), { path: 'relative/file.csv' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('rows:page', fromApp(), { fileId: 'f', offset: 0, limit: 1_000_000 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'limit' }] },
    });
  });

  it('says tokens are session-only when safeStorage is unavailable', async () => {
    const list = await call('connections:list', fromApp(), {});
    expect(list).toMatchObject({ ok: true, value: { secureStorage: { tokenStorage: 'session-only' } } });
  });

  it('opens a dropped file by the path the preload got from the OS', async () => {
    const registered = (await call('file:register-path', fromApp(), {
      path: casePath('09-multiline-quoted-address.csv'),
    })) as {
      ok: true;
      value: { ref: string; name: string };
    };
    expect(registered).toMatchObject({ ok: true, value: { name: '09-multiline-quoted-address.csv' } });
    const opened = await call('file:open', fromApp(), { via: 'ref', ref: registered.value.ref });
    expect(opened).toMatchObject({ ok: true, value: { kind: 'opened', info: { delimiter: ',' } } });
    expect(await call('file:register-path', fromApp(), { path: path.dirname(casePath('x')) })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('never sends a token to the renderer, in events or in the log', async () => {
    const replies: unknown[] = [];
    replies.push(
      await call('connections:save', fromApp(), {
        name: 'Prod',
        baseUrl: 'https://api.acme.getomneo.com/api/v3',
        token: secret,
      }),
    );
    replies.push(await call('connections:list', fromApp(), {}));
    const saved = replies[0] as { value: { connection: { id: string; hasToken: boolean } } };
    expect(saved.value.connection.hasToken).toBe(true);
    replies.push(
      await call(
        'connections:save',
        { senderFrame: { url: 'https://evil.example/', parent: null } },
        {
          name: 'x',
          baseUrl: 'https://a.example',
          token: secret,
        },
      ),
    );
    replies.push(await call('app:info', fromApp(), {}));
    expect(h.sent.some(([channel]) => channel === 'event:connections:changed')).toBe(true);
    const everything = JSON.stringify([replies, h.sent, stderr]);
    expect(everything).not.toContain(secret);
  });
});
