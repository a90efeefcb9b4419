// Three suites: `unit` (pure, beside the code), and the same integration suites run against the embedded
// PostgreSQL (`embedded`) or the real PostgreSQL and Redis of the machine (`services`).
const preset = require('../../jest.preset.js');

const integration = (mode) => ({
  ...preset,
  displayName: mode,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.int-spec.ts'],
  setupFiles: [`<rootDir>/test/setup-${mode}.ts`],
});

module.exports = {
  testTimeout: 120_000,
  projects: [
    { ...preset, displayName: 'unit', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] },
    integration('embedded'),
    integration('services'),
  ],
};
