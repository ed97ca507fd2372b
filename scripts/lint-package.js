#!/usr/bin/env node
'use strict';
/**
 * Runs `n8n-node lint` (strict, the exact template ESLint config) on exactly what the published
 * package is built from: package.json, nodes/, credentials/, icons/. The CLI always lints `.`, and its
 * community rules would also judge the sandbox, the test suites and the tooling, which are never
 * published and legitimately use node:http, process and timers. So the package sources are copied into
 * a clean folder and linted there, the way n8n's scanner sees them.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
// Outside the repository: `n8n-node build` copies every *.svg/*.png it finds below the project root.
const STAGE = path.join(
	os.tmpdir(),
	`n8n-nodes-hubspot-scheduling-lint-${process.getuid ? process.getuid() : 'user'}`,
);
const PACKAGE_SOURCES = [
	'package.json',
	'tsconfig.json',
	'eslint.config.mjs',
	'nodes',
	'credentials',
	'icons',
];

fs.rmSync(STAGE, { recursive: true, force: true });
fs.mkdirSync(STAGE, { recursive: true });
for (const entry of PACKAGE_SOURCES) {
	fs.cpSync(path.join(ROOT, entry), path.join(STAGE, entry), { recursive: true });
}
fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(STAGE, 'node_modules'), 'dir');

const fix = process.argv.includes('--fix');
const cli = path.join(ROOT, 'node_modules', '.bin', 'n8n-node');
const result = spawnSync(cli, ['lint', ...(fix ? ['--fix'] : [])], {
	cwd: STAGE,
	stdio: 'inherit',
});
if (fix && result.status === 0) {
	for (const entry of ['nodes', 'credentials']) {
		fs.cpSync(path.join(STAGE, entry), path.join(ROOT, entry), { recursive: true });
	}
}
process.exit(result.status ?? 1);
