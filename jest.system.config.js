/**
 * `npm run test:system`: the tests that need a system tool (Chromium, nginx, buildah and podman),
 * each of which says which tool is missing and how to install it. .ci/run installs them from
 * .ci/apt-packages and runs this tier after `npm test`.
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: ['**/*.system.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};
