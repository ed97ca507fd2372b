#!/usr/bin/env node
'use strict';

/**
 * End-to-end tests in n8n 2.41.1's queue mode (issue 14): Postgres and Redis (Debian's packages,
 * installed when missing), main + webhook processor(s) behind a round-robin spreader + two workers,
 * the packed package in every process's user folder, the HubSpot sandbox. Prints "N passed, M
 * failed", exits 1 on any failure, and leaves no process or port behind.
 *
 *   node test/e2e/queue.js [--keep] [--tarball FILE]
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startQueueStack } = require('../../scripts/lib/queueStack');
const {
	createSandboxCredentials,
	deployTemplates,
	templateSetups,
} = require('../../scripts/demo/deployment');
const { platformAccess } = require('../../scripts/demo/platformRequests');
const { startVoicePlatformStandIn } = require('../../scripts/demo/voicePlatformStandIn');
const { createRunner } = require('./harness');
const { OUTBOUND_TRIGGER_PARAMETERS } = require('./suites/hubspotTrigger');
const {
	BOOK_PATH,
	bookingTests,
	bookingWorkflow,
	receptionistTests,
	restartTests,
	triggerRows,
	triggerUrlOf,
} = require('./suites/queueMode');

const ROOT = path.join(__dirname, '..', '..');

function optionValue(name) {
	const index = process.argv.indexOf(name);
	return index > 0 ? process.argv[index + 1] : undefined;
}

async function portsStillOpen(ports) {
	const net = require('node:net');
	const open = [];
	for (const port of ports) {
		const answered = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (answered) open.push(port);
	}
	return open;
}

async function main() {
	const keep = process.argv.includes('--keep');
	const started = performance.now();
	const t = createRunner();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-scheduling-queue-'));
	const log = (message) => console.log(`[queue] ${message}`);
	const standIn = await startVoicePlatformStandIn();
	let stack;
	let ports = [];
	let pids = [];
	try {
		stack = await startQueueStack({
			root: ROOT,
			workDir,
			log,
			tarball: optionValue('--tarball'),
			webhookProcessors: 1,
			workers: 2,
		});
		const credentials = await createSandboxCredentials(stack.api, stack.sandbox);
		const deployed = await deployTemplates(
			{ ...stack, n8n: { url: stack.webhookUrl } },
			credentials,
			templateSetups({
				voicePlatformUrl: standIn.url,
				outboundTrigger: OUTBOUND_TRIGGER_PARAMETERS,
			}).filter((setup) => ['vapiReceptionist', 'outboundCall'].includes(setup.key)),
		);
		const booking = await stack.api.createWorkflow(bookingWorkflow(credentials));
		await stack.api.activateWorkflow(booking.id);
		const context = {
			root: ROOT,
			stack,
			deployed,
			credentials,
			access: platformAccess(deployed),
			bookUrl: `${stack.webhookUrl}/webhook/${BOOK_PATH}`,
			triggerUrl: triggerUrlOf(stack, deployed),
		};

		await receptionistTests(t, context);
		await bookingTests(t, context);
		const { seen } = await triggerRows(t, context, 'queue mode, 1 webhook processor');
		await stack.addWebhookProcessor();
		await triggerRows(t, context, 'queue mode, 2 webhook processors');
		await restartTests(t, context, seen);
	} catch (error) {
		t.results.push({ name: 'setup', ok: false, error });
		console.error(`\n[queue] stopped early: ${error.stack ?? error}`);
	} finally {
		if (stack) {
			pids = stack.pids();
			ports = [
				stack.postgres.port,
				stack.redis.port,
				new URL(stack.sandbox.url).port,
				new URL(stack.webhookUrl).port,
				...stack.processNames().map((name) => new URL(stack.urlOf(name)).port),
			].map(Number);
			await stack.stop();
		}
		await standIn.close();
		if (keep) log(`kept ${workDir} (data and logs)`);
		else fs.rmSync(workDir, { recursive: true, force: true });
	}
	if (stack) {
		t.describe('Clean-up');
		await t.test('every process stopped and every port closed', async () => {
			const alive = pids.filter((pid) => {
				try {
					process.kill(pid, 0);
					return true;
				} catch {
					return false;
				}
			});
			const open = await portsStillOpen(ports);
			if (alive.length > 0 || open.length > 0)
				throw new Error(`still running: pids ${alive.join(',')}; ports ${open.join(',')}`);
		});
	}
	const { passed, failed, skipped, failures } = t.summary();
	if (failed > 0) console.log(`\nFailed:\n${failures.map((name) => `  - ${name}`).join('\n')}`);
	console.log(
		`\n${passed} passed, ${failed} failed, ${skipped} skipped (${((performance.now() - started) / 1000).toFixed(1)} s)`,
	);
	process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
