// One Jest setup for every project: SWC with decorator metadata (ts-jest cannot transform the ESM-only
// NestJS and PGlite packages), and the shared libs mapped to their sources so tests need no build.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@seriousme|@electric-sql|@fastify|content-disposition|file-type|cookie|strtok3|token-types|uint8array-extras|@tokenizer|temporal-polyfill|temporal-utils|openid-client|oauth4webapi|jose)/)',
  ],
  moduleNameMapper: {
    '^@lieux/contracts$': path.join(__dirname, 'libs/contracts/src/index.ts'),
    '^@lieux/scheduling$': path.join(__dirname, 'libs/scheduling/src/index.ts'),
  },
};
