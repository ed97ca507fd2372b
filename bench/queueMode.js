#!/usr/bin/env node
'use strict';

/**
 * Benchmark group 7 (issue 14): bookings per second in the real n8n 2.41.1, one process beside queue
 * mode (main + webhook processor + two workers at concurrency 10), with the HubSpot sandbox answering
 * every request 150 ms late and enforcing HubSpot's limits (190 calls per 10 s rolling, 5 searches
 * per second). For each link (personal, round-robin) and booking method, N different bookings
 * (different slots and guests) are sent at once through a Webhook → Book workflow. Prints, from the
 * sandbox's request log: the wall time, bookings per second, HubSpot calls per booking by endpoint
 * (the cross-process checks marked), 429s by policy, and the rate-limit floor for the calls actually
 * made. Writes bench/results/queue-latest.json. Needs the package built and packed (`npm run bench`
 * does it) and, for queue mode, root or Postgres and Redis installed. Nothing here asserts a timing.
 *
 *   node bench/queueMode.js [--tarball FILE] [--bookings N] [--modes single,queue]
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
/** HubSpot's TEN_SECONDLY_ROLLING limit for a private app (Professional, Enterprise): the sandbox's. */
const CALLS_PER_10_S = 190;
/** HubSpot's CRM search limit per account; searches do not count against the 10-second window. */
const SEARCHES_PER_S = 5;
const WINDOW_MS = 10_000;
const CASES = [
	{ link: 'alex-demo', method: 'meetingLink' },
	{ link: 'alex-demo', method: 'crmRecord' },
	{ link: 'team/ai-booked-call', method: 'meetingLink' },
	{ link: 'team/ai-booked-call', method: 'crmRecord' },
];
const ZONE = 'America/New_York';
/**
 * Calls that exist only to keep a promise across processes (issue 14): they are counted apart so the
 * table shows what that safety costs. Everything else a booking calls is listed by endpoint too.
 */
const CROSS_PROCESS_CHECKS = [
	{
		endpoint: 'POST /crm/objects/meetings/search',
		why: "organizer's meetings in the slot, read back after the write",
	},
];

const log = (message) => console.error(`bench: ${message}`);

function optionValue(name) {
	const index = process.argv.indexOf(name);
	return index > 0 ? process.argv[index + 1] : undefined;
}

/** Free starts at least an hour apart (longer than any booking plus its buffer), so no booking touches another. */
async function spacedStarts(sandbox, slug, count) {
	const fromMs = DateTime.now().setZone(ZONE).plus({ days: 1 }).startOf('day').toMillis();
	const { starts } = await freeSlots(sandbox, {
		slug,
		zone: ZONE,
		fromMs,
		toMs: fromMs + 56 * 86_400_000,
	});
	const chosen = [];
	for (const start of starts) {
		if (chosen.length === 0 || start - chosen[chosen.length - 1] >= 3_600_000) chosen.push(start);
		if (chosen.length === count) break;
	}
	return chosen;
}

/** "GET /scheduler/meetings/meeting-links/book/{slug}": a logged request without versions, ids or slugs. */
function endpointOf(entry) {
	const path = decodeURIComponent(entry.path.split('?')[0])
		.replace(/\/(v\d+|\d{4}-\d{2})(?=\/)/, '')
		.replace(/\/book\/(?!availability-page).+$/, '/book/{slug}')
		.replace(/\/availability-page\/.+$/, '/availability-page/{slug}')
		.replace(/\/\d+(?=\/|$)/g, '/{id}')
		.replace(/\/[^/]*@[^/]*$/, '/{email}');
	return `${entry.method} ${path}`;
}

/**
 * The least time HubSpot's limits allow for these calls: the 10-second window admits at most 190
 * calls in any 10 s, search at most 5 in any second (the two run side by side), and each booking's
 * calls follow one another, each waiting one latency.
 */
function floorSeconds({ windowCalls, searches, rounds }) {
	const windowFloor = Math.max(0, Math.ceil(windowCalls / CALLS_PER_10_S) - 1) * (WINDOW_MS / 1000);
	const searchFloor = Math.max(0, Math.ceil(searches / SEARCHES_PER_S) - 1);
	return Math.max(windowFloor, searchFloor) + (rounds * LATENCY_MS) / 1000;
}

/** A booking whose answer never came (undici gives up after 300 s on a starved machine) counts as failed. */
async function postJson(url, body) {
	let response;
	try {
		response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	} catch (error) {
		const failure = /** @type {Error & { cause?: { code?: string } }} */ (error);
		return { status: 0, ok: false, answer: { error: failure.cause?.code ?? failure.message } };
	}
	const answer = /** @type {{ error?: unknown, message?: unknown }} */ (
		await response.json().catch(() => ({}))
	);
	return { status: response.status, ok: response.ok && !answer.error, answer };
}

async function measureOne(stack, webhookUrl, { link, method }, bookings) {
	await stack.sandboxControl.reset();
	const starts = await spacedStarts(stack.sandbox, link, bookings);
	// Nothing of an earlier row is left in HubSpot's window, nor in the node's pacers.
	await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 1_000));
	await stack.sandboxControl.clearLog();
	const began = performance.now();
	const answers = await Promise.all(
		starts.map((startMs, index) =>
			postJson(`${webhookUrl}/webhook/${BOOK_PATH}`, {
				slug: link,
				zone: ZONE,
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
		(entry) => !entry.path.startsWith('/__sandbox'),
	);
	const booked = answers.filter((answer) => answer.ok).length;
	const admitted = requests.filter((entry) => entry.status !== 429);
	const isSearch = (entry) => entry.path.split('?')[0].endsWith('/search');
	const byEndpoint = {};
	for (const entry of admitted)
		byEndpoint[endpointOf(entry)] = (byEndpoint[endpointOf(entry)] ?? 0) + 1;
	const perBooking = (count) => (booked > 0 ? Number((count / booked).toFixed(2)) : Number.NaN);
	const checks = CROSS_PROCESS_CHECKS.reduce(
		(sum, check) => sum + (byEndpoint[check.endpoint] ?? 0),
		0,
	);
	const windowCalls = admitted.filter((entry) => !isSearch(entry)).length;
	const searches = admitted.length - windowCalls;
	const floor = floorSeconds({
		windowCalls,
		searches,
		rounds: Math.ceil(admitted.length / Math.max(1, booked)),
	});
	return {
		link,
		method,
		bookings: starts.length,
		booked,
		failed: answers
			.filter((answer) => !answer.ok)
			.map((answer) =>
				`${answer.status} ${answer.answer?.error ?? answer.answer?.message ?? ''}`.trim(),
			)
			.slice(0, 3),
		seconds: Number(seconds.toFixed(2)),
		bookingsPerSecond: Number((booked / seconds).toFixed(2)),
		callsPerBooking: perBooking(admitted.length),
		crossProcessChecksPerBooking: perBooking(checks),
		windowCalls,
		searches,
		rateLimited10s: requests.filter((entry) => entry.status === 429 && !isSearch(entry)).length,
		rateLimitedSearch: requests.filter((entry) => entry.status === 429 && isSearch(entry)).length,
		floorSeconds: Number(floor.toFixed(2)),
		floorBookingsPerSecond: Number((booked / floor).toFixed(2)),
		wallOverFloor: Number((seconds / floor).toFixed(2)),
		callsPerBookingByEndpoint: Object.fromEntries(
			Object.entries(byEndpoint).map(([endpoint, count]) => [endpoint, perBooking(count)]),
		),
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
		for (const benchCase of CASES) {
			log(`${mode}: ${bookings} bookings at once, ${benchCase.link}, ${benchCase.method}`);
			rows.push({
				mode,
				...(await measureOne(stack, stack.webhookUrl ?? stack.n8n.url, benchCase, bookings)),
			});
		}
		return rows;
	} finally {
		if (stack) await stack.stop();
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

async function main() {
	const bookings = Number(optionValue('--bookings') ?? 100);
	const modes = (optionValue('--modes') ?? 'single,queue').split(',');
	let tarball = optionValue('--tarball');
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-scheduling-bench-pack-'));
	try {
		if (!tarball) {
			const node = ensureNode24({ log });
			const env = { ...process.env, PATH: `${node.binDir}${path.delimiter}${process.env.PATH}` };
			tarball = buildAndPack({ root: ROOT, destination: packDir, env, log });
		}
		const loadBefore = os.loadavg();
		const rows = [];
		for (const mode of modes) rows.push(...(await measureMode(mode, { tarball, bookings })));
		const loadAfter = os.loadavg();
		console.log(
			`\n7. ${bookings} bookings at once in the real n8n, sandbox +${LATENCY_MS} ms, ${CALLS_PER_10_S} calls / 10 s and ${SEARCHES_PER_S} searches / s`,
		);
		console.table(
			rows.map(({ callsPerBookingByEndpoint, failed, ...row }) => ({
				...row,
				failed: failed.length > 0 ? failed.join('; ') : '',
			})),
		);
		for (const row of rows) {
			console.log(`${row.mode} ${row.link} ${row.method}: calls per booking by endpoint`);
			console.table(row.callsPerBookingByEndpoint);
		}
		for (const benchCase of CASES) {
			const single = rows.find(
				(row) =>
					row.mode === 'single' && row.link === benchCase.link && row.method === benchCase.method,
			);
			const queue = rows.find(
				(row) =>
					row.mode === 'queue' && row.link === benchCase.link && row.method === benchCase.method,
			);
			if (single && queue)
				console.log(
					`queue / single, ${benchCase.link} ${benchCase.method}: ${(queue.seconds / single.seconds).toFixed(2)}× the wall time`,
				);
		}
		console.log(
			`Cross-process checks counted: ${CROSS_PROCESS_CHECKS.map((check) => `${check.endpoint} (${check.why})`).join('; ')}`,
		);
		console.log(
			`Load average (1, 5, 15 min): ${loadBefore.map((value) => value.toFixed(2)).join(', ')} before, ${loadAfter.map((value) => value.toFixed(2)).join(', ')} after`,
		);
		const results = path.join(ROOT, 'bench', 'results');
		fs.mkdirSync(results, { recursive: true });
		fs.writeFileSync(
			path.join(results, 'queue-latest.json'),
			`${JSON.stringify({ at: new Date().toISOString(), loadBefore, loadAfter, bookings, rows }, null, 2)}\n`,
		);
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
