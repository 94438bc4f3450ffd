// The browser host in Debian's Chromium, independent of the screens: the built renderer loads
// with no page error, the session moves into a cookie, the contract answers over fetch and SSE
// from the page, an upload opens by ref, and another origin's page is refused.
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
  foreign = createServer((_, response) => response.end('<!doctype html><title>elsewhere</title>'));
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

    await page.goto(host.url);
    expect(new URL(page.url()).search).toBe('');
    await page.locator('#root > *').first().waitFor();

    const tested = await page.evaluate(async () => {
      const response = await fetch('/api/connections:test', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: 'sandbox' }),
      });
      return response.json();
    });
    expect(tested).toMatchObject({
      ok: true,
      value: { kind: 'verified', user: { name: 'Sandbox Importer' } },
    });

    const event = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const source = new EventSource('/api/events');
          source.addEventListener('connections:changed', (e) => {
            source.close();
            resolve((e as MessageEvent<string>).data);
          });
          source.onopen = () =>
            void fetch('/api/connections:save', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ name: 'From page', baseUrl: 'https://api.acme.getomneo.com/api/v3' }),
            });
        }),
    );
    expect(event).toBe('{}');

    const bytes = [...(await readFile(casePath('02-windows1252-names.csv')))];
    const opened = await page.evaluate(async (content) => {
      const upload = await fetch('/api/upload', {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': '02-windows1252-names.csv' },
        body: new Uint8Array(content),
      });
      const registered = (await upload.json()) as { value: { ref: string } };
      const open = await fetch('/api/file:open', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ via: 'ref', ref: registered.value.ref }),
      });
      return open.json();
    }, bytes);
    expect(opened).toMatchObject({ ok: true, value: { kind: 'opened', info: { encoding: 'windows-1252' } } });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('refuses another origin, even in a browser that holds the session cookie', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(host.url);
    const elsewhere = await context.newPage();
    await elsewhere.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`);
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
    const list = await page.evaluate(async () =>
      (
        await fetch('/api/connections:list', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).json(),
    );
    expect(JSON.stringify(list)).not.toContain('evil');
    await context.close();
  });
});
