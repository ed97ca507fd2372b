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
	// Holds the package's HubSpot traffic in the operation, trigger and integration tests to the
	// contract description (test/contract).
	setupFilesAfterEnv: ['<rootDir>/test/contract/recordExchanges.ts'],
};
