import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/chromium.mjs';

// The reference backend runs on :4173 with a throwaway data directory and the adjustable test clock.
// Pages load from http://localhost:4173 (WebAuthn rejects IP origins); the readiness probe uses the
// address actually bound, 127.0.0.1.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '*.spec.ts',
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  fullyParallel: false,
  timeout: 30_000,
  reporter: [['list'], ['./test/e2e/count-reporter.ts']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: 'npx tsx demo/server/main.ts',
    url: `http://127.0.0.1:${PORT}/.well-known/openid-configuration`,
    env: {
      PORT: String(PORT),
      LATCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'latch-e2e-')),
      LATCH_TEST_CLOCK: '1',
      LATCH_DEV: '1',
    },
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
