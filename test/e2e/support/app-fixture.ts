/**
 * The end-to-end fixture: a browser host started in-process on an empty temp data folder with its
 * Sandbox simulator, a page opened on it, and a guard that fails the test on any page error or
 * console error. `restart()` stops the host and starts a new one on the same data folder (the
 * interrupted-import scenario).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import type { RunningSimulator, TenantSeed } from '../../../electron/simulator/simulator';

export { expect };

/** What a test gets. */
export interface AppFixture {
  readonly page: Page;
  readonly dataDir: string;
  host(): BrowserHost;
  /** The Sandbox simulator (started on first use of the Sandbox). */
  sandbox(): RunningSimulator;
  /**
   * Stops the host and starts another on the same data folder, then reloads the page.
   * `openFile` is offered at start (`--open FILE`): opened by its path, not as a temp upload.
   */
  restart(options?: { readonly openFile?: string }): Promise<void>;
  /** Page errors and console errors seen so far. */
  readonly problems: string[];
}

async function startHost(dataDir: string, openFile?: string, tenant?: TenantSeed): Promise<BrowserHost> {
  const rendererDir = process.env.OMNEO_E2E_RENDERER;
  if (!rendererDir) throw new Error('OMNEO_E2E_RENDERER is not set: run through playwright.config.ts');
  return startBrowserHost({
    dataDir,
    rendererDir,
    port: 0,
    ...(openFile ? { openFile } : {}),
    sandboxOptions: { testEndpoints: true, processingDelayMs: 20, ...(tenant ? { tenant } : {}) },
  });
}

export const test = base.extend<{ app: AppFixture; sandboxTenant: TenantSeed | null }>({
  /** The Sandbox's tenant when it starts (`test.use({ sandboxTenant })`); null: empty. */
  sandboxTenant: [null, { option: true }],
  app: async ({ page, sandboxTenant }, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'omneo-e2e-data-'));
    let host = await startHost(dataDir, undefined, sandboxTenant ?? undefined);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(host.startLink());
    const fixture: AppFixture = {
      page,
      dataDir,
      problems,
      host: () => host,
      sandbox() {
        const running = host.services.context.sandbox.running();
        if (!running) throw new Error('The Sandbox has not started yet.');
        return running;
      },
      async restart(options = {}) {
        // Take the page off the host first, so its event stream does not retry a closed port.
        await page.goto('about:blank');
        await host.close();
        host = await startHost(dataDir, options.openFile, sandboxTenant ?? undefined);
        // A new host run: open its own start link (the tab's key belonged to the old run).
        await page.goto(host.startLink());
      },
    };
    try {
      await use(fixture);
      expect(problems, 'page and console errors').toEqual([]);
    } finally {
      await host.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});
