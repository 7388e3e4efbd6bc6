import { defineConfig } from '@playwright/test';
import { chromiumArgs, systemChromium } from './scripts/chromium.ts';
import { BASE_PATH_DIR, TEST_BASE_PATH } from './e2e/base-path.ts';

const executablePath = systemChromium();
const port = Number(process.env.E2E_PORT ?? 4399);
const basePathPort = Number(process.env.E2E_BASE_PATH_PORT ?? port - 2);

/**
 * Browser tests against the built site, served as static files by scripts/serve.ts. Debian's chromium where installed,
 * else Playwright's own browser. Two projects: `site` tests dist/ at the root; `base-path` tests the sub-path build
 * (dist-base/, npm run build:base-path) served under /kb/field-guide/ only.
 */
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    launchOptions: { ...(executablePath ? { executablePath } : {}), args: chromiumArgs },
  },
  projects: [
    { name: 'site', testIgnore: /base-path\.spec\.ts$/, use: { baseURL: `http://localhost:${port}` } },
    { name: 'base-path', testMatch: /base-path\.spec\.ts$/, use: { baseURL: `http://localhost:${basePathPort}${TEST_BASE_PATH}` } },
  ],
  webServer: [
    {
      command: `node scripts/serve.ts ${port}`,
      url: `http://localhost:${port}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `node scripts/serve.ts ${basePathPort} --dir ${BASE_PATH_DIR} --base ${TEST_BASE_PATH}`,
      // The base without its slash answers a redirect whether or not the sub-path build exists, so the site tests can run without it.
      url: `http://localhost:${basePathPort}${TEST_BASE_PATH.slice(0, -1)}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
