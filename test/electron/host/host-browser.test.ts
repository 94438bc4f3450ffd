// The browser host end to end in Debian's Chromium: the built renderer lists connections, tests
// the Sandbox and opens a file through the contract, with no page error.
import { mkdtemp, rm } from 'node:fs/promises';
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
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('browser host in Chromium', () => {
  it('lists connections, tests the Sandbox and opens a file', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });

    await page.goto(host.url);
    expect(new URL(page.url()).search).toBe('');
    await page.getByRole('heading', { name: 'Connections' }).waitFor();
    await expect
      .poll(() => page.getByText(/this session only|until the app quits/).count())
      .toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Test Sandbox (built-in simulator)' }).click();
    await page.getByText('Connected as Sandbox Importer (sandbox@example.com).').waitFor();

    await page
      .getByLabel('Choose a CSV, TSV or Excel file')
      .setInputFiles(casePath('04-utf16le-unicode-text.csv'));
    const detected = page.getByRole('definition');
    await page.getByText('04-utf16le-unicode-text.csv').waitFor();
    const texts = await detected.allTextContents();
    expect(texts).toContain('utf-16le (bom)');
    expect(texts).toContain('tab');
    expect(problems).toEqual([]);
    await page.close();
  });
});
