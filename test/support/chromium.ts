/**
 * How the tests and benchmarks launch Debian's Chromium with Playwright: its own browser download
 * cannot work here (no internet), and as root without network these flags are the ones that run
 * cleanly (../shared/TOOLCHAIN.md).
 */
export const chromiumLaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
} as const;
