'use strict';

const assert = require('node:assert/strict');

const {
	CALLER,
	LINK,
	finalStateProblems,
	planConversation,
	playConversation,
	postJson,
	sandboxState,
} = require('../../../scripts/demo/conversation');
const { callerRecord, callerVariables } = require('../../../scripts/demo/expectedAnswers');
const {
	CALL_STARTS,
	SOURCES,
	TOOL_CALLERS,
	vapiStatusUpdate,
} = require('../../../scripts/demo/platformRequests');
const { SAY_TIMEOUT } = require('../../../workflows/src/receptionist');

/**
 * Each platform plays the whole call; arguments use the time formats LLMs produce, "spoken" ones as
 * a caller says them ("Friday at 9:15 am", "December 4 at 9:15 am"), resolved by the node and said back.
 */
/** @type {[string, 'iso' | 'local' | 'localT' | 'spoken'][]} */
const CONVERSATIONS = [
	['vapi-arguments', 'iso'],
	['vapi-parameters', 'local'],
	['vapi-function-string', 'localT'],
	['vapi-tool-with-list-only', 'iso'],
	['retell', 'local'],
	['retell-outbound', 'spoken'],
	['elevenlabs', 'localT'],
	['bland', 'spoken'],
];

const UNKNOWN_CALLER = '+12125550123';
/** Bob Smith's number in the sandbox fixture, and Jane Doe's fixture demo meeting. */
const BOBS_NUMBER = '+14155550101';
const JANES_DEMO_ID = '81234567001';

function describeMismatch(result) {
	return `step "${result.step.name}" (${result.step.tool}): HTTP ${result.status}, well-formed ${result.wellFormed}\n  heard:    ${JSON.stringify(result.heard)}\n  expected: ${JSON.stringify(result.step.expected)}\n  body: ${JSON.stringify(result.body)}`;
}

async function conversationTests(t, { stack, access }) {
	t.describe(
		'Receptionist calls through the templates (lookup, slots, a taken time, book, retried book, move, cancel)',
	);
	for (const [platform, timeStyle] of CONVERSATIONS) {
		const caller = TOOL_CALLERS[platform];
		await t.test(
			`${caller.label} [${SOURCES[caller.payload]}]: exact answers, and HubSpot ends with nothing doubled or lost`,
			async () => {
				await stack.sandboxControl.reset();
				const plan = await planConversation(stack.sandbox, { timeStyle });
				const results = await playConversation({ n8nUrl: stack.n8n.url, plan, platform, access });
				assert.deepEqual(results.filter((result) => !result.ok).map(describeMismatch), []);
				assert.deepEqual(await finalStateProblems(stack.sandbox, plan), []);
			},
		);
	}
}

async function vapiEdgeCaseTests(t, { stack, access }) {
	t.describe('Vapi receptionist: requests outside the happy path still get HTTP 200 and one line');
	const n8nUrl = stack.n8n.url;
	const send = (request) => postJson(`${n8nUrl}/webhook/${request.path}`, request);
	const toolCall = (platform, id, tool, args) =>
		TOOL_CALLERS[platform].request({ id, tool, args, callerPhone: CALLER.phone }, access);

	await t.test('a tool the workflow does not have', async () => {
		const answer = await send(toolCall('vapi-arguments', 'call_unknown', 'transfer_call', {}));
		assert.deepEqual(answer, {
			status: 200,
			body: {
				results: [
					{
						toolCallId: 'call_unknown',
						name: 'transfer_call',
						result: 'Sorry, there is no tool called transfer_call here.',
					},
				],
			},
		});
	});

	await t.test('function.arguments that is not JSON', async () => {
		const request = toolCall('vapi-function-string', 'call_garbled', 'book', {});
		request.body.message.toolCallList[0].function.arguments = '{"startTime": "2026-11-24T09:00';
		const answer = await send(request);
		assert.deepEqual(answer, {
			status: 200,
			body: {
				results: [
					{
						toolCallId: 'call_garbled',
						name: 'book',
						result: 'Sorry, I could not read that request. Please try again.',
					},
				],
			},
		});
	});

	await t.test('a date in the past is explained to the caller, nothing is booked', async () => {
		await stack.sandboxControl.reset();
		const answer = await send(
			toolCall('vapi-arguments', 'call_past', 'book', {
				startTime: '2020-03-02T10:00',
				fullName: 'Jane Doe',
				email: CALLER.email,
			}),
		);
		assert.deepEqual(answer, {
			status: 200,
			body: {
				results: [
					{
						toolCallId: 'call_past',
						name: 'book',
						result: `Invalid Start Time: 2020-03-02T10:00:00-05:00 is in the past. Give a future time; check the year and the time zone (${LINK.zone}).`,
					},
				],
			},
		});
		assert.equal((await sandboxState(stack.sandbox)).bookings.length, 0);
	});

	await t.test(
		"a caller cannot cancel another contact's meeting by naming its time (Cancel is scoped to the caller's number)",
		async () => {
			await stack.sandboxControl.reset();
			const before = await sandboxState(stack.sandbox);
			// Jane's fixture demo; the call comes from Bob's number, and the "LLM" gives no email.
			const demo = before.meetings.find((meeting) => meeting.id === JANES_DEMO_ID);
			assert.ok(demo, "the fixture has Jane's demo");
			const request = TOOL_CALLERS['vapi-arguments'].request(
				{
					id: 'call_cross_cancel',
					tool: 'cancel',
					args: { startTime: demo.properties.hs_meeting_start_time },
					callerPhone: BOBS_NUMBER,
				},
				access,
			);
			const answer = await send(request);
			assert.equal(answer.status, 200);
			assert.doesNotMatch(answer.body.results[0].result, /cancelled your meeting/);
			const after = await sandboxState(stack.sandbox);
			const still = after.meetings.find((meeting) => meeting.id === JANES_DEMO_ID);
			assert.ok(still, `meeting ${JANES_DEMO_ID} is gone`);
			assert.equal(still.archived, false);
			assert.equal(still.properties.hs_meeting_outcome, 'SCHEDULED');
		},
	);

	await t.test('HubSpot failing (403 on the scheduler) still gives a spoken answer', async () => {
		await stack.sandboxControl.reset();
		await stack.sandboxControl.addFault({
			path: '/scheduler/',
			times: 100,
			action: { status: 403 },
		});
		const answer = await send(
			toolCall('vapi-arguments', 'call_forbidden', 'get_slots', { date: 'tomorrow' }),
		);
		await stack.sandboxControl.clearFaults();
		assert.equal(answer.status, 200);
		assert.ok(
			TOOL_CALLERS['vapi-arguments'].wellFormed(answer.body, 'call_forbidden', 'get_slots'),
			JSON.stringify(answer.body),
		);
		assert.doesNotMatch(answer.body.results[0].result, /available times/);
	});

	await t.test(
		'HubSpot asking to wait longer than Answer Within allows: the caller hears an apology at once',
		async () => {
			await stack.sandboxControl.reset();
			await stack.sandboxControl.addFault({
				path: '/scheduler/',
				times: 100,
				action: { status: 429, headers: { 'retry-after': '60' } },
			});
			const answer = await send(
				toolCall('vapi-arguments', 'call_slow', 'get_slots', { date: 'tomorrow' }),
			);
			await stack.sandboxControl.clearFaults();
			assert.deepEqual(answer, {
				status: 200,
				body: { results: [{ toolCallId: 'call_slow', name: 'get_slots', result: SAY_TIMEOUT }] },
			});
		},
	);

	await t.test('other server messages (status-update) get an empty 200', async () => {
		assert.deepEqual(await send(vapiStatusUpdate({ callerPhone: CALLER.phone }, access)), {
			status: 200,
			body: {},
		});
	});
}

async function callStartTests(t, { stack, access }) {
	t.describe('Caller context when a call starts');
	await stack.sandboxControl.reset();
	const state = await sandboxState(stack.sandbox);
	const known = callerRecord(state, { email: CALLER.email, zone: LINK.zone, nowMs: Date.now() });
	for (const platform of Object.keys(CALL_STARTS)) {
		const { label, payload, request, variables } = CALL_STARTS[platform];
		for (const [who, callerPhone, record] of [
			['a known caller', CALLER.phone, known],
			['an unknown caller', UNKNOWN_CALLER, undefined],
		]) {
			await t.test(`${label} [${SOURCES[payload]}]: ${who}`, async () => {
				const sent = request({ callerPhone }, access);
				const { status, body } = await postJson(`${stack.n8n.url}/webhook/${sent.path}`, sent);
				assert.equal(status, 200);
				assert.deepEqual(variables(body), callerVariables(record, platform));
				if (platform === 'vapi') assert.equal(body.assistantId, 'demo-vapi-assistant');
				if (platform === 'elevenlabs')
					assert.equal(body.type, 'conversation_initiation_client_data');
			});
		}
	}

	await t.test(
		'Vapi assistant-request without a caller number (withheld) still answers with the assistant',
		async () => {
			const sent = CALL_STARTS.vapi.request({ callerPhone: '' }, access);
			const { status, body } = await postJson(`${stack.n8n.url}/webhook/${sent.path}`, sent);
			assert.equal(status, 200);
			assert.deepEqual(body, {
				assistantId: 'demo-vapi-assistant',
				assistantOverrides: { variableValues: callerVariables(undefined, 'vapi') },
			});
		},
	);
}

module.exports = { conversationTests, vapiEdgeCaseTests, callStartTests };
