/** Tests are TypeScript, compiled by ts-jest (type errors are caught by `npm run typecheck` instead). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', diagnostics: false }],
	},
	testTimeout: 60000,
	reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
	maxWorkers: 2,
	setupFiles: ['<rootDir>/test/harness/quiet-n8n.js'],
};
