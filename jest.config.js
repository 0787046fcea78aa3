/**
 * `npm test`: every test that needs nothing but Node and npm. Tests that need a system tool (a
 * browser, nginx, a container build) are named `*.system.test.ts` and run with `npm run test:system`
 * (jest.system.config.js), which .ci/run installs the tools for.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '\\.system\\.test\\.ts$'],
  transform: {
    // tsconfig's isolatedModules makes ts-jest transpile per file; type-checking is `npm run typecheck`'s job.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // `cookie` 2 (used by Fastify's inject) is ESM only, which jest cannot require before Node 24.9:
    // compile it to CommonJS like our own code, so app.inject() works on every supported Node
    '/node_modules/cookie/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
};
