'use strict';

/**
 * Hand-run check of the real-n8n helpers (not part of jest: it takes ~30–60 s):
 *   node scripts/lib/smoke.js [--keep]
 * Installs a tiny packed community package, imports a credential with the CLI, starts n8n 2.41.1
 * in a temp user folder on free ports, sets up the owner, creates an API key, creates and
 * activates Webhook → probe node → Respond to Webhook through the public API, POSTs to it,
 * prints the answer and the step timings, and stops n8n. Exits 1 if the answer is wrong.
 */

const { execFileSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { installPackageTarball } = require('./communityPackage');
const { createApiKey, publicApi, setupOwner, waitForWebhook } = require('./n8nApi');
const { ensureN8n } = require('./n8nInstall');
const { CLI_SUCCESS, runCli, startN8n } = require('./n8nProcess');

const PROBE_PACKAGE = 'n8n-nodes-smoke-probe';
const PROBE_NODE_SOURCE = `'use strict';
class Probe {
	constructor() {
		this.description = {
			displayName: 'Probe', name: 'probe', group: ['transform'], version: 1, description: 'Marks items',
			defaults: { name: 'Probe' }, inputs: ['main'], outputs: ['main'], properties: [],
		};
	}
	async execute() {
		return [this.getInputData().map((item, index) => ({ json: { ...item.json, probe: 'loaded' }, pairedItem: { item: index } }))];
	}
}
module.exports = { Probe };
`;

const timings = [];
async function step(label, action) {
	const started = performance.now();
	const result = await action();
	const seconds = (performance.now() - started) / 1000;
	timings.push([label, seconds]);
	console.log(`[smoke] ${label}: ${seconds.toFixed(2)} s`);
	return result;
}

/** Packs a one-node community package with `npm pack`, as a publisher would. */
function packProbePackage(workDir) {
	const dir = path.join(workDir, PROBE_PACKAGE);
	fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
	fs.writeFileSync(path.join(dir, 'dist', 'Probe.node.js'), PROBE_NODE_SOURCE);
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({
			name: PROBE_PACKAGE,
			version: '0.0.1',
			files: ['dist'],
			n8n: { n8nNodesApiVersion: 1, nodes: ['dist/Probe.node.js'], credentials: [] },
			peerDependencies: { 'n8n-workflow': '*' },
			devDependencies: { typescript: '5.9.2' },
		}),
	);
	const tarball = execFileSync('npm', ['pack', '--quiet', '--pack-destination', workDir], {
		cwd: dir,
		encoding: 'utf8',
	}).trim();
	const file = tarball.split('\n').pop();
	if (!file) throw new Error('npm pack printed no file name');
	return path.join(workDir, file);
}

function smokeWorkflow(webhookPath) {
	return {
		name: 'Smoke: webhook round trip',
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path: webhookPath,
					responseMode: 'responseNode',
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'Probe',
				type: `${PROBE_PACKAGE}.probe`,
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
			{
				id: randomUUID(),
				name: 'Respond',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [440, 0],
				parameters: {
					respondWith: 'json',
					responseBody: '={{ { "hello": $json.body.name, "probe": $json.probe } }}',
					options: {},
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] },
			Probe: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
		},
	};
}

async function main() {
	const keep = process.argv.includes('--keep');
	await step('ensure n8n install', () => ensureN8n());
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-smoke-'));
	const userFolder = path.join(workDir, 'data');
	let n8n;
	try {
		const tarball = await step('npm pack probe package', () => packProbePackage(workDir));
		const installed = await step('install packed package', () =>
			installPackageTarball(tarball, userFolder),
		);
		console.log(`[smoke] installed ${installed.name}@${installed.version} into ${installed.dir}`);

		const credentialsFile = path.join(workDir, 'credentials.json');
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify([
				{
					id: 'smokeHeaderAuth1',
					name: 'Smoke header',
					type: 'httpHeaderAuth',
					data: { name: 'X-Smoke', value: '1' },
				},
			]),
		);
		await step('CLI import:credentials', () =>
			runCli(['import:credentials', `--input=${credentialsFile}`], {
				userFolder,
				expect: CLI_SUCCESS.importCredentials,
			}),
		);

		n8n = await step('start n8n until /healthz/readiness', () => startN8n({ userFolder }));
		const cookie = await step('owner setup', () =>
			setupOwner(n8n.url, { email: 'owner@example.com', password: 'Smoke-Passw0rd' }),
		);
		const apiKey = await step('create API key', () => createApiKey(n8n.url, cookie));
		const api = publicApi(n8n.url, apiKey);
		const webhookPath = `smoke-${randomUUID()}`;
		const workflow = await step('create + activate workflow (public API)', async () => {
			const created = await api.createWorkflow(smokeWorkflow(webhookPath));
			await api.activateWorkflow(created.id);
			return created;
		});
		const answer = await step('first POST to the webhook', () =>
			waitForWebhook(n8n.url, webhookPath, { body: { name: 'Ada' } }),
		);
		console.log(
			`[smoke] webhook answered ${answer.status} after ${answer.attempts} attempt(s): ${JSON.stringify(answer.body)}`,
		);
		const again = await step('second POST to the webhook', () =>
			waitForWebhook(n8n.url, webhookPath, { body: { name: 'Grace' } }),
		);
		console.log(`[smoke] webhook answered ${again.status}: ${JSON.stringify(again.body)}`);
		const executions = await api.listExecutions({ workflowId: workflow.id });
		console.log(
			`[smoke] executions: ${executions.data.map(({ id, status, mode }) => `${id}:${status}:${mode}`).join(', ')}`,
		);

		const ok =
			answer.status === 200 &&
			JSON.stringify(answer.body) === JSON.stringify({ hello: 'Ada', probe: 'loaded' }) &&
			JSON.stringify(again.body) === JSON.stringify({ hello: 'Grace', probe: 'loaded' });
		process.exitCode = ok ? 0 : 1;
		console.log(ok ? '[smoke] OK' : '[smoke] FAILED: unexpected webhook answer');
	} finally {
		if (n8n) {
			const status = await step('stop n8n (SIGTERM)', () => n8n.stop());
			console.log(`[smoke] n8n exited with ${JSON.stringify(status)}`);
		}
		if (keep) console.log(`[smoke] kept ${workDir}`);
		else fs.rmSync(workDir, { recursive: true, force: true });
	}
	console.log(
		`[smoke] total ${timings.reduce((sum, [, seconds]) => sum + seconds, 0).toFixed(1)} s`,
	);
}

main().catch((error) => {
	console.error(`[smoke] ${error.stack ?? error}`);
	process.exitCode = 1;
});
