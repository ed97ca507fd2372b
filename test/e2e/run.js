#!/usr/bin/env node
'use strict';

/**
 * End-to-end tests in the real n8n (`npm run test:e2e`):
 * npm pack -> fresh n8n 2.41.1 user folder -> tarball installed as a community package -> n8n started
 * -> templates imported and published against the HubSpot sandbox -> driven with the requests voice
 * platforms and HubSpot send. Prints "N passed, M failed" and exits 1 on any failure.
 *
 *   node test/e2e/run.js [--keep] [--voice] [--no-browser] [--n8n-version <x.y.z>]
 *     --keep leaves the work folder (n8n data, logs) for inspection; --voice runs only the voice-template suites
 *     --no-browser skips the browser suite (test/browser/), which otherwise runs on the same stack
 *     --n8n-version runs the suite in another n8n (default 2.41.1; the compatibility job uses 1.123.81)
 *
 * The first run on a machine installs n8n into ~/.cache/n8n-nodes-hubspot-scheduling (about 5-6 min).
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// Read by scripts/lib/n8nInstall.js when it loads, so it must be set before the stack is required.
const versionFlag = process.argv.indexOf('--n8n-version');
if (versionFlag !== -1)
	process.env.HUBSPOT_SCHEDULING_N8N_VERSION = process.argv[versionFlag + 1] ?? '(missing)';

const { startStack } = require('../../scripts/lib/stack');
const { browserTests } = require('../browser/suite');
const {
	createSandboxCredentials,
	deployTemplates,
	templateSetups,
} = require('../../scripts/demo/deployment');
const { platformAccess } = require('../../scripts/demo/platformRequests');
const { startVoicePlatformStandIn } = require('../../scripts/demo/voicePlatformStandIn');
const { N8N_VERSION } = require('../../scripts/lib/n8nInstall');
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
const { securityTests } = require('./suites/security');
const { oauthUpgradeTests } = require('./suites/oauthUpgrade');
const { contractTests } = require('./suites/contract');
const { templateFileTests } = require('./suites/templateFiles');
const { callStartTests, conversationTests, vapiEdgeCaseTests } = require('./suites/voiceCalls');
const {
	callerBindingTests,
	documentedPayloadTests,
	unauthenticatedRequestTests,
} = require('./suites/voiceSecurity');

const ROOT = path.join(__dirname, '..', '..');

/**
 * Node versions the templates use that n8n 1.x does not have, and the 1.x version with the same
 * parameters: AI Agent 3.1 (n8n 2.x) only adds a guardrails prompt type to 3. In n8n 1.x the
 * AI Agent template is deployed with these; as shipped it needs n8n 2.x.
 */
const N8N_1_NODE_VERSIONS = { '@n8n/n8n-nodes-langchain.agent': { 3.1: 3 } };

function withN8n1NodeVersions(api, log) {
	return {
		...api,
		createWorkflow: (workflow) =>
			api.createWorkflow({
				...workflow,
				nodes: workflow.nodes.map((node) => {
					const older = N8N_1_NODE_VERSIONS[node.type]?.[node.typeVersion];
					if (older === undefined) return node;
					log(
						`n8n 1.x: "${node.name}" (${node.type}) at version ${older} instead of ${node.typeVersion}`,
					);
					return { ...node, typeVersion: older };
				}),
			}),
	};
}

async function main() {
	const keep = process.argv.includes('--keep');
	const started = performance.now();
	const t = createRunner();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-scheduling-e2e-'));
	const log = (message) => console.log(`[e2e] ${message}`);
	log(`n8n ${N8N_VERSION}`);
	let script = () => ({ role: 'assistant', content: 'No script set.' });
	const standIn = await startVoicePlatformStandIn();
	const model = await startScriptedModel((request) => script(request));
	let stack;
	try {
		await templateFileTests(t, { root: ROOT });
		const exchangesFile = path.join(workDir, 'sandbox-exchanges.jsonl');
		stack = await startStack({
			root: ROOT,
			workDir,
			log,
			sandboxArgs: ['--exchanges', exchangesFile],
		});
		if (N8N_VERSION.startsWith('1.')) stack.api = withN8n1NodeVersions(stack.api, log);
		const credentials = await createSandboxCredentials(stack.api, stack.sandbox, {
			openAiUrl: model.url,
		});
		let deployed;
		t.describe('Import');
		await t.test(
			'all seven templates import into n8n and publish (the AI Agent one with the scripted model)',
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
			access: platformAccess(deployed),
		};
		// --voice runs only the voice-template suites (quicker while working on workflows/).
		const voiceOnly = process.argv.includes('--voice');
		if (!voiceOnly) {
			await nodeTypeTests(t, context);
			await credentialTestTests(t, context);
		}
		await conversationTests(t, context);
		await vapiEdgeCaseTests(t, context);
		await callStartTests(t, context);
		await unauthenticatedRequestTests(t, context);
		await callerBindingTests(t, context);
		await documentedPayloadTests(t, context);
		if (!voiceOnly) {
			await hubspotTriggerTests(t, context);
			await automaticModeTests(t, context);
			await oauth2Tests(t, context);
			await aiAgentTests(t, { ...context, setScript: (next) => (script = next) });
			// The editor in headless Chromium, on this stack (test/browser/); --no-browser skips it.
			if (!process.argv.includes('--no-browser')) await browserTests(t, { ...context, log });
			await securityTests(t, context);
			await contractTests(t, { root: ROOT, file: exchangesFile });
			await oauthUpgradeTests(t, context);
		}
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
		`\n${passed} passed, ${failed} failed in n8n ${N8N_VERSION} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
	);
	process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
