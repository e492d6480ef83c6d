/**
 * Unit specs beside the code; e2e specs drive the HTTP API against a real PostgreSQL (or PGlite);
 * fault specs take the database away and kill the API (scripts/test.mjs faults).
 */
const swc = ['@swc/jest', { swcrc: true }];
const swcJs = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swcJs },
  // NestJS 12 ships ESM only: transform it (and its ESM helpers) to CommonJS for jest on Node 20.
  transformIgnorePatterns: [
    '/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|load-esm|jose)/)',
  ],
  moduleNameMapper: {
    '^@keyhold/contracts$': '<rootDir>/../../libs/contracts/src/index.ts',
    '^@keyhold/sdk$': '<rootDir>/../../libs/sdk/src/index.ts',
  },
};

module.exports = {
  // Global, not per project (jest ignores it there): e2e setup boots a database, which takes time on a busy machine.
  testTimeout: 60000,
  projects: [
    // The SDK's specs run here too (the SDK has no test runner of its own).
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/src', '<rootDir>/../../libs/sdk/src'],
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/../../libs/sdk/src/**/*.spec.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'] },
  ],
};
