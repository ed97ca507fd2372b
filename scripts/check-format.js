#!/usr/bin/env node
'use strict';
/**
 * Format gate of the test command: every tracked text file is free of merge-conflict markers (a
 * conflict once landed in sandbox/README.md unnoticed, because Markdown still renders), and Prettier
 * finds nothing to change (.prettierrc.js, .prettierignore). Exits 1 with the offending files.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const MARKER = /^(<{7}|={7}|>{7})( |$)/m;

function trackedFiles() {
	const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
	return out.split('\0').filter((file) => file && !file.endsWith('package-lock.json'));
}

function filesWithConflictMarkers() {
	const fs = require('node:fs');
	return trackedFiles().filter((file) => {
		const full = path.join(ROOT, file);
		if (!fs.existsSync(full)) return false;
		const bytes = fs.readFileSync(full);
		if (bytes.includes(0)) return false; // binary (screenshots, icons)
		return MARKER.test(bytes.toString('utf8'));
	});
}

function main() {
	const conflicted = filesWithConflictMarkers();
	if (conflicted.length > 0) {
		console.error(`Merge-conflict markers in:\n  ${conflicted.join('\n  ')}`);
		process.exit(1);
	}
	const prettier = require.resolve('prettier/bin/prettier.cjs', { paths: [ROOT] });
	try {
		execFileSync(process.execPath, [prettier, '--check', '.'], { cwd: ROOT, stdio: 'inherit' });
	} catch {
		console.error('Run `npx prettier --write .` and commit the result.');
		process.exit(1);
	}
}

main();
