// Jest runs in native ESM mode (node --experimental-vm-modules, see package.json) because the
// @noble packages are ESM-only. ts-jest only transpiles (isolatedModules); `npm test` runs
// `tsc --noEmit` first, so type errors still fail the suite.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/sim', '<rootDir>/bin'],
  testMatch: ['**/*.test.ts'],
  // Async tests (the CLI in-process) share 2 cores with other jobs: 5 s is too tight under load.
  testTimeout: 60_000,
  // Jest's default is one worker per core minus one: a single worker on a 2-core machine, with
  // the main thread mostly waiting. Two workers run the suite in about two thirds of the time.
  maxWorkers: 2,
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true }],
  },
};
