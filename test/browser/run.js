#!/usr/bin/env node
'use strict';

/**
 * The browser suite on its own stack (`node test/browser/run.js [--keep]`, also `npm run screenshot`):
 * the same stack as the end-to-end suite (package packed into a fresh n8n 2.41.1, the HubSpot sandbox,
 * credentials against it), then n8n's editor in headless Chromium. `node index.js test` runs the same
 * steps inside the end-to-end run instead, on that run's stack.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createSandboxCredentials } = require('../../scripts/demo/deployment');
const { startStack } = require('../../scripts/lib/stack');
const { createRunner } = require('../e2e/harness');
const { browserTests } = require('./suite');

const ROOT = path.join(__dirname, '..', '..');

async function main() {
	const keep = process.argv.includes('--keep');
	const started = performance.now();
	const t = createRunner();
	const log = (message) => console.log(`[browser] ${message}`);
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-scheduling-browser-'));
	let stack;
	try {
		stack = await startStack({ root: ROOT, workDir, log });
		const credentials = await createSandboxCredentials(stack.api, stack.sandbox);
		await browserTests(t, { root: ROOT, stack, credentials, log });
	} catch (error) {
		t.results.push({ name: 'setup', ok: false, error });
		console.error(`\n[browser] stopped early: ${error.stack ?? error}`);
	} finally {
		if (stack) await stack.stop();
		if (keep) log(`kept ${workDir} (n8n data and logs)`);
		else fs.rmSync(workDir, { recursive: true, force: true });
	}
	const { passed, failed, failures } = t.summary();
	if (failed > 0) console.log(`\nFailed:\n${failures.map((name) => `  - ${name}`).join('\n')}`);
	console.log(
		`\n${passed} passed, ${failed} failed (${((performance.now() - started) / 1000).toFixed(1)} s)`,
	);
	process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
