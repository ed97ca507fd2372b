#!/usr/bin/env node
'use strict';

/**
 * End-to-end tests in the real n8n (`npm run test:e2e`):
 * npm pack -> fresh n8n 2.41.1 user folder -> tarball installed as a community package -> n8n started
 * -> templates imported and published against the HubSpot sandbox -> driven with the requests voice
 * platforms and HubSpot send. Runs on node:test (one test per suite, one subtest per group); prints
 * node:test's report, then "N passed, M failed, K skipped", and exits 1 on any failure.
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
const { after, describe } = require('node:test');

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
const { beforeSuites, createTally, printSummaryOnExit, registerSuite } = require('./harness');
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

/**
 * @param {ReturnType<typeof import('../../scripts/lib/n8nApi').publicApi>} api
 * @param {(message: string) => void} log
 */
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

const keep = process.argv.includes('--keep');
// --voice runs only the voice-template suites (quicker while working on workflows/).
const voiceOnly = process.argv.includes('--voice');
// The editor in headless Chromium, on this stack (test/browser/); --no-browser skips it.
const withBrowser = !voiceOnly && !process.argv.includes('--no-browser');
const log = (/** @type {string} */ message) => console.log(`[e2e] ${message}`);
const tally = createTally();
printSummaryOnExit(tally, () => `in n8n ${N8N_VERSION}`);

registerSuite(tally, 'Template files', templateFileTests, () => ({ root: ROOT }));

describe(`In n8n ${N8N_VERSION}, one stack for every suite`, () => {
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-scheduling-e2e-'));
	const exchangesFile = path.join(workDir, 'sandbox-exchanges.jsonl');
	/** @type {(request: { messages: object[], tools?: object[] }) => object} */
	let script = () => ({ role: 'assistant', content: 'No script set.' });
	/** @type {Awaited<ReturnType<typeof startVoicePlatformStandIn>> | undefined} */
	let standIn;
	/** @type {Awaited<ReturnType<typeof startScriptedModel>> | undefined} */
	let model;
	/** @type {Awaited<ReturnType<typeof startStack>> | undefined} */
	let stack;
	/** @type {Awaited<ReturnType<typeof createSandboxCredentials>> | undefined} */
	let credentials;
	/** @type {Awaited<ReturnType<typeof deployTemplates>> | undefined} */
	let deployed;

	beforeSuites(tally, { tag: 'e2e', what: 'stand-ins, stack, credentials' }, async () => {
		log(`n8n ${N8N_VERSION}`);
		standIn = await startVoicePlatformStandIn();
		model = await startScriptedModel((request) => script(request));
		stack = await startStack({
			root: ROOT,
			workDir,
			log,
			sandboxArgs: ['--exchanges', exchangesFile],
		});
		if (N8N_VERSION.startsWith('1.')) stack.api = withN8n1NodeVersions(stack.api, log);
		credentials = await createSandboxCredentials(stack.api, stack.sandbox, {
			openAiUrl: model.url,
		});
	});

	after(async () => {
		if (stack) await stack.stop();
		await standIn?.close();
		await model?.close();
		if (keep) log(`kept ${workDir} (n8n data and logs)`);
		else fs.rmSync(workDir, { recursive: true, force: true });
	});

	/** What every suite is given; only read once `before` has built the stack. */
	const context = () => {
		if (!stack || !credentials || !standIn || !model || !deployed)
			throw new Error('the stack is not running');
		return {
			root: ROOT,
			stack,
			credentials,
			deployed,
			standIn,
			model,
			access: platformAccess(deployed),
		};
	};
	const notImported = () => !deployed && 'the templates did not import; nothing else can run';
	/**
	 * @param {string} name
	 * @param {(t: import('./harness').SuiteRunner, context: any) => Promise<unknown>} suiteFunction
	 * @param {(shared: ReturnType<typeof context>) => object} [contextFor]
	 */
	const suite = (name, suiteFunction, contextFor = (shared) => shared) =>
		registerSuite(tally, name, suiteFunction, () => contextFor(context()), {
			skip: notImported,
		});

	registerSuite(
		tally,
		'Import',
		async (t) => {
			t.describe('Import');
			await t.test(
				'all seven templates import into n8n and publish (the AI Agent one with the scripted model)',
				async () => {
					if (!stack || !credentials || !standIn) throw new Error('the stack is not running');
					const setups = templateSetups({
						voicePlatformUrl: standIn.url,
						outboundTrigger: OUTBOUND_TRIGGER_PARAMETERS,
						chatPublic: true,
					});
					deployed = await deployTemplates(stack, credentials, setups);
				},
			);
		},
		() => undefined,
	);
	if (!voiceOnly) {
		suite('Node types', nodeTypeTests);
		suite('Credential test', credentialTestTests);
	}
	suite('Voice calls', conversationTests);
	suite('Vapi edge cases', vapiEdgeCaseTests);
	suite('Call start', callStartTests);
	suite('Unauthenticated requests', unauthenticatedRequestTests);
	suite('Caller binding', callerBindingTests);
	suite('Documented payloads', documentedPayloadTests);
	if (!voiceOnly) {
		suite('HubSpot trigger', hubspotTriggerTests);
		suite('Trigger in automatic mode', automaticModeTests);
		suite('OAuth2', oauth2Tests);
		suite('AI Agent', aiAgentTests, (shared) => ({
			...shared,
			setScript: (/** @type {typeof script} */ next) => (script = next),
		}));
		if (withBrowser) suite('Browser', browserTests, (shared) => ({ ...shared, log }));
		suite('Security', securityTests);
		suite('Contract', contractTests, () => ({ root: ROOT, file: exchangesFile }));
		suite('OAuth upgrade', oauthUpgradeTests);
	}
});
