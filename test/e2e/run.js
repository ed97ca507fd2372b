#!/usr/bin/env node
'use strict';

/**
 * End-to-end tests in the real n8n (`npm run test:e2e`):
 * npm pack -> fresh n8n 2.41.1 user folder -> tarball installed as a community package -> n8n started
 * -> templates imported and published against the HubSpot sandbox -> driven with the requests voice
 * platforms and HubSpot send. Prints "N passed, M failed" and exits 1 on any failure.
 *
 *   node test/e2e/run.js [--keep] [--no-browser]
 *     --keep leaves the work folder (n8n data, logs) for inspection; --no-browser skips the browser
 *     suite (test/browser/), which otherwise runs last on the same stack
 *
 * The first run on a machine installs n8n into ~/.cache/n8n-nodes-hubspot-scheduling (about 5-6 min).
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startStack } = require('../../scripts/lib/stack');
const { browserTests } = require('../browser/suite');
const {
	DEMO_SECRETS,
	createSandboxCredentials,
	deployTemplates,
	templateSetups,
} = require('../../scripts/demo/deployment');
const { startVoicePlatformStandIn } = require('../../scripts/demo/voicePlatformStandIn');
const { createRunner } = require('./harness');
const { startScriptedModel } = require('./scriptedModel');
const { aiAgentTests } = require('./suites/aiAgent');
const {
	OUTBOUND_TRIGGER_PARAMETERS,
	automaticModeTests,
	hubspotTriggerTests,
} = require('./suites/hubspotTrigger');
const { credentialTestTests, nodeTypeTests } = require('./suites/nodeTypes');
const { oauth2Tests } = require('./suites/oauth2');
const { templateFileTests } = require('./suites/templateFiles');
const { callStartTests, conversationTests, vapiEdgeCaseTests } = require('./suites/voiceCalls');

const ROOT = path.join(__dirname, '..', '..');

async function main() {
	const keep = process.argv.includes('--keep');
	const started = performance.now();
	const t = createRunner();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-scheduling-e2e-'));
	const log = (message) => console.log(`[e2e] ${message}`);
	let script = () => ({ role: 'assistant', content: 'No script set.' });
	const standIn = await startVoicePlatformStandIn();
	const model = await startScriptedModel((request) => script(request));
	let stack;
	try {
		await templateFileTests(t, { root: ROOT });
		stack = await startStack({ root: ROOT, workDir, log });
		const credentials = await createSandboxCredentials(stack.api, stack.sandbox, {
			openAiUrl: model.url,
		});
		let deployed;
		t.describe('Import');
		await t.test(
			'all six templates import into n8n and publish (the AI Agent one with the scripted model)',
			async () => {
				const setups = templateSetups({
					voicePlatformUrl: standIn.url,
					outboundTrigger: OUTBOUND_TRIGGER_PARAMETERS,
					chatPublic: true,
				});
				deployed = await deployTemplates(stack, credentials, setups);
			},
		);
		if (!deployed) throw new Error('the templates did not import; nothing else can run');

		const context = {
			root: ROOT,
			stack,
			credentials,
			deployed,
			standIn,
			model,
			vapiSecret: DEMO_SECRETS.vapiSecret,
		};
		await nodeTypeTests(t, context);
		await credentialTestTests(t, context);
		await conversationTests(t, context);
		await vapiEdgeCaseTests(t, context);
		await callStartTests(t, context);
		await hubspotTriggerTests(t, context);
		await automaticModeTests(t, context);
		await oauth2Tests(t, context);
		await aiAgentTests(t, { ...context, setScript: (next) => (script = next) });
		// The editor in headless Chromium, on this stack (test/browser/); --no-browser skips it.
		if (!process.argv.includes('--no-browser')) await browserTests(t, { ...context, log });
	} catch (error) {
		t.results.push({ name: 'setup', ok: false, error });
		console.error(`\n[e2e] stopped early: ${error.stack ?? error}`);
	} finally {
		if (stack) await stack.stop();
		await standIn.close();
		await model.close();
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
