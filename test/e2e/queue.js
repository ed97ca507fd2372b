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
const { after, describe } = require('node:test');

const { startQueueStack } = require('../../scripts/lib/queueStack');
const {
	createSandboxCredentials,
	deployTemplates,
	templateSetups,
} = require('../../scripts/demo/deployment');
const { platformAccess } = require('../../scripts/demo/platformRequests');
const { startVoicePlatformStandIn } = require('../../scripts/demo/voicePlatformStandIn');
const { beforeSuites, createTally, printSummaryOnExit, registerSuite } = require('./harness');
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

/** @param {string} name */
function optionValue(name) {
	const index = process.argv.indexOf(name);
	return index > 0 ? process.argv[index + 1] : undefined;
}

/** @param {number[]} ports */
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

const keep = process.argv.includes('--keep');
const log = (/** @type {string} */ message) => console.log(`[queue] ${message}`);
const tally = createTally();
printSummaryOnExit(tally);
/** What the stack ran (read before it is stopped), for the clean-up check at the end. */
/** @type {{ started: boolean, pids: number[], ports: number[] }} */
const ran = { started: false, pids: [], ports: [] };

describe('Queue mode: main, webhook processors behind a spreader, two workers', () => {
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-scheduling-queue-'));
	/** @type {Awaited<ReturnType<typeof startVoicePlatformStandIn>> | undefined} */
	let standIn;
	/** @type {Awaited<ReturnType<typeof startQueueStack>> | undefined} */
	let stack;
	/** @type {object | undefined} */
	let shared;
	/** Deliveries the first trigger rows made, redelivered after the restart. */
	let seen;

	beforeSuites(tally, { tag: 'queue', what: 'stack, credentials, workflows' }, async () => {
		standIn = await startVoicePlatformStandIn();
		stack = await startQueueStack({
			root: ROOT,
			workDir,
			log,
			tarball: optionValue('--tarball'),
			webhookProcessors: 1,
			workers: 2,
		});
		ran.started = true;
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
		shared = {
			root: ROOT,
			stack,
			deployed,
			credentials,
			access: platformAccess(deployed),
			bookUrl: `${stack.webhookUrl}/webhook/${BOOK_PATH}`,
			triggerUrl: triggerUrlOf(stack, deployed),
		};
	});

	after(async () => {
		if (stack) {
			const running = stack;
			ran.pids = running.pids();
			ran.ports = [
				running.postgres.port,
				running.redis.port,
				new URL(running.sandbox.url).port,
				new URL(running.webhookUrl).port,
				...running.processNames().map((name) => new URL(running.urlOf(name)).port),
			].map(Number);
			await running.stop();
		}
		await standIn?.close();
		if (keep) log(`kept ${workDir} (data and logs)`);
		else fs.rmSync(workDir, { recursive: true, force: true });
	});

	const context = () => {
		if (!shared) throw new Error('the stack is not running');
		return shared;
	};
	registerSuite(tally, 'Receptionist', receptionistTests, context);
	registerSuite(tally, 'Booking', bookingTests, context);
	registerSuite(
		tally,
		'Trigger, 1 webhook processor',
		async (t, shared) => {
			({ seen } = await triggerRows(t, shared, 'queue mode, 1 webhook processor'));
		},
		context,
	);
	registerSuite(
		tally,
		'Trigger, 2 webhook processors',
		async (t, shared) => {
			await stack?.addWebhookProcessor();
			await triggerRows(t, shared, 'queue mode, 2 webhook processors');
		},
		context,
	);
	registerSuite(tally, 'Restarts', (t, shared) => restartTests(t, shared, seen), context);
});

registerSuite(
	tally,
	'Clean-up',
	async (t) => {
		t.describe('Clean-up');
		await t.test('every process stopped and every port closed', async () => {
			const alive = ran.pids.filter((pid) => {
				try {
					process.kill(pid, 0);
					return true;
				} catch {
					return false;
				}
			});
			const open = await portsStillOpen(ran.ports);
			if (alive.length > 0 || open.length > 0)
				throw new Error(`still running: pids ${alive.join(',')}; ports ${open.join(',')}`);
		});
	},
	() => undefined,
	{ skip: () => !ran.started && 'the stack never started' },
);
