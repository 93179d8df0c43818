/** End-to-end tests against a real n8n server (started by the tests); run with `./dev e2e`. */
const base = require('./jest.config');
module.exports = { ...base, roots: ['<rootDir>/test/e2e'], testMatch: ['**/*.e2e.ts'], testTimeout: 180000, maxWorkers: 1 };
