// The browser host in Debian's Chromium, independent of the screens: the built renderer loads
// with no page error, the start link is exchanged for a key the tab keeps to itself, the contract
// answers over fetch and the event stream from the page, an upload opens by ref, another origin's
// page is refused, and a server on another local port never receives the key.
import { chromiumLaunchOptions } from '../../support/chromium';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import { casePath, repoRoot } from '../../support/shared-paths';

let dir = '';
let host: BrowserHost;
let browser: Browser;
let foreign: Server;
/** Every request header line the server on another port received. */
const foreignHeaders: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'omneo-host-e2e-'));
  const rendererDir = path.join(dir, 'renderer');
  await build({
    configFile: path.join(repoRoot, 'vite.config.ts'),
    root: path.join(repoRoot, 'renderer'),
    logLevel: 'silent',
    build: { outDir: rendererDir, emptyOutDir: true, sourcemap: false },
  });
  host = await startBrowserHost({ dataDir: path.join(dir, 'data'), rendererDir, port: 0 });
  foreign = createServer((request, response) => {
    foreignHeaders.push(...request.rawHeaders);
    response.end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await new Promise((resolve) => foreign?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('browser host in Chromium', () => {
  it('serves the app and the contract to the page that holds the session', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });

    await page.goto(host.startLink());
    await page.locator('#root > *').first().waitFor();
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('omneo-session'))).toBeTruthy();
    expect(new URL(page.url()).hash).toBe('');
    const key = await page.evaluate(() => sessionStorage.getItem('omneo-session') ?? '');
    const withKey = { 'Content-Type': 'application/json', 'X-Omneo-Session': key };

    const tested = await page.evaluate(async (headers) => {
      const response = await fetch('/api/connections:test', {
        method: 'POST',
        headers,
        body: JSON.stringify({ id: 'sandbox' }),
      });
      return response.json();
    }, withKey);
    expect(tested).toMatchObject({
      ok: true,
      value: { kind: 'verified', user: { name: 'Sandbox Importer' } },
    });

    const event = await page.evaluate(async (headers) => {
      const stream = await fetch('/api/events', { headers });
      const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
      void fetch('/api/connections:save', {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'From page', baseUrl: 'https://api.acme.getomneo.com/api/v3' }),
      });
      let text = '';
      while (!text.includes('event: connections:changed')) text += (await reader.read()).value ?? '';
      await reader.cancel();
      return text;
    }, withKey);
    expect(event).toContain('event: connections:changed\ndata: {}');

    const bytes = [...(await readFile(casePath('02-windows1252-names.csv')))];
    const opened = await page.evaluate(
      async ({ content, headers }) => {
        const upload = await fetch('/api/upload', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/octet-stream',
            'X-File-Name': '02-windows1252-names.csv',
            'X-Omneo-Session': headers['X-Omneo-Session'],
          },
          body: new Uint8Array(content),
        });
        const registered = (await upload.json()) as { value: { ref: string } };
        const open = await fetch('/api/file:open', {
          method: 'POST',
          headers,
          body: JSON.stringify({ via: 'ref', ref: registered.value.ref }),
        });
        return open.json();
      },
      { content: bytes, headers: withKey },
    );
    expect(opened).toMatchObject({ ok: true, value: { kind: 'opened', info: { encoding: 'windows-1252' } } });
    expect(problems).toEqual([]);
    // Without the key (as any other page would be), the stream is refused.
    expect(await page.evaluate(async () => (await fetch('/api/events')).status)).toBe(403);
    await context.close();
  });

  it('refuses another origin, and a server on another port never receives the session key', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(host.startLink());
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('omneo-session'))).toBeTruthy();
    const key = await page.evaluate(() => sessionStorage.getItem('omneo-session') ?? '');
    const elsewhere = await context.newPage();
    await elsewhere.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`);
    await elsewhere.evaluate(() => fetch('/probe', { credentials: 'include' }));
    expect(await elsewhere.evaluate(() => sessionStorage.getItem('omneo-session'))).toBeNull();
    expect(foreignHeaders.length).toBeGreaterThan(0);
    expect(foreignHeaders.join('\n')).not.toContain(key);
    expect((await context.cookies()).map((c) => c.value)).not.toContain(key);
    const status = await elsewhere.evaluate(async (target) => {
      try {
        const response = await fetch(`${target}/api/connections:list`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
          credentials: 'include',
          mode: 'cors',
        });
        return `status ${response.status}`;
      } catch {
        return 'blocked';
      }
    }, `http://127.0.0.1:${host.port}`);
    expect(status).toBe('blocked');
    // A "simple" cross-site POST still reaches the server; it must be refused there (Origin check),
    // and its answer is unreadable to the other page (CORP same-origin makes the fetch fail).
    const noCors = await elsewhere.evaluate(async (target) => {
      try {
        const response = await fetch(`${target}/api/connections:save`, {
          method: 'POST',
          body: JSON.stringify({ name: 'evil', baseUrl: 'https://evil.example' }),
          mode: 'no-cors',
          credentials: 'include',
        });
        return response.type;
      } catch {
        return 'blocked';
      }
    }, `http://127.0.0.1:${host.port}`);
    expect(['opaque', 'blocked']).toContain(noCors);
    const list = await page.evaluate(
      async (session) =>
        (
          await fetch('/api/connections:list', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Omneo-Session': session },
            body: '{}',
          })
        ).json(),
      key,
    );
    expect(list).toMatchObject({ ok: true });
    expect(JSON.stringify(list)).not.toContain('evil');
    await context.close();
  });
});
