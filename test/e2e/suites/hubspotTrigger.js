'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');

const { DateTime } = require('luxon');

const { DEMO_SECRETS, nodeWebhookUrl } = require('../../../scripts/demo/deployment');
const { hubspotZone, zoneWhereClockIsBetween } = require('../../../scripts/demo/timeZones');
const { SCHEDULING_TRIGGER, setFields, stableUuid } = require('../../../workflows/src/nodes');
const { eventually } = require('../harness');

const TRIGGER_PATH = 'hubspot-contact-created';
const WINDOW = { earliest: 9, latest: 17 };
/** The e2e call window: every day 09:00-17:00 in the contact's own zone. */
const OUTBOUND_TRIGGER_PARAMETERS = {
	callDays: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'],
	callEarliest: '09:00',
	callLatest: '17:00',
	callTimeZoneSource: 'contact',
	callTimeZone: 'UTC',
};
/** A zone where the window is open for the next hour or more, and one where it stays closed as long. */
function zonesAround(nowMs) {
	return {
		open: zoneWhereClockIsBetween(nowMs, (WINDOW.earliest + 1) * 60, (WINDOW.latest - 2) * 60),
		closed: zoneWhereClockIsBetween(nowMs, (WINDOW.latest + 2) * 60, (WINDOW.earliest - 2) * 60),
	};
}

function nextOpening(zone, nowMs) {
	const local = DateTime.fromMillis(nowMs, { zone });
	const today = local.set({ hour: WINDOW.earliest, minute: 0, second: 0, millisecond: 0 });
	return today > local ? today : today.plus({ days: 1 });
}

function runDataOf(execution, nodeName) {
	return execution.data?.resultData?.runData?.[nodeName];
}

function outputOf(execution, nodeName) {
	return runDataOf(execution, nodeName)?.[0]?.data?.main?.[0]?.map((item) => item.json) ?? [];
}

async function executionsOf(stack, workflowId) {
	const { data } = await stack.api.listExecutions({ workflowId, includeData: true, limit: 250 });
	const parents = data.filter((execution) => runDataOf(execution, 'New HubSpot contact'));
	const children = data.filter((execution) => runDataOf(execution, 'For one contact'));
	return { all: data, parents, children };
}

async function post(url, headers, rawBody) {
	const response = await fetch(url, { method: 'POST', headers, body: rawBody });
	return { status: response.status, body: await response.json().catch(() => undefined) };
}

/** HubSpot's v3 signature for a delivery sent at `timestampMs` (the sandbox's own implementation). */
function signV3(root, secret, url, rawBody, timestampMs) {
	const { signatureV3 } = require(path.join(root, 'build', 'sandbox', 'webhookSignature.js'));
	return {
		'content-type': 'application/json',
		'x-hubspot-signature-v3': signatureV3(secret, 'POST', url, rawBody, String(timestampMs)),
		'x-hubspot-request-timestamp': String(timestampMs),
	};
}

async function hubspotTriggerTests(t, { stack, deployed, standIn }) {
	t.describe(
		'New lead -> outbound call: signed HubSpot deliveries to the trigger (app configuration mode)',
	);
	const control = stack.sandboxControl;
	const workflowId = deployed.outboundCall.id;
	const triggerUrl = nodeWebhookUrl(
		stack.n8n.url,
		deployed.outboundCall.template,
		'New HubSpot contact',
		TRIGGER_PATH,
	);
	await control.reset();
	await control.setWebhookTarget({ url: triggerUrl, eventFormat: 'generic' });
	const nowMs = Date.now();
	const zones = zonesAround(nowMs);
	const callsBefore = standIn.calls.length;
	const ids = {};

	await t.test(
		'three new contacts: the one inside its calling hours is called, the other waits, the one without phone is skipped',
		async () => {
			assert.ok(
				zones.open && zones.closed,
				`no zones found around ${new Date(nowMs).toISOString()}`,
			);
			ids.ada = await control.createContact({
				firstname: 'Ada',
				lastname: 'Lovelace',
				email: 'ada@analytical.test',
				phone: '(415) 555-0177',
				hs_timezone: hubspotZone(zones.open),
			});
			ids.grace = await control.createContact({
				firstname: 'Grace',
				lastname: 'Brewster',
				email: 'grace@navy.test',
				phone: '+1 212 555 0144',
				hs_timezone: hubspotZone(zones.closed),
			});
			ids.henry = await control.createContact({
				firstname: 'Henry',
				lastname: 'Nophone',
				email: 'henry@nophone.test',
			});
			await control.flushWebhooks();
			const deliveries = (await control.deliveries()).filter(
				(attempt) => attempt.target === 'app-config',
			);
			assert.deepEqual(
				deliveries.map((attempt) => attempt.status),
				deliveries.map(() => 200),
			);
			assert.equal(deliveries.flatMap((attempt) => attempt.eventIds).length, 3);

			const runs = await eventually(
				'the trigger executions and both per-contact executions',
				async () => {
					const found = await executionsOf(stack, workflowId);
					const settled =
						found.parents.length === deliveries.length &&
						found.parents.every((run) => run.status === 'success');
					const childrenDone =
						found.children.length === 2 &&
						found.children.every((run) => ['success', 'waiting'].includes(run.status));
					return settled && childrenDone ? found : undefined;
				},
			);
			const items = runs.parents.flatMap((run) => outputOf(run, 'New HubSpot contact'));
			const byContact = Object.fromEntries(items.map((item) => [item.contactId, item]));
			assert.deepEqual(Object.keys(byContact).sort(), [ids.ada, ids.grace, ids.henry].sort());
			assert.equal(byContact[ids.ada].callWindow.openNow, true);
			assert.equal(byContact[ids.ada].contact.phoneE164, '+14155550177');
			assert.equal(byContact[ids.grace].callWindow.openNow, false);
			assert.equal(
				Date.parse(byContact[ids.grace].callWindow.nextOpenAt),
				nextOpening(zones.closed, nowMs).toMillis(),
			);
			assert.equal(byContact[ids.henry].contact.phoneE164, null);

			const waiting = runs.children.filter((run) => run.status === 'waiting');
			assert.equal(waiting.length, 1);
			assert.equal(Date.parse(waiting[0].waitTill), nextOpening(zones.closed, nowMs).toMillis());
			assert.equal(outputOf(waiting[0], 'For one contact')[0].contactId, ids.grace);

			const calls = standIn.calls.slice(callsBefore);
			assert.equal(calls.length, 1);
			assert.equal(calls[0].headers.authorization, DEMO_SECRETS.voicePlatformAuthorization);
			assert.deepEqual(calls[0].body, {
				assistantId: DEMO_SECRETS.vapiAssistantId,
				phoneNumberId: DEMO_SECRETS.vapiPhoneNumberId,
				customer: { number: '+14155550177', name: 'Ada Lovelace' },
				assistantOverrides: {
					variableValues: {
						firstName: 'Ada',
						email: 'ada@analytical.test',
						hubspotContactId: ids.ada,
					},
				},
			});
		},
	);

	const counts = async () => {
		const { parents, children } = await executionsOf(stack, workflowId);
		return { parents: parents.length, children: children.length };
	};
	let before;

	await t.test('a redelivery of the same events is answered 200 and starts nothing', async () => {
		before = await counts();
		const attempt = await control.redeliver();
		assert.equal(attempt.kind, 'redelivery');
		assert.equal(attempt.status, 200);
	});

	await t.test('forged, unsigned and stale requests get 401 and start nothing', async () => {
		const last = (await control.deliveries())
			.filter((attempt) => attempt.target === 'app-config')
			.at(-1);
		const tampered = last.rawBody.replace(ids.ada, '51234567999');
		assert.notEqual(tampered, last.rawBody);
		const forged = await post(triggerUrl, last.headers, tampered);
		assert.deepEqual(forged, { status: 401, body: { message: 'Invalid HubSpot signature' } });
		const unsigned = await post(triggerUrl, { 'content-type': 'application/json' }, last.rawBody);
		assert.deepEqual(unsigned, { status: 401, body: { message: 'Invalid HubSpot signature' } });
		const tenMinutesAgo = Date.now() - 10 * 60_000;
		const stale = await post(
			triggerUrl,
			signV3(stack.root, stack.sandbox.clientSecret, triggerUrl, last.rawBody, tenMinutesAgo),
			last.rawBody,
		);
		assert.deepEqual(stale, { status: 401, body: { message: 'Invalid HubSpot signature' } });
	});

	await t.test(
		'a later genuine delivery is the only new execution (no execution came from the redelivery or the forgeries)',
		async () => {
			const katherine = await control.createContact({
				firstname: 'Katherine',
				lastname: 'Johnson',
				email: 'katherine@nasa.test',
				phone: '+1 757 555 0101',
				hs_timezone: hubspotZone(zones.open),
			});
			await control.flushWebhooks();
			await eventually('the call to Katherine', async () =>
				standIn.calls.some(
					(call) => call.body?.assistantOverrides?.variableValues?.hubspotContactId === katherine,
				)
					? true
					: undefined,
			);
			const after = await eventually('the executions to finish', async () => {
				const now = await counts();
				return now.children === before.children + 1 ? now : undefined;
			});
			assert.deepEqual(after, { parents: before.parents + 1, children: before.children + 1 });
		},
	);

	await control.clearWebhookTarget();
}

/** A minimal workflow with the trigger in Automatic mode (legacy public app, developer API key). */
function automaticWorkflow(credentials) {
	const key = 'e2e-automatic-trigger';
	const trigger = {
		id: stableUuid(key, 'trigger'),
		name: 'New HubSpot contact (automatic)',
		type: SCHEDULING_TRIGGER,
		typeVersion: 1,
		position: [0, 0],
		webhookId: stableUuid(key, 'webhook'),
		parameters: {
			subscriptionMode: 'automatic',
			authentication: 'serviceKey',
			verifySignature: true,
			secretFrom: 'webhookSecretCredential',
			enrich: true,
			options: {},
		},
		credentials: {
			hubSpotSchedulingServiceKeyApi: credentials.serviceKey,
			hubSpotSchedulingWebhookSecretApi: credentials.webhookSecret,
			hubSpotSchedulingDeveloperApi: credentials.developer,
		},
	};
	const received = {
		...setFields({
			name: 'Received',
			position: [240, 0],
			fields: [['email', 'string', '={{ $json.contact.email }}']],
		}),
		id: stableUuid(key, 'received'),
	};
	return {
		name: 'E2E: trigger in automatic mode',
		nodes: [trigger, received],
		connections: { [trigger.name]: { main: [[{ node: received.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

async function automaticModeTests(t, { stack, credentials }) {
	t.describe("Trigger in automatic mode against the sandbox's webhooks v3 API");
	const control = stack.sandboxControl;
	await control.reset();
	const workflow = automaticWorkflow(credentials);
	const created = await stack.api.createWorkflow(workflow);
	const { webhookId } = /** @type {{ webhookId: string }} */ (workflow.nodes[0]);
	const triggerUrl = `${stack.n8n.url}/webhook/${webhookId}/${TRIGGER_PATH}`;

	await t.test(
		'activation points the app at the trigger and subscribes it to contact creation',
		async () => {
			await stack.api.activateWorkflow(created.id);
			// n8n runs the trigger's create() a moment after the API call returns.
			const state = await eventually('the app settings to point at the trigger', async () => {
				const now = await control.state();
				return now.webhookSettings !== null && now.subscriptions.length > 0 ? now : undefined;
			});
			assert.equal(state.webhookSettings.targetUrl, triggerUrl);
			assert.deepEqual(
				state.subscriptions.map(({ eventType, active }) => ({ eventType, active })),
				[{ eventType: 'contact.creation', active: true }],
			);
		},
	);

	await t.test(
		'a contact created in HubSpot starts one execution with the contact read from HubSpot',
		async () => {
			const id = await control.createContact({
				firstname: 'Mary',
				lastname: 'Jackson',
				email: 'mary@nasa.test',
			});
			await control.flushWebhooks();
			const deliveries = (await control.deliveries()).filter(
				(attempt) => attempt.target === 'v3-settings',
			);
			assert.deepEqual(
				deliveries.map(({ status, kind }) => ({ status, kind })),
				[{ status: 200, kind: 'first' }],
			);
			const runs = await eventually('the execution', async () => {
				const { data } = await stack.api.listExecutions({
					workflowId: created.id,
					includeData: true,
				});
				return data.length === 1 && data[0].status === 'success' ? data : undefined;
			});
			assert.deepEqual(outputOf(runs[0], 'Received'), [{ email: 'mary@nasa.test' }]);
			assert.equal(outputOf(runs[0], 'New HubSpot contact (automatic)')[0].contactId, id);
		},
	);

	await t.test('deactivation removes the subscription and the target URL it created', async () => {
		await stack.api.deactivateWorkflow(created.id);
		const state = await eventually('the app settings to be removed', async () => {
			const now = await control.state();
			return now.webhookSettings === null ? now : undefined;
		});
		assert.deepEqual(state.subscriptions, []);
	});
}

module.exports = { hubspotTriggerTests, automaticModeTests, OUTBOUND_TRIGGER_PARAMETERS };
