import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

/** The screenshot record (`capture.ts`), on the same server and browser as the browser tests. */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'capture.ts',
  outputDir: '../results/screens',
  // Pictures, not timings: a loaded machine may take minutes to sign in and draw a page.
  timeout: 300_000,
  expect: { timeout: 120_000 },
  use: { ...base.use, trace: 'off', screenshot: 'off' },
});
