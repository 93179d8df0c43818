/** End-to-end tests against real n8n servers (started by the tests, one suite at a time); run with `./dev test:e2e`. */
const base = require('./jest.config');
module.exports = { ...base, roots: ['<rootDir>/test/e2e'], testMatch: ['**/*.e2e.ts'], testTimeout: 180000, maxWorkers: 1 };
