// End-to-end tests of the import wizard in Debian's Chromium against the browser host and its
// Sandbox simulator (test/e2e). One worker: the machine has two cores and each test starts a host.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/support/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  globalSetup: './test/e2e/support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 860 },
    launchOptions: { ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args] },
  },
});
