// ESLint for the project's JavaScript: tooling (scripts/, bench/, index.js), the end-to-end and
// browser suites and the template sources (`npm run lint:js`). eslint.config.mjs stays n8n's
// template config, which `n8n-node lint` (strict) requires unchanged, for the published package.
import js from '@eslint/js';
import globals from 'globals';

export default [
	{
		files: [
			'index.js',
			'scripts/**/*.js',
			'scripts/**/*.mjs',
			'bench/**/*.js',
			'test/e2e/**/*.js',
			'test/browser/**/*.js',
			'workflows/src/**/*.js',
		],
		...js.configs.recommended,
		languageOptions: {
			ecmaVersion: 2022,
			sourceType: 'commonjs',
			globals: { ...globals.node },
		},
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		rules: {
			...js.configs.recommended.rules,
			'no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
			eqeqeq: ['error', 'always'],
			'no-var': 'error',
			'prefer-const': 'error',
			strict: ['error', 'global'],
		},
	},
	{
		files: ['scripts/**/*.mjs'],
		languageOptions: { sourceType: 'module' },
		rules: { strict: 'off' },
	},
];
