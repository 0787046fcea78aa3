/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
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
