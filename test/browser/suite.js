'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { ensureChromium, HEADLESS_FLAGS } = require('../../scripts/lib/ensureChromium');
const { Editor } = require('./editor');
const { aiAgentToolTests } = require('./suites/aiAgentTool');
const { credentialDialogTests } = require('./suites/credentialDialogs');
const { operationPanelTests } = require('./suites/operationPanels');
const { templateTests } = require('./suites/templates');
const { triggerTests } = require('./suites/triggers');

/** Where a failing step leaves a screenshot of the page as it was (not committed). */
const FAILURE_DIR = path.join('test-results', 'browser');

/** The suite's groups, in the order they run; `BROWSER_GROUPS=triggers,templates` runs only those. */
const GROUPS = {
	operationPanels: operationPanelTests,
	credentialDialogs: credentialDialogTests,
	templates: templateTests,
	triggers: triggerTests,
	aiAgentTool: aiAgentToolTests,
};

function wanted(group) {
	const only = (process.env.BROWSER_GROUPS ?? '').split(',').filter(Boolean);
	const unknown = only.filter((name) => !(name in GROUPS));
	if (unknown.length > 0)
		throw new Error(
			`BROWSER_GROUPS names no group ${unknown.join(', ')}; the groups are ${Object.keys(GROUPS).join(', ')}`,
		);
	return only.length === 0 || only.includes(group);
}

function fileSlug(text) {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 90);
}

/**
 * The browser suite: n8n's editor in Debian's headless Chromium (driven by playwright-core), signed in
 * as the owner, against a running stack (real n8n with the packed package, the HubSpot sandbox).
 * Each step is a named test on the shared runner `t`; a failing one saves a screenshot.
 * @param {import('../e2e/harness').SuiteRunner} t
 * @param {{ root: string, stack: object, credentials: Record<string, { id: string, name: string }>,
 *   log?: (message: string) => void }} context
 */
async function browserTests(t, context) {
	const { root, stack, log = console.log } = context;
	const executablePath = ensureChromium({ log });
	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({
		executablePath,
		headless: true,
		args: HEADLESS_FLAGS.filter((flag) => flag !== '--headless'),
	});
	const failureDir = path.join(root, FAILURE_DIR);
	fs.rmSync(failureDir, { recursive: true, force: true });
	try {
		const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
		const editor = new Editor(page, stack);
		let group = '';
		/** @type {import('../e2e/harness').SuiteRunner} */
		const browserTest = {
			skip: (name, reason) => t.skip(name, reason),
			describe(name) {
				group = name;
				t.describe(`Browser: ${name}`);
			},
			async test(name, body) {
				await t.test(name, async () => {
					try {
						await body();
					} catch (caught) {
						const error = caught instanceof Error ? caught : new Error(String(caught));
						const file = path.join(failureDir, `${fileSlug(`${group} ${name}`)}.png`);
						fs.mkdirSync(failureDir, { recursive: true });
						await page.screenshot({ path: file }).catch(() => undefined);
						const note = `\n(screenshot of the page: ${path.relative(root, file)})`;
						error.message += note;
						// node:test's report prints the stack, which was written with the original message.
						error.stack = `${error.stack ?? ''}${note}`;
						// A dialog or panel left open by the failure would break the next step.
						await page.keyboard.press('Escape').catch(() => undefined);
						throw error;
					}
				});
			},
		};
		browserTest.describe('Sign-in');
		await browserTest.test('the owner signs in through the sign-in form', () => editor.signIn());
		const shared = {
			...context,
			editor,
			page,
			screenshotDir: path.join(root, 'docs', 'screenshots'),
		};
		for (const [name, groupTests] of Object.entries(GROUPS)) {
			if (wanted(name)) await groupTests(browserTest, shared);
		}
	} finally {
		await browser.close();
	}
}

module.exports = { browserTests, FAILURE_DIR };
