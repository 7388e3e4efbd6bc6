import { defineConfig } from '@playwright/test';
import { chromiumArgs, systemChromium } from './scripts/chromium.ts';

const executablePath = systemChromium();
const port = Number(process.env.E2E_PORT ?? 4399);

/** Browser tests against the built site, served as static files by scripts/serve.ts. Debian's chromium where installed, else Playwright's own browser. */
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: { ...(executablePath ? { executablePath } : {}), args: chromiumArgs },
  },
  webServer: {
    command: `node scripts/serve.ts ${port}`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
