#!/usr/bin/env node
'use strict';

/**
 * Retakes the README screenshots of the nodes in the n8n editor (docs/screenshots/):
 * the same stack as the demo (package packed and installed into n8n 2.41.1, templates imported), then
 * Debian's headless Chromium logs in and captures the Vapi receptionist workflow, then the same canvas
 * with the node panel open on "HubSpot Scheduling" (installed from npm, five actions, triggers).
 *
 *   apt-get install -y chromium      (once)
 *   node scripts/screenshot.js [--chromium /path/to/chromium]
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { launchChromium } = require('./lib/headlessChromium');
const { startStack } = require('./lib/stack');
const { createSandboxCredentials, deployTemplates, templateSetups } = require('./demo/deployment');

const ROOT = path.join(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'docs', 'screenshots');
const log = (message) => console.log(`[screenshot] ${message}`);

function chromiumPath() {
	const index = process.argv.indexOf('--chromium');
	return index > 0 ? process.argv[index + 1] : 'chromium';
}

/** Logs in from inside the page, sending the browser id the editor sends, so the session cookie fits it. */
function loginScript({ email, password }) {
	return `(async () => {
		let id = localStorage.getItem('n8n-browserId');
		if (!id) { id = crypto.randomUUID(); localStorage.setItem('n8n-browserId', id); }
		const response = await fetch('/rest/login', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'browser-id': id },
			body: JSON.stringify(${JSON.stringify({ emailOrLdapLoginId: email, password })}),
		});
		return response.status;
	})()`;
}

const canvasShows = (names) =>
	`(() => { const text = [...document.querySelectorAll('[data-test-id="canvas-node"]')].map((node) => node.textContent).join('|');
		return ${JSON.stringify(names)}.every((name) => text.includes(name)) && [...document.images].every((image) => image.complete); })()`;

/** The canvas fades in; a screenshot during the fade shows washed-out nodes. */
const animationsDone = `document.getAnimations().every((animation) => animation.playState !== 'running')`;

/** n8n 2.41 opens a "Production Checklist" popover on published workflows; it would cover the canvas. */
async function closeChecklist(browser) {
	const closeButton = `document.querySelector('[data-test-id="suggested-actions-close"]')`;
	try {
		await browser.waitFor('the production checklist', `!!${closeButton}`, 5_000);
		await browser.evaluate(`${closeButton}.click()`);
		await browser.waitFor('the checklist to close', `!${closeButton}`);
	} catch {
		log('no production checklist popover to close');
	}
}

async function openWorkflow(browser, n8nUrl, workflow) {
	await browser.send('Page.navigate', { url: `${n8nUrl}/workflow/${workflow.id}` });
	await browser.waitFor(
		'the HubSpot Scheduling nodes on the canvas',
		canvasShows(['Get free slots', 'Book the meeting', 'Look up the caller']),
	);
	await closeChecklist(browser);
	await browser.waitFor('the canvas to settle', animationsDone);
}

/** The node panel's page for the package: installed from npm, its five actions and its triggers. */
async function openNodeDetails(browser) {
	await browser.evaluate(
		`document.querySelector('[data-test-id="node-creator-plus-button"]').click()`,
	);
	await browser.waitFor(
		'the node panel search',
		`document.activeElement?.getAttribute('data-test-id') === 'node-creator-search-bar'`,
	);
	await browser.send('Input.insertText', { text: 'HubSpot Scheduling' });
	const item = `[...document.querySelectorAll('[data-test-id="node-creator-item-name"]')].find((item) => item.textContent.trim() === 'HubSpot Scheduling')`;
	await browser.waitFor('HubSpot Scheduling in the search results', `!!${item}`);
	await browser.evaluate(`${item}.click()`);
	await browser.waitFor(
		'the five actions',
		`['Book a meeting', 'Cancel a meeting', 'Get free slots', 'Look up a contact', 'Reschedule a meeting'].every((action) => document.body.innerText.includes(action))`,
	);
	await browser.waitFor(
		'the panel to settle',
		`${animationsDone} && [...document.images].every((image) => image.complete)`,
	);
}

async function shoot(browser, name) {
	const file = path.join(OUT_DIR, name);
	await browser.screenshot(file);
	log(`wrote ${path.relative(ROOT, file)}`);
}

async function main() {
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-scheduling-screenshot-'));
	const stack = await startStack({ root: ROOT, workDir, log });
	let browser;
	try {
		const credentials = await createSandboxCredentials(stack.api, stack.sandbox);
		const deployed = await deployTemplates(
			stack,
			credentials,
			templateSetups({ voicePlatformUrl: 'http://127.0.0.1:9' }),
		);
		browser = await launchChromium({ executable: chromiumPath() });
		await browser.send('Page.enable');
		await browser.send('Page.navigate', { url: `${stack.n8n.url}/signin` });
		await browser.waitFor('the sign-in page', `document.readyState === 'complete'`);
		const status = await browser.evaluate(loginScript(stack.owner));
		if (status !== 200) throw new Error(`logging in answered ${status}`);
		await openWorkflow(browser, stack.n8n.url, deployed.vapiReceptionist);
		await shoot(browser, 'vapi-receptionist-workflow.png');
		await openNodeDetails(browser);
		await shoot(browser, 'n8n-editor-hubspot-scheduling.png');
	} finally {
		if (browser) await browser.close();
		await stack.stop();
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`[screenshot] failed: ${error.stack ?? error}`);
	process.exitCode = 1;
});
