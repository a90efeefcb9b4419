// Three suites: `unit` (pure, beside the code), and the integration suites run against the real PostgreSQL
// and Redis of the machine (`services`, every suite) or the embedded PostgreSQL (`embedded`, the suites
// below). Each run migrates one template database in its global setup; every boot starts from a copy.
const { availableParallelism } = require('node:os');
const preset = require('../../jest.preset.js');

/**
 * The suites whose behaviour depends on the mode, run on the embedded PostgreSQL too: the rest runs the same
 * SQL through the same code on either, so the services run covers it. What differs in embedded mode is one
 * PGlite session behind a pool of one connection, the in-process queue and timers instead of Bull, and
 * the data folder:
 * - platform: the health check's mode, a restart on the same data folder;
 * - bookings: 20 concurrent requests and interleaved transactions (one rolled back) on the single session,
 *   outbox delivery and re-delivery through the in-process queue;
 * - space-publications: a transaction held open on a query runner while the single session serves it;
 * - outbox-relay: the hand-out after commit to the in-process queue;
 * - booking-sweeps, waitlist: sweeps on in-process timers, concurrent sweeps on the single session;
 * - jobs: every job on the in-process scheduler, and RUN_JOBS=false refused;
 * - booking-notifications: leases and their takeover through the in-process queue;
 * - receipts: numbers taken under a row lock by concurrent transactions queued on the single session;
 * - sign-in-throttle: parallel attempts counted on the single session;
 * - rate-limits: counters in memory rather than in Redis.
 * - occupancy: sites and spaces read through a cursor that holds the single session until their last row.
 */
const EMBEDDED_SUITES = [
  'platform',
  'bookings',
  'space-publications',
  'outbox-relay',
  'booking-sweeps',
  'waitlist',
  'jobs',
  'booking-notifications',
  'receipts',
  'sign-in-throttle',
  'rate-limits',
  'occupancy',
];

const integration = (mode, testMatch) => ({
  ...preset,
  displayName: mode,
  roots: ['<rootDir>/test'],
  testMatch,
  setupFiles: [`<rootDir>/test/setup-${mode}.ts`],
  // Distinct files per mode: Jest runs a global setup path once even when two projects name it.
  globalSetup: `<rootDir>/test/global-setup-${mode}.ts`,
  globalTeardown: `<rootDir>/test/global-teardown-${mode}.ts`,
});

module.exports = {
  testTimeout: 120_000,
  // Jest's default (one worker fewer than cores) is a single worker on a 2-core machine, which then waits
  // on the suites' timers and on PGlite alone; every boot has its own copy of the template, so two workers
  // do not meet. `test-services` sets its own count.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  projects: [
    { ...preset, displayName: 'unit', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] },
    integration(
      'embedded',
      EMBEDDED_SUITES.map((s) => `**/test/${s}.int-spec.ts`),
    ),
    integration('services', ['**/*.int-spec.ts']),
  ],
};
