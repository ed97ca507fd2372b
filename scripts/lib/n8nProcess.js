'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');

const { track } = require('./childProcesses');
const { n8nEnv } = require('./n8nEnv');
const { ensureN8n, n8nBinPath } = require('./n8nInstall');
const { ensureNode24 } = require('./node24');
const { freePort } = require('./ports');

const READINESS_POLL_MS = 250;
const TAIL_LINES = 40;

/**
 * The child writes straight into a log file rather than a pipe to this process: an n8n whose
 * stdout pipe closes (parent gone) spins at 100% CPU during shutdown instead of exiting.
 */
function openLog(logFile) {
	const fd = fs.openSync(logFile, 'a');
	const startOffset = fs.fstatSync(fd).size;
	const written = () => {
		const size = fs.statSync(logFile).size - startOffset;
		const buffer = Buffer.alloc(size);
		const readFd = fs.openSync(logFile, 'r');
		try {
			fs.readSync(readFd, buffer, 0, size, startOffset);
		} finally {
			fs.closeSync(readFd);
		}
		return buffer.toString('utf8');
	};
	return {
		fd,
		/** Everything this child wrote. */
		written,
		/** Its last lines, for error messages. */
		tail: () => written().split('\n').filter(Boolean).slice(-TAIL_LINES).join('\n'),
		/** The parent's copy of the descriptor; the child keeps its own. */
		closeParentCopy: () => fs.closeSync(fd),
	};
}

function waitForExit(child) {
	if (child.exitCode !== null || child.signalCode !== null) {
		return Promise.resolve({ exitCode: child.exitCode, signal: child.signalCode });
	}
	return new Promise((resolve) =>
		child.once('exit', (exitCode, signal) => resolve({ exitCode, signal })),
	);
}

async function answersOk(url) {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
		await response.arrayBuffer();
		return response.ok;
	} catch {
		return false;
	}
}

/**
 * Ready for the REST API too: n8n 1.x answers `/healthz/readiness` once its database is migrated,
 * before it has mounted `/rest/*`; `/rest/settings` answers once it has.
 */
async function isReady(url) {
	return (await answersOk(`${url}/healthz/readiness`)) && (await answersOk(`${url}/rest/settings`));
}

/** Polls readiness until it answers ok, the child dies, or the deadline passes. */
async function waitUntilReady(ready, url, child, output, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(
				`n8n exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready:\n${output.tail()}`,
			);
		}
		if (await ready()) return;
		await sleep(READINESS_POLL_MS);
	}
	throw new Error(`n8n was not ready at ${url} within ${timeoutMs} ms:\n${output.tail()}`);
}

async function distinctPorts(port, brokerPort) {
	const serverPort = port ?? (await freePort());
	let runnerPort = brokerPort ?? (await freePort());
	while (runnerPort === serverPort) runnerPort = await freePort();
	return { serverPort, runnerPort };
}

/**
 * Starts `n8n start` (2.41.1 on Node 24) on 127.0.0.1 with its state in `userFolder`, and resolves
 * once `/healthz/readiness` answers. Output goes to `<userFolder>/n8n.log`.
 * Queue mode's other processes: `command: ['webhook']` or `['worker', '--concurrency=10']`, with
 * `readinessUrl` for a worker (its health check port).
 * @param {{ userFolder: string, port?: number, brokerPort?: number, env?: Record<string, string>,
 *   log?: (message: string) => void, startTimeoutMs?: number, command?: string[],
 *   readinessUrl?: string }} options
 * @returns {Promise<{ url: string, port: number, brokerPort: number, pid: number, logFile: string,
 *   stop: (options?: { timeoutMs?: number }) => Promise<{ exitCode: number | null, signal: string | null }>,
 *   exited: () => boolean }>}
 */
async function startN8n({
	userFolder,
	port,
	brokerPort,
	env,
	log = console.log,
	// A first start runs every database migration; on a loaded two-core machine that alone can take minutes.
	startTimeoutMs = 300_000,
	command = ['start'],
	readinessUrl,
}) {
	const installDir = ensureN8n({ log });
	const node = ensureNode24({ log });
	const { serverPort, runnerPort } = await distinctPorts(port, brokerPort);
	fs.mkdirSync(userFolder, { recursive: true });
	const url = `http://127.0.0.1:${serverPort}`;
	const logFile = path.join(userFolder, 'n8n.log');
	const output = openLog(logFile);

	log(`starting n8n ${command[0]} on ${url} (data in ${userFolder})`);
	const child = spawn(node.nodeBin, [n8nBinPath(installDir), ...command], {
		// bin/n8n loads a .env from its working directory; the data folder has none.
		cwd: userFolder,
		env: n8nEnv({ userFolder, port: serverPort, brokerPort: runnerPort, env }),
		stdio: ['ignore', output.fd, output.fd],
	});
	output.closeParentCopy();
	track(child);

	const stop = async ({ timeoutMs = 30_000 } = {}) => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const giveUp = new AbortController();
			const deadline = sleep(timeoutMs, 'timed out', { signal: giveUp.signal }).catch(
				() => 'cancelled',
			);
			const outcome = await Promise.race([waitForExit(child), deadline]);
			giveUp.abort();
			if (outcome === 'timed out') child.kill('SIGKILL');
		}
		return await waitForExit(child);
	};

	try {
		// A worker has only its health-check port and a webhook processor no REST API; only main has both.
		const ready = readinessUrl
			? () => answersOk(readinessUrl)
			: command[0] === 'start'
				? () => isReady(url)
				: () => answersOk(`${url}/healthz/readiness`);
		await waitUntilReady(ready, readinessUrl ?? url, child, output, startTimeoutMs);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		url,
		port: serverPort,
		brokerPort: runnerPort,
		// Defined: spawn gave the child a process id, or the readiness wait above would have thrown.
		pid: /** @type {number} */ (child.pid),
		logFile,
		stop,
		exited: () => child.exitCode !== null || child.signalCode !== null,
	};
}

/** What n8n 2.41.1 prints when these CLI commands worked (pass as `expect` to `runCli`). */
const CLI_SUCCESS = {
	importCredentials: /Successfully imported \d+ credentials?\./,
	importWorkflow: /Successfully imported \d+ workflows?\./,
	publishWorkflow: /Publishing workflow with ID: /,
};

/**
 * Runs one n8n CLI command (`import:credentials`, `import:workflow`, `publish:workflow`, ...) on
 * `userFolder`. n8n sometimes exits 139 after finishing its work, so pass `expect` (a pattern its
 * output must contain) to judge success; without it the result is returned as is.
 * @param {string[]} args
 * @param {{ userFolder: string, env?: Record<string, string>, brokerPort?: number, expect?: RegExp,
 *   timeoutMs?: number, log?: (message: string) => void }} options
 * @returns {Promise<{ exitCode: number | null, signal: string | null, output: string }>}
 */
async function runCli(
	args,
	{ userFolder, env, brokerPort, expect, timeoutMs = 180_000, log = console.log },
) {
	const installDir = ensureN8n({ log });
	const node = ensureNode24({ log });
	fs.mkdirSync(userFolder, { recursive: true });
	// A running server holds its own broker port; the CLI boots a second broker and needs another.
	const runnerPort = brokerPort ?? (await freePort());
	const output = openLog(path.join(userFolder, 'n8n-cli.log'));
	const child = spawn(node.nodeBin, [n8nBinPath(installDir), ...args], {
		cwd: userFolder,
		env: n8nEnv({ userFolder, brokerPort: runnerPort, env }),
		stdio: ['ignore', output.fd, output.fd],
	});
	output.closeParentCopy();
	track(child);
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const { exitCode, signal } = await waitForExit(child);
	clearTimeout(timer);
	const result = { exitCode, signal, output: output.written() };
	if (expect !== undefined && !expect.test(result.output)) {
		throw new Error(
			`n8n ${args.join(' ')} did not report success (exit ${exitCode}, signal ${signal}):\n${output.tail()}`,
		);
	}
	return result;
}

module.exports = { startN8n, runCli, CLI_SUCCESS };
