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
const { after, describe } = require('node:test');

const { createSandboxCredentials } = require('../../scripts/demo/deployment');
const { startStack } = require('../../scripts/lib/stack');
const { beforeSuites, createTally, printSummaryOnExit, registerSuite } = require('../e2e/harness');
const { browserTests } = require('./suite');

const ROOT = path.join(__dirname, '..', '..');

const keep = process.argv.includes('--keep');
const log = (/** @type {string} */ message) => console.log(`[browser] ${message}`);
const tally = createTally();
printSummaryOnExit(tally);

describe('The browser suite on its own stack', () => {
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-scheduling-browser-'));
	/** @type {Awaited<ReturnType<typeof startStack>> | undefined} */
	let stack;
	/** @type {Awaited<ReturnType<typeof createSandboxCredentials>> | undefined} */
	let credentials;

	beforeSuites(tally, { tag: 'browser', what: 'stack, credentials' }, async () => {
		stack = await startStack({ root: ROOT, workDir, log });
		credentials = await createSandboxCredentials(stack.api, stack.sandbox);
	});

	after(async () => {
		if (stack) await stack.stop();
		if (keep) log(`kept ${workDir} (n8n data and logs)`);
		else fs.rmSync(workDir, { recursive: true, force: true });
	});

	registerSuite(tally, 'Browser', browserTests, () => {
		if (!stack || !credentials) throw new Error('the stack is not running');
		return { root: ROOT, stack, credentials, log };
	});
});
