import { defineConfig } from '@playwright/test';

const CI = !!process.env.CI;
const PORT = 4173;
const BASE_URL = `http://localhost:${PORT}`;

// Debian's Chromium (apt-get install chromium), not a Playwright-downloaded browser.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  forbidOnly: CI,
  retries: 0,
  ...(CI ? { workers: 1 } : {}),
  // 'list' only: nothing that starts a report server or opens a browser window.
  reporter: 'list',
  use: {
    baseURL: BASE_URL,
    viewport: { width: 1280, height: 800 },
    trace: 'off',
    screenshot: 'only-on-failure',
    // A click or a page load that hangs fails with its own step named, not as the whole test's timeout.
    // Under the 30 s a test has by default, so they fire first.
    actionTimeout: 20_000,
    navigationTimeout: 25_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  // `npm run test:e2e` runs `vite build` first; this only serves dist/.
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
