#!/usr/bin/env node
'use strict';

/**
 * The demo stops when its launcher is signalled: starts `node index.js demo` as a script would,
 * waits until the guide is printed, checks that n8n answers an unauthenticated caller without a
 * stack trace, sends SIGTERM (then, in a second run, SIGINT) to the launcher's PID only, and checks
 * that the launcher exits and no process it started (n8n, its task runner, the sandbox) and no port
 * it listened on is left. Runs on node:test; prints "N passed, M failed, K skipped"; exits 1 on any
 * failure.
 *
 *   node test/e2e/demoSignals.js [SIGTERM|SIGINT ...]
 *
 * Also exported as `demoSignalTests(t)` for the e2e runner.
 */

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');

const ROOT = path.join(__dirname, '..', '..');
const READY = 'Press Ctrl-C to stop n8n and the sandbox.';
// Generous: the first start on a machine installs n8n, or waits for another process installing it.
const START_TIMEOUT_MS = 25 * 60_000;
const STOP_TIMEOUT_MS = 60_000;

/** Every live process below `pid` (Linux /proc), so nothing the demo started is missed. */
function descendantsOf(pid) {
	const parents = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			// The command name may hold spaces and parentheses: the fields start after the last ")".
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			parents.set(Number(entry), Number(fields[1]));
		} catch {
			// the process ended while we looked
		}
	}
	const found = [];
	const queue = [pid];
	while (queue.length > 0) {
		const parent = queue.shift();
		for (const [child, ppid] of parents) {
			if (ppid === parent && !found.includes(child)) {
				found.push(child);
				queue.push(child);
			}
		}
	}
	return found;
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function portAnswers(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

async function until(what, check, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(250);
	}
}

/** Starts the demo through the launcher and resolves once its guide is printed. */
async function startDemo() {
	const launcher = spawn(process.execPath, [path.join(ROOT, 'index.js'), 'demo'], {
		cwd: ROOT,
		env: { ...process.env, CI: 'true' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	launcher.stdout.on('data', (chunk) => (output += chunk));
	launcher.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) =>
		launcher.once('exit', (code, signal) => resolve({ code, signal })),
	);
	try {
		await until(
			'the demo guide',
			() => {
				if (launcher.exitCode !== null) throw new Error(`the demo exited early:\n${output}`);
				return output.includes(READY);
			},
			START_TIMEOUT_MS,
		);
	} catch (error) {
		for (const pid of [...descendantsOf(launcher.pid), launcher.pid]) {
			if (isAlive(pid)) process.kill(pid, 'SIGKILL');
		}
		throw error;
	}
	const urls = [...output.matchAll(/https?:\/\/127\.0\.0\.1:(\d+)/g)].map((match) =>
		Number(match[1]),
	);
	const n8nUrl = /Editor:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
	return { launcher, exited, ports: [...new Set(urls)], n8nUrl, output: () => output };
}

async function checkSignal(signal) {
	const demo = await startDemo();
	const processes = descendantsOf(demo.launcher.pid);
	try {
		return await stopsOnSignal(demo, processes, signal);
	} finally {
		// A failed check must not leave the demo running: end what this script started.
		for (const pid of [demo.launcher.pid, ...processes]) {
			if (isAlive(pid)) process.kill(pid, 'SIGKILL');
		}
	}
}

async function stopsOnSignal(demo, processes, signal) {
	assert.ok(processes.length >= 3, `expected n8n and the sandbox below the launcher: ${processes}`);
	assert.ok(demo.n8nUrl, 'the guide names no editor URL');
	assert.ok(
		demo.ports.length >= 2,
		`expected the n8n and sandbox ports in the guide: ${demo.ports}`,
	);

	// n8n runs as a self-hoster runs it: an unauthenticated caller gets no stack trace. Checked
	// here, judged at the end, so one run reports both this and the signal handling.
	const probe = await fetch(`${demo.n8nUrl}/webhook/no-such-webhook`, { method: 'POST' });
	const answer = await probe.text();
	const stackTrace = /stacktrace|\\n\s+at /i.test(answer) ? answer.slice(0, 300) : undefined;

	process.kill(demo.launcher.pid, signal);
	const outcome = await Promise.race([
		demo.exited,
		sleep(STOP_TIMEOUT_MS).then(() => ({ timedOut: true })),
	]);
	assert.ok(
		!outcome.timedOut,
		`the launcher did not exit within ${STOP_TIMEOUT_MS / 1000} s of ${signal}`,
	);
	const left = await until(
		'every process the demo started to end',
		() => {
			const alive = processes.filter(isAlive);
			return alive.length === 0 ? [] : undefined;
		},
		10_000,
	).catch(() => processes.filter(isAlive));
	assert.deepEqual(left, [], `processes left after ${signal}`);
	const open = [];
	for (const port of demo.ports) if (await portAnswers(port)) open.push(port);
	assert.deepEqual(open, [], `ports still answering after ${signal}`);
	assert.equal(probe.status, 404);
	assert.equal(stackTrace, undefined, 'n8n sent a stack trace to an unauthenticated caller');
	return { exit: outcome, processes: processes.length, ports: demo.ports };
}

async function demoSignalTests(t, signals = ['SIGTERM', 'SIGINT']) {
	t.describe('Demo process handling: a signal to the launcher stops n8n and the sandbox');
	for (const signal of signals) {
		await t.test(
			`${signal} to the launcher's PID: it exits, and no process or port of the demo is left`,
			async () => {
				await checkSignal(signal);
			},
		);
	}
}

module.exports = { demoSignalTests };

if (require.main === module) {
	const { createTally, printSummaryOnExit, registerSuite } = require('./harness');
	const tally = createTally();
	printSummaryOnExit(tally);
	const signals = process.argv.slice(2).filter((arg) => /^SIG[A-Z]+$/.test(arg));
	registerSuite(
		tally,
		'Demo signals',
		(t) => demoSignalTests(t, signals.length > 0 ? signals : undefined),
		() => undefined,
	);
}
