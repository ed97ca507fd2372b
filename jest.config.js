/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.tools.json', isolatedModules: true }],
	},
	testTimeout: 30000,
	// Jest's default is one worker fewer than the cores, so one on CI's two cores. About 45% of a
	// fault suite's time is spent waiting on the sandbox's sockets and timers, so two workers share
	// the cores well (quiet machine, same run: 361 s with one worker, 230 s with two).
	maxWorkers: 2,
	// Holds the package's HubSpot traffic in the operation, trigger and integration tests to the
	// contract description (test/contract).
	setupFilesAfterEnv: ['<rootDir>/test/contract/recordExchanges.ts'],
};
