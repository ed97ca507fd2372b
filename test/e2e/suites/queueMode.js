'use strict';

const assert = require('node:assert/strict');
const http = require('node:http');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');

const { DateTime } = require('luxon');

const {
	finalStateProblems,
	planConversation,
	playConversation,
	sandboxState,
} = require('../../../scripts/demo/conversation');
const { nodeWebhookUrl } = require('../../../scripts/demo/deployment');
const { freeSlots } = require('../../../scripts/demo/expectedAnswers');
const { SCHEDULING_NODE } = require('../../../workflows/src/nodes');
const { eventually } = require('../harness');

/**
 * The package's promises in n8n's queue mode (issue 14's two tables): the same booking fired at
 * once lands on different workers and still makes one meeting; HubSpot's deliveries, redelivered
 * to other webhook processes or after every process restarted, start one execution.
 */

const TRIGGER_NODE = 'New HubSpot contact';
const TRIGGER_PATH = 'hubspot-contact-created';
const BOOK_PATH = 'queue-mode-book';
const GUEST = {
	fullName: 'Quentin Queue',
	email: 'quentin.queue@example.test',
	phone: '+14155550199',
};
const LINKS = [
	{ label: 'Personal link', slug: 'alex-demo', zone: 'America/New_York' },
	{ label: 'Round-robin team link', slug: 'team/ai-booked-call', zone: 'America/New_York' },
];
const METHODS = [
	{ label: 'Meeting Link', value: 'meetingLink' },
	{ label: 'CRM Record', value: 'crmRecord' },
];
const FIRES = [2, 5, 10];
const ROUNDS = 3;

/** Webhook → Book, its answer the node's output: the Book request a voice agent's tool makes. */
function bookingWorkflow(credentials) {
	return {
		name: 'Queue mode: book',
		nodes: [
			{
				id: 'e1f6b0a2-7f57-4a43-9d7e-2b1c8f0a0001',
				name: 'Book request',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'e1f6b0a2-7f57-4a43-9d7e-2b1c8f0a0002',
				parameters: {
					httpMethod: 'POST',
					path: BOOK_PATH,
					responseMode: 'lastNode',
					responseData: 'firstEntryJson',
					options: {},
				},
			},
			{
				id: 'e1f6b0a2-7f57-4a43-9d7e-2b1c8f0a0003',
				name: 'Book',
				type: SCHEDULING_NODE,
				typeVersion: 1,
				position: [240, 0],
				onError: 'continueRegularOutput',
				parameters: {
					authentication: 'serviceKey',
					operation: 'book',
					meetingLink: { __rl: true, mode: 'slug', value: '={{ $json.body.slug }}' },
					startTime: '={{ $json.body.startTime }}',
					timeZone: '={{ $json.body.zone }}',
					email: '={{ $json.body.email }}',
					fullName: '={{ $json.body.fullName }}',
					phone: '={{ $json.body.phone }}',
					method: '={{ $json.body.method }}',
					options: {},
				},
				credentials: { hubSpotSchedulingServiceKeyApi: credentials.serviceKey },
			},
		],
		connections: { 'Book request': { main: [[{ node: 'Book', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * @typedef {{ booked?: boolean, alreadyBooked?: boolean, meetingId?: string, warning?: string,
 *   note?: string, error?: unknown }} BookAnswer
 */

/** @returns {Promise<{ status: number, body: BookAnswer | undefined }>} */
async function postJson(url, body) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return {
		status: response.status,
		body: /** @type {BookAnswer | undefined} */ (await response.json().catch(() => undefined)),
	};
}

/** Free starts of a link from tomorrow on, skipping what earlier rounds used. */
async function freeStarts(sandbox, link) {
	const fromMs = DateTime.now().setZone(link.zone).plus({ days: 1 }).startOf('day').toMillis();
	const { starts } = await freeSlots(sandbox, {
		slug: link.slug,
		zone: link.zone,
		fromMs,
		toMs: fromMs + 28 * 86_400_000,
	});
	return starts;
}

function meetingsAt(state, startMs) {
	return state.meetings.filter(
		(meeting) =>
			!meeting.archived && Date.parse(meeting.properties.hs_meeting_start_time) === startMs,
	);
}

/**
 * Cases the package does not pass yet (issue 14; README "Running in queue mode"). They are listed,
 * not run, unless HUBSPOT_SCHEDULING_QUEUE_KNOWN_GAPS=1: with two webhook processors, copies of one
 * unseen delivery arriving together can start one execution on each, and two deliveries whose
 * requests overlap on two processors can each save the memory without the other's keys (n8n saves
 * static data whole, read at the request's start; nothing a webhook node can reach in n8n 2.41.1
 * claims a key atomically across processes).
 */
const RUN_KNOWN_GAPS = process.env.HUBSPOT_SCHEDULING_QUEUE_KNOWN_GAPS === '1';
const KNOWN_GAP = 'known gap in queue mode, see README "Running in queue mode"';

async function bookingTests(t, { stack, bookUrl }) {
	t.describe('Queue mode, 2 workers: the same Book request fired 2, 5 and 10 times at once');
	for (const link of LINKS) {
		for (const method of METHODS) {
			const name = `${link.label}, ${method.label}: 1 meeting in each of ${ROUNDS} rounds of ${FIRES.join(', ')}`;
			await t.test(name, async () => {
				await stack.sandboxControl.reset();
				const starts = await freeStarts(stack.sandbox, link);
				const problems = [];
				let round = 0;
				for (const fires of FIRES) {
					for (let repeat = 0; repeat < ROUNDS; repeat += 1) {
						// Two slots apart, so one round's meeting (and its buffers) never touches the next.
						const startMs = starts[round * 8];
						round += 1;
						assert.ok(startMs, `${link.slug} has no free slot left for round ${round}`);
						const request = {
							slug: link.slug,
							zone: link.zone,
							startTime: new Date(startMs).toISOString(),
							method: method.value,
							...GUEST,
						};
						// Meetings already at that time belong to other people (on a team link, the slot is
						// free while one member is, whatever another organizer's calendar holds): only the
						// meetings this round made count.
						const before = new Set(
							meetingsAt(await sandboxState(stack.sandbox), startMs).map((meeting) => meeting.id),
						);
						const answers = await Promise.all(
							Array.from({ length: fires }, () => postJson(bookUrl, request)),
						);
						const meetings = meetingsAt(await sandboxState(stack.sandbox), startMs).filter(
							(meeting) => !before.has(meeting.id),
						);
						if (meetings.length !== 1)
							problems.push(
								`${fires} at once: ${meetings.length} meetings (${meetings.map((meeting) => `${meeting.id} owner ${meeting.properties.hubspot_owner_id} created ${meeting.properties.hs_createdate}`).join('; ')}); answers ${JSON.stringify(answers.map((answer) => [answer.status, answer.body?.alreadyBooked, answer.body?.meetingId, answer.body?.warning ?? answer.body?.note ?? answer.body?.error]))}`,
							);
						// Every copy is the same guest's request: each one hears it is booked.
						const unbooked = answers.filter((answer) => answer.body?.booked !== true);
						if (unbooked.length > 0)
							problems.push(
								`${fires} at once: ${unbooked.length} answers not booked: ${JSON.stringify(unbooked[0].body?.error ?? unbooked[0].body)}`,
							);
					}
				}
				assert.deepEqual(problems, []);
			});
		}
	}
}

/** HubSpot's v3 signature for a delivery sent now (the sandbox's own implementation). */
function signedHeaders(root, secret, url, rawBody) {
	const { signatureV3 } = require(path.join(root, 'build', 'sandbox', 'webhookSignature.js'));
	const timestamp = String(Date.now());
	return {
		'content-type': 'application/json',
		'x-hubspot-signature-v3': signatureV3(secret, 'POST', url, rawBody, timestamp),
		'x-hubspot-request-timestamp': timestamp,
	};
}

let nextEventId = 7_100_000_000;

/** A contact-creation delivery in the generic format, as HubSpot's project app sends it. */
function deliveryFor(contactIds, sandbox) {
	return JSON.stringify(
		contactIds.map((contactId) => ({
			eventId: (nextEventId += 1),
			subscriptionId: 4_100_001,
			portalId: 12_345_678,
			appId: sandbox.appId,
			occurredAt: Date.now(),
			subscriptionType: 'object.creation',
			attemptNumber: 0,
			objectId: Number(contactId),
			objectTypeId: '0-1',
			changeSource: 'CRM_UI',
		})),
	);
}

/**
 * Sends a delivery signed for HubSpot's URL (the spreader's) straight to one webhook process (or,
 * without a name, to the spreader), the Host header kept, as a balancer's turn would. Like HubSpot,
 * a delivery that is not answered 2xx is sent again (freshly signed), up to 3 more times: under load
 * the trigger may run out of its enrichment budget and answer 500, releasing its events for the retry.
 */
async function deliver(context, rawBody, processName) {
	let answer;
	for (let attempt = 0; attempt < 4; attempt += 1) {
		answer = await deliverOnce(context, rawBody, processName);
		if (answer.status >= 200 && answer.status < 300) {
			countAnnounced(context.deployed.outboundCall.id, answer);
			return answer;
		}
		await sleep(1000);
	}
	return answer;
}

/**
 * Executions the trigger's answers announced, per workflow: an answer's `started` counts the events
 * it handed to an execution, and n8n creates that execution only after the trigger has answered.
 */
const announcedExecutions = new Map();

function countAnnounced(workflowId, answer) {
	let started = 0;
	try {
		started = Number(JSON.parse(answer.body).started) || 0;
	} catch {
		started = 0;
	}
	if (started > 0)
		announcedExecutions.set(workflowId, (announcedExecutions.get(workflowId) ?? 0) + 1);
}

async function deliverOnce({ root, stack, triggerUrl }, rawBody, processName) {
	const signed = new URL(triggerUrl);
	const target = processName ? new URL(stack.urlOf(processName)) : signed;
	const headers = {
		...signedHeaders(root, stack.sandbox.clientSecret, triggerUrl, rawBody),
		host: signed.host,
	};
	return await new Promise((resolve, reject) => {
		const outgoing = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: 'POST',
				path: `${signed.pathname}${signed.search}`,
				headers,
			},
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString() }),
				);
			},
		);
		outgoing.on('error', reject);
		outgoing.end(rawBody);
	});
}

/**
 * Executions the trigger started (mode `webhook`; the template's per-contact sub-executions are
 * `integrated`), counted in Postgres once every execution an answer announced exists and none is
 * still new or running. (n8n's public API lists only executions that have ended.) Counted are those
 * whose data holds the trigger's items (`eventId`): when the trigger refuses a delivery by throwing
 * (its HubSpot read ran out of the 3.5 s budget under load), n8n answers 500 and also records a
 * failed execution with an empty item that runs no node after the trigger; HubSpot sends that
 * delivery again.
 */
async function settledCount(stack, workflowId) {
	return await eventually(
		'the trigger executions to finish',
		async () => {
			const [row] = stack.postgres.psql(
				`select count(*) filter (where e.status in ('new', 'running')), count(*) filter (where d.data like '%"eventId"%') from execution_entity e left join execution_data d on d."executionId" = e.id where e."workflowId" = '${workflowId}' and e.mode = 'webhook'`,
			);
			const [unfinished, total] = row.split('\t').map(Number);
			const created = total >= (announcedExecutions.get(workflowId) ?? 0);
			return unfinished === 0 && created ? total : undefined;
		},
		{ timeoutMs: 120_000, intervalMs: 500 },
	);
}

async function createContacts(stack, count, label) {
	const ids = [];
	for (let index = 0; index < count; index += 1) {
		ids.push(
			await stack.sandboxControl.createContact({
				firstname: `${label}${index}`,
				lastname: 'Queue',
				email: `${label.toLowerCase()}${index}.${Date.now()}@queue.test`,
			}),
		);
	}
	return ids;
}

/**
 * The trigger table's rows on the current stack: `processes` are the webhook processes deliveries
 * may reach (one or two).
 */
async function triggerRows(t, context, column) {
	const { stack, deployed } = context;
	const workflowId = deployed.outboundCall.id;
	const webhooks = stack.processNames().filter((name) => name.startsWith('webhook-'));
	const other = (name) => webhooks[(webhooks.indexOf(name) + 1) % webhooks.length];
	t.describe(`New-lead trigger, ${column}`);
	let seen;

	await t.test('first delivery of 3 contacts: 1 execution', async () => {
		const before = await settledCount(stack, workflowId);
		seen = deliveryFor(await createContacts(stack, 3, 'First'), stack.sandbox);
		const answer = await deliver(context, seen, webhooks[0]);
		assert.equal(answer.status, 200, answer.body);
		assert.equal((await settledCount(stack, workflowId)) - before, 1);
	});

	await t.test('3 sequential and 5 concurrent redeliveries: 0 executions', async () => {
		const before = await settledCount(stack, workflowId);
		for (let index = 0; index < 3; index += 1)
			await deliver(context, seen, webhooks[index % webhooks.length]);
		await Promise.all(
			Array.from({ length: 5 }, (_, index) =>
				deliver(context, seen, webhooks[index % webhooks.length]),
			),
		);
		assert.equal((await settledCount(stack, workflowId)) - before, 0);
	});

	const gap = webhooks.length > 1 && !RUN_KNOWN_GAPS;
	if (gap) t.skip('5 concurrent copies of an unseen delivery: 1 execution', KNOWN_GAP);
	else
		await t.test('5 concurrent copies of an unseen delivery: 1 execution', async () => {
			const before = await settledCount(stack, workflowId);
			const fresh = deliveryFor(await createContacts(stack, 1, 'Copies'), stack.sandbox);
			await Promise.all(
				Array.from({ length: 5 }, (_, index) =>
					deliver(context, fresh, webhooks[index % webhooks.length]),
				),
			);
			assert.equal((await settledCount(stack, workflowId)) - before, 1);
		});

	if (gap)
		t.skip(
			'2 different deliveries at once, then each redelivered to the other process: 2 executions',
			KNOWN_GAP,
		);
	else
		await t.test(
			'2 different deliveries at once, then each redelivered to the other process: 2 executions',
			async () => {
				const before = await settledCount(stack, workflowId);
				const one = deliveryFor(await createContacts(stack, 1, 'One'), stack.sandbox);
				const two = deliveryFor(await createContacts(stack, 1, 'Two'), stack.sandbox);
				const first = webhooks[0];
				const second = other(first);
				await Promise.all([deliver(context, one, first), deliver(context, two, second)]);
				await settledCount(stack, workflowId);
				await Promise.all([deliver(context, one, second), deliver(context, two, first)]);
				assert.equal((await settledCount(stack, workflowId)) - before, 2);
			},
		);
	return { seen };
}

async function restartTests(t, context, seen) {
	const { stack, deployed } = context;
	const workflowId = deployed.outboundCall.id;
	t.describe('Every n8n process restarted between delivery and redelivery');
	await t.test('a delivery seen before the restart starts nothing after it', async () => {
		// Delivered once and never again before the restart: what remembers it is only the save of
		// the delivery that started its execution (the earlier rows' redeliveries saved `seen` too).
		const onceBefore = await settledCount(stack, workflowId);
		const once = deliveryFor(await createContacts(stack, 1, 'Once'), stack.sandbox);
		const first = await deliver(context, once);
		assert.equal(first.status, 200, first.body);
		assert.equal((await settledCount(stack, workflowId)) - onceBefore, 1);

		const before = await settledCount(stack, workflowId);
		// Main first (it owns the activation), then the others at once.
		await stack.restart('main');
		await Promise.all(
			stack
				.processNames()
				.filter((name) => name !== 'main')
				.map((name) => stack.restart(name)),
		);
		for (const delivery of [seen, once]) {
			const answer = await deliver(context, delivery);
			assert.equal(answer.status, 200, answer.body);
			assert.equal(JSON.parse(answer.body).started, 0, answer.body);
		}
		assert.equal((await settledCount(stack, workflowId)) - before, 0);
	});
}

async function receptionistTests(t, { stack, access }) {
	t.describe('Queue mode: the receptionist conversation through the Vapi template');
	await t.test(
		'Vapi: exact answers through the webhook processor and workers, nothing doubled or lost',
		async () => {
			await stack.sandboxControl.reset();
			const plan = await planConversation(stack.sandbox, { timeStyle: 'iso' });
			const results = await playConversation({
				n8nUrl: stack.webhookUrl,
				plan,
				platform: 'vapi-arguments',
				access,
			});
			assert.deepEqual(
				results
					.filter((result) => !result.ok)
					.map((result) => `${result.step.name}: ${JSON.stringify(result.heard)}`),
				[],
			);
			assert.deepEqual(await finalStateProblems(stack.sandbox, plan), []);
		},
	);
}

/** The trigger URL HubSpot calls: the spreader in front of the webhook processes. */
function triggerUrlOf(stack, deployed) {
	return nodeWebhookUrl(
		stack.webhookUrl,
		deployed.outboundCall.template,
		TRIGGER_NODE,
		TRIGGER_PATH,
	);
}

module.exports = {
	bookingWorkflow,
	bookingTests,
	triggerRows,
	restartTests,
	receptionistTests,
	triggerUrlOf,
	BOOK_PATH,
};
