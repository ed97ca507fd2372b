#!/usr/bin/env node
'use strict';

/**
 * Benchmark group 7 (issue 14): bookings per second in the real n8n 2.41.1, one process beside queue
 * mode (main + webhook processor + two workers), with the HubSpot sandbox answering every request
 * 150 ms late and enforcing HubSpot's 10-second rolling limit. 50 different bookings (different
 * slots and guests) are sent at once through a Webhook → Book workflow, per booking method. Prints
 * the wall time, bookings per second, HubSpot calls per booking and 429s, and the rate-limit floor
 * (190 calls per 10 s divided by the calls one booking makes). Writes bench/results/queue-latest.json.
 * Needs the package built and packed (`npm run bench` does it) and, for queue mode, root or
 * Postgres and Redis installed. Nothing here asserts a timing.
 *
 *   node bench/queueMode.js [--tarball FILE] [--bookings N]
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { DateTime } = require('luxon');

const { createSandboxCredentials } = require('../scripts/demo/deployment');
const { freeSlots } = require('../scripts/demo/expectedAnswers');
const { ensureNode24 } = require('../scripts/lib/node24');
const { buildAndPack } = require('../scripts/lib/packageTarball');
const { startQueueStack } = require('../scripts/lib/queueStack');
const { startStack } = require('../scripts/lib/stack');
const { BOOK_PATH, bookingWorkflow } = require('../test/e2e/suites/queueMode');

const ROOT = path.join(__dirname, '..');
const LATENCY_MS = 150;
/** HubSpot's TEN_SECONDLY_ROLLING limit for a private app or OAuth install on most tiers. */
const CALLS_PER_10_S = 190;
const LINK = { slug: 'alex-demo', zone: 'America/New_York' };
const METHODS = ['meetingLink', 'crmRecord'];

const log = (message) => console.error(`bench: ${message}`);

function optionValue(name) {
	const index = process.argv.indexOf(name);
	return index > 0 ? process.argv[index + 1] : undefined;
}

/** Free starts at least two hours apart, so no booking's buffers touch another's. */
async function spacedStarts(sandbox, count) {
	const fromMs = DateTime.now().setZone(LINK.zone).plus({ days: 1 }).startOf('day').toMillis();
	const { starts } = await freeSlots(sandbox, {
		slug: LINK.slug,
		zone: LINK.zone,
		fromMs,
		toMs: fromMs + 56 * 86_400_000,
	});
	const chosen = [];
	for (const start of starts) {
		if (chosen.length === 0 || start - chosen[chosen.length - 1] >= 2 * 3_600_000)
			chosen.push(start);
		if (chosen.length === count) break;
	}
	return chosen;
}

async function postJson(url, body) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const answer = /** @type {{ error?: unknown }} */ (await response.json().catch(() => ({})));
	return { status: response.status, ok: response.ok && !answer.error, answer };
}

async function measureOne(stack, webhookUrl, method, bookings) {
	await stack.sandboxControl.reset();
	const starts = await spacedStarts(stack.sandbox, bookings);
	await stack.sandboxControl.clearLog();
	const began = performance.now();
	const answers = await Promise.all(
		starts.map((startMs, index) =>
			postJson(`${webhookUrl}/webhook/${BOOK_PATH}`, {
				slug: LINK.slug,
				zone: LINK.zone,
				startTime: new Date(startMs).toISOString(),
				method,
				fullName: 'Bench Guest',
				email: `bench.guest.${index}@example.test`,
				phone: '',
			}),
		),
	);
	const seconds = (performance.now() - began) / 1000;
	const requests = (await stack.sandboxControl.log()).filter(
		(entry) => !entry.path.startsWith('/__sandbox') && entry.kind !== 'page',
	);
	const booked = answers.filter((answer) => answer.ok).length;
	const callsPerBooking = booked > 0 ? requests.length / booked : Number.NaN;
	return {
		method,
		bookings: starts.length,
		booked,
		seconds: Number(seconds.toFixed(2)),
		bookingsPerSecond: Number((booked / seconds).toFixed(2)),
		calls: requests.length,
		callsPerBooking: Number(callsPerBooking.toFixed(2)),
		rateLimited: requests.filter((entry) => entry.status === 429).length,
		floorBookingsPerSecond: Number((CALLS_PER_10_S / 10 / callsPerBooking).toFixed(2)),
	};
}

async function measureMode(mode, { tarball, bookings }) {
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `hubspot-scheduling-bench-${mode}-`));
	const sandboxArgs = ['--latency', String(LATENCY_MS)];
	let stack;
	try {
		stack =
			mode === 'queue'
				? await startQueueStack({ root: ROOT, workDir, log, tarball, sandboxArgs })
				: await startStack({
						root: ROOT,
						workDir,
						log,
						tarball,
						sandboxArgs,
						startTimeoutMs: 600_000,
					});
		const credentials = await createSandboxCredentials(stack.api, stack.sandbox);
		const workflow = await stack.api.createWorkflow(bookingWorkflow(credentials));
		await stack.api.activateWorkflow(workflow.id);
		const rows = [];
		for (const method of METHODS) {
			log(`${mode}: ${bookings} bookings at once, ${method}`);
			rows.push({
				mode,
				...(await measureOne(stack, stack.webhookUrl ?? stack.n8n.url, method, bookings)),
			});
		}
		return rows;
	} finally {
		if (stack) await stack.stop();
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

async function main() {
	const bookings = Number(optionValue('--bookings') ?? 50);
	let tarball = optionValue('--tarball');
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-scheduling-bench-pack-'));
	try {
		if (!tarball) {
			const node = ensureNode24({ log });
			const env = { ...process.env, PATH: `${node.binDir}${path.delimiter}${process.env.PATH}` };
			tarball = buildAndPack({ root: ROOT, destination: packDir, env, log });
		}
		const rows = [
			...(await measureMode('single', { tarball, bookings })),
			...(await measureMode('queue', { tarball, bookings })),
		];
		console.log(
			`\n7. Bookings at once in the real n8n, sandbox +${LATENCY_MS} ms and ${CALLS_PER_10_S} calls / 10 s`,
		);
		console.table(rows);
		const results = path.join(ROOT, 'bench', 'results');
		fs.mkdirSync(results, { recursive: true });
		fs.writeFileSync(
			path.join(results, 'queue-latest.json'),
			`${JSON.stringify({ at: new Date().toISOString(), loadavg: os.loadavg(), rows }, null, 2)}\n`,
		);
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
