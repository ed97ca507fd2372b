'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const { track } = require('./childProcesses');

const START_TIMEOUT_MS = 30_000;

/**
 * Starts the HubSpot sandbox CLI (`build/sandbox/main.js`, compiled by `tsc -p tsconfig.tools.json`)
 * on a free port and resolves with the JSON line it prints once listening.
 * Its stderr (usage and webhook attempt lines) goes to `logFile`.
 * @param {{ root: string, nodeBin?: string, logFile: string, args?: string[] }} options
 * @returns {Promise<{ url: string, serviceKey: string, clientId: string, clientSecret: string,
 *   appId: number, developerApiKey: string, pid: number, stop: () => Promise<void> }>}
 */
async function startSandboxProcess({ root, nodeBin = process.execPath, logFile, args = [] }) {
	const main = path.join(root, 'build', 'sandbox', 'main.js');
	if (!fs.existsSync(main)) {
		throw new Error(`${main} is missing: run "npx tsc -p tsconfig.tools.json" first`);
	}
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const errFd = fs.openSync(logFile, 'a');
	const child = spawn(nodeBin, [main, '--port', '0', ...args], {
		cwd: root,
		stdio: ['ignore', 'pipe', errFd],
	});
	fs.closeSync(errFd);
	track(child);

	const exited = new Promise((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		await exited;
	};
	const info = await firstJsonLine(child, exited);
	return { ...info, pid: child.pid, stop };
}

function firstJsonLine(child, exited) {
	const lines = readline.createInterface({ input: child.stdout });
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGTERM');
			reject(new Error(`the sandbox printed nothing within ${START_TIMEOUT_MS} ms`));
		}, START_TIMEOUT_MS);
		lines.once('line', (line) => {
			clearTimeout(timer);
			try {
				resolve(JSON.parse(line));
			} catch {
				reject(new Error(`the sandbox printed "${line}" instead of its JSON line`));
			}
		});
		exited.then(({ code, signal }) => {
			clearTimeout(timer);
			reject(new Error(`the sandbox exited (code ${code}, signal ${signal}) before listening`));
		});
	});
}

/**
 * The sandbox's control API (`/__sandbox/...`), which plays HubSpot's side: its state, a contact
 * typed into HubSpot's UI, the app's webhook settings, redelivery and token expiry.
 * @param {string} url the sandbox URL
 */
function sandboxControl(url) {
	const call = async (method, route, body) => {
		const response = await fetch(`${url}/__sandbox/${route}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} /__sandbox/${route} answered ${response.status}: ${text}`);
		return text === '' ? undefined : JSON.parse(text);
	};
	return {
		reset: () => call('POST', 'reset'),
		state: () => call('GET', 'state'),
		log: () => call('GET', 'log').then((body) => body.requests),
		clearLog: () => call('DELETE', 'log'),
		/** @param {Record<string, string>} properties */
		createContact: (properties) => call('POST', 'contacts', { properties }).then((body) => body.id),
		/** @param {{ url: string, eventFormat: 'legacy' | 'generic' }} target */
		setWebhookTarget: (target) => call('POST', 'webhooks/target', target),
		clearWebhookTarget: () => call('DELETE', 'webhooks/target'),
		deliveries: () => call('GET', 'deliveries').then((body) => body.deliveries ?? body),
		redeliver: () => call('POST', 'webhooks/redeliver'),
		flushWebhooks: () => call('POST', 'webhooks/flush'),
		expireTokens: () => call('POST', 'tokens/expire'),
		clock: () => call('GET', 'clock'),
		/** @param {string | number} at ISO date-time or epoch ms: the sandbox's clock from now on */
		setClock: (at) => call('POST', 'clock', { at }),
		addFault: (rule) => call('POST', 'faults', rule),
		clearFaults: () => call('DELETE', 'faults'),
	};
}

module.exports = { startSandboxProcess, sandboxControl };
