'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');

const { track } = require('./childProcesses');

const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--remote-debugging-port=0',
];

/**
 * Debian's Chromium (apt-get install chromium) driven over the DevTools protocol with Node's own
 * WebSocket, so taking a screenshot needs no npm package. Each session gets a fresh profile folder.
 * @param {{ executable?: string, width?: number, height?: number, timeoutMs?: number }} [options]
 */
async function launchChromium({
	executable = 'chromium',
	width = 1600,
	height = 1000,
	timeoutMs = 30_000,
} = {}) {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
	const child = spawn(
		executable,
		[...FLAGS, `--user-data-dir=${profile}`, `--window-size=${width},${height}`, 'about:blank'],
		{
			stdio: 'ignore',
		},
	);
	track(child);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const close = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		await exited;
		fs.rmSync(profile, { recursive: true, force: true });
	};
	try {
		const port = await devToolsPort(profile, child, timeoutMs);
		const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
		const page = targets.find((target) => target.type === 'page');
		const session = await connect(page.webSocketDebuggerUrl);
		await session.send('Emulation.setDeviceMetricsOverride', {
			width,
			height,
			deviceScaleFactor: 1,
			mobile: false,
		});
		return {
			...session,
			close: async () => {
				session.close();
				await close();
			},
		};
	} catch (error) {
		await close();
		throw error;
	}
}

/** Chromium writes the port it picked into the profile once DevTools listens. */
async function devToolsPort(profile, child, timeoutMs) {
	const file = path.join(profile, 'DevToolsActivePort');
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`chromium exited with code ${child.exitCode}`);
		if (fs.existsSync(file)) {
			const [port] = fs.readFileSync(file, 'utf8').split('\n');
			if (/^\d+$/.test(port)) return Number(port);
		}
		await sleep(100);
	}
	throw new Error(`chromium did not open DevTools within ${timeoutMs} ms`);
}

function connect(url) {
	const socket = new WebSocket(url);
	const pending = new Map();
	let nextId = 1;
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(event.data);
		const waiter = pending.get(message.id);
		if (!waiter) return;
		pending.delete(message.id);
		if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
		else waiter.resolve(message.result);
	});
	const send = (method, params = {}) =>
		new Promise((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve, reject, method });
			socket.send(JSON.stringify({ id, method, params }));
		});
	/** Runs `expression` in the page and returns its (awaited) value. */
	const evaluate = async (expression) => {
		const { result, exceptionDetails } = await send('Runtime.evaluate', {
			expression,
			awaitPromise: true,
			returnByValue: true,
		});
		if (exceptionDetails)
			throw new Error(
				`page script failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
			);
		return result.value;
	};
	/** Polls a page expression until it is truthy. */
	const waitFor = async (what, expression, timeoutMs = 30_000) => {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (await evaluate(expression).catch(() => false)) return;
			await sleep(200);
		}
		throw new Error(`the page did not show ${what} within ${timeoutMs} ms`);
	};
	const screenshot = async (file) => {
		const { data } = await send('Page.captureScreenshot', { format: 'png' });
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, Buffer.from(data, 'base64'));
	};
	return new Promise((resolve, reject) => {
		socket.addEventListener('open', () =>
			resolve({ send, evaluate, waitFor, screenshot, close: () => socket.close() }),
		);
		socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)));
	});
}

module.exports = { launchChromium };
