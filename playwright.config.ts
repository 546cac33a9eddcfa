import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium';

/**
 * Two projects: `web` drives the renderer in Debian's Chromium against the browser host and the
 * practice server; `electron` drives the packaged app and skips itself where no Electron binary exists.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  projects: [
    {
      name: 'web',
      testDir: 'test/e2e/web',
      use: {
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
        viewport: { width: 1100, height: 760 },
      },
    },
    { name: 'electron', testDir: 'test/e2e/electron' },
  ],
});
