import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { API_MAIN, REPO_ROOT, serverEnv } from './test-server';

/**
 * Browser tests of what a person does, against the real API serving the built web app (embedded
 * PostgreSQL, fresh demo data per run). Build first: `npx nx run-many -t build --projects=api,web`.
 */
const external = process.env.E2E_BASE_URL;
// E2E_PORT lets several checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = external ?? `http://127.0.0.1:${PORT}`;
/**
 * The test server's data directory: its e-mails land in `outbox/` as .eml files (password reset,
 * invitation links). Created once by the main process; the workers inherit it through the environment.
 */
const dataDir = (process.env.E2E_DATA_DIR ??= external ? '' : mkdtempSync(path.join(tmpdir(), 'lieux-e2e-')));
/**
 * E2E_WORKERS browsers side by side (1 by default), each on a server of its own: the first worker on the
 * webServer below (port E2E_PORT, E2E_DATA_DIR), worker n on port E2E_PORT + n with its own data folder
 * (support.ts). A server given by E2E_BASE_URL is one set of demo data: one worker.
 */
const workers = external ? 1 : Number(process.env.E2E_WORKERS ?? 1);

export default defineConfig({
  testDir: '.',
  outputDir: 'results',
  reporter: 'list',
  workers,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
    // Not the sites' zone on purpose: the app must show every time in the site's zone.
    timezoneId: 'America/New_York',
    // A trace records every step of every test to keep a failing one's; CI's copy is thrown away with its
    // clone, so there the recording is work for nothing.
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: external
    ? undefined
    : {
        command: `node ${API_MAIN}`,
        cwd: REPO_ROOT,
        url: `${baseURL}/api/health`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: 'ignore',
        stderr: 'pipe',
        env: serverEnv(PORT, dataDir),
      },
});
