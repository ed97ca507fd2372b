#!/usr/bin/env node
'use strict';

/**
 * The demo (`npm run demo`, or `node index.js demo` on any Node):
 * builds and packs the package, starts the HubSpot sandbox, installs the tarball into a fresh n8n
 * 2.41.1 user folder as a community package, creates credentials that point at the sandbox, imports
 * and publishes the workflow templates, and prints the editor login, the webhook URLs and one curl
 * per template. Runs until Ctrl-C, which stops n8n and the sandbox (and nothing else).
 *
 *   node scripts/demo.js           interactive
 *   node scripts/demo.js --check   unattended: plays one receptionist call, prints what the caller
 *                                  hears, stops everything, exits 1 if any step failed
 *   node scripts/demo.js --queue   the same on n8n's queue mode: Postgres and Redis (Debian's packages,
 *                                  installed when missing), main, a webhook processor behind a
 *                                  round-robin spreader, two workers (combine with --check)
 */

const fs = require('node:fs');
const path = require('node:path');

const { projectCacheDir } = require('./lib/cacheDir');
const { connectOAuth2 } = require('./lib/oauthFlow');
const { startQueueStack } = require('./lib/queueStack');
const { startStack } = require('./lib/stack');
const { runCheck } = require('./demo/check');
const {
	createSandboxCredentials,
	deployTemplates,
	nodeWebhookUrl,
	templateSetups,
} = require('./demo/deployment');
const { demoGuide } = require('./demo/guide');
const { platformAccess } = require('./demo/platformRequests');
const { startVoicePlatformStandIn } = require('./demo/voicePlatformStandIn');

const ROOT = path.join(__dirname, '..');
const RUNS_DIR = path.join(projectCacheDir(), 'demo');
const EVERY_DAY = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

const log = (message) => console.log(`[demo] ${message}`);

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Each run gets a fresh n8n user folder; folders of earlier runs that have ended are removed. */
function freshRunDir() {
	fs.mkdirSync(RUNS_DIR, { recursive: true });
	for (const entry of fs.readdirSync(RUNS_DIR)) {
		const pidFile = path.join(RUNS_DIR, entry, 'demo.pid');
		const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8')) : 0;
		if (!pid || !isAlive(pid))
			fs.rmSync(path.join(RUNS_DIR, entry), { recursive: true, force: true });
	}
	const dir = path.join(RUNS_DIR, `run-${new Date().toISOString().replace(/[:.]/g, '-')}`);
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'demo.pid'), String(process.pid));
	return dir;
}

function describeCall(call) {
	const customer = call.body?.customer ?? {};
	log(
		`voice platform stand-in: outbound call requested to ${customer.number} (${customer.name}), HubSpot contact ${call.body?.assistantOverrides?.variableValues?.hubspotContactId}`,
	);
}

async function main() {
	const check = process.argv.includes('--check');
	const queue = process.argv.includes('--queue');
	log(check ? 'check mode: start everything, play one call, stop' : 'starting the demo');
	const workDir = freshRunDir();
	const standIn = await startVoicePlatformStandIn({ onCall: describeCall });
	let stack;
	try {
		stack = queue
			? await startQueueStack({ root: ROOT, workDir, log })
			: await startStack({ root: ROOT, workDir, log });
	} catch (error) {
		// Nothing else may keep the process alive after a failed start (the stand-in listens).
		await standIn.close();
		throw error;
	}
	process.once('exit', () =>
		log(
			'pids' in stack
				? `stopping n8n (pids ${stack.pids().join(', ')}), the sandbox, Redis and Postgres`
				: `stopping n8n (pid ${stack.n8n.pid}) and the sandbox (pid ${stack.sandbox.pid})`,
		),
	);
	// Webhooks (templates' URLs, the check's calls) go to the webhook processors in queue mode.
	const webhookStack = queue ? { ...stack, n8n: { ...stack.n8n, url: stack.webhookUrl } } : stack;
	try {
		const credentials = await createSandboxCredentials(stack.api, stack.sandbox);
		await connectOAuth2({
			n8nUrl: stack.n8n.url,
			cookie: stack.cookie,
			credentialId: credentials.oAuth2.id,
		});
		log("credentials created; the OAuth2 one is connected through the sandbox's consent page");
		const setups = templateSetups({
			voicePlatformUrl: standIn.url,
			outboundTrigger: { callDays: EVERY_DAY },
		});
		const deployed = await deployTemplates(webhookStack, credentials, setups);
		log(`imported ${Object.keys(deployed).length} templates from workflows/`);
		const outboundTriggerUrl = nodeWebhookUrl(
			webhookStack.n8n.url,
			deployed.outboundCall.template,
			'New HubSpot contact',
			'hubspot-contact-created',
		);
		await stack.sandboxControl.setWebhookTarget({
			url: outboundTriggerUrl,
			eventFormat: 'generic',
		});

		if (check) {
			const failures = await runCheck({
				n8nUrl: webhookStack.n8n.url,
				sandbox: stack.sandbox,
				access: platformAccess(deployed),
			});
			console.log(failures === 0 ? '\nCheck passed.' : `\nCheck FAILED: ${failures} problem(s).`);
			process.exitCode = failures === 0 ? 0 : 1;
			return;
		}
		console.log(
			demoGuide({
				stack,
				deployed,
				access: platformAccess(deployed),
				outboundTriggerUrl,
				voicePlatformUrl: standIn.url,
			}),
		);
		// Runs until Ctrl-C: the child-process tracker stops n8n and the sandbox on SIGINT/SIGTERM.
		await new Promise(() => {});
	} finally {
		await stack.stop();
		await standIn.close();
	}
}

main().catch((error) => {
	console.error(`[demo] failed: ${error.stack ?? error}`);
	process.exitCode = 1;
});
