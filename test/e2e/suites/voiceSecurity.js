'use strict';

const assert = require('node:assert/strict');

const { CALLER, LINK, postJson, sandboxState } = require('../../../scripts/demo/conversation');
const { callerRecord, isoInZone, spokenLabel } = require('../../../scripts/demo/expectedAnswers');
const {
	CALL_STARTS,
	SOURCES,
	TOOL_CALLERS,
	fill,
	isVapiResult,
	loadPayload,
	retellSignature,
} = require('../../../scripts/demo/platformRequests');
const {
	SAY_NO_NUMBER_CHANGE,
	SAY_NO_NUMBER_LOOKUP,
	SAY_OTHER_EMAIL,
	SAY_UNKNOWN_NUMBER,
} = require('../../../workflows/src/receptionist');

/** Bob Smith, another contact of the sandbox (no meetings of his own). */
const OTHER = { phone: '+14155550101', email: 'bob.smith@globex.test' };
const UNKNOWN_CALLER = '+12125550123';
const RETELL_WINDOW_MS = 5 * 60_000;

/** Jane's next meeting in the sandbox: what a stranger would like to hear about, cancel or move. */
function janesNextMeeting(state) {
	const jane = callerRecord(state, { email: CALLER.email, zone: LINK.zone, nowMs: Date.now() });
	assert.ok(jane, `the sandbox has no contact ${CALLER.email}`);
	const next = jane.upcoming[0];
	return { ...next, start: isoInZone(next.startMs, LINK.zone) };
}

/** Meetings and bookings, to show a refused request changed nothing in HubSpot. */
function hubspotRecords(state) {
	return {
		meetings: state.meetings.map((meeting) => ({
			id: meeting.id,
			archived: meeting.archived,
			start: meeting.properties.hs_meeting_start_time,
			outcome: meeting.properties.hs_meeting_outcome,
		})),
		bookings: state.bookings.length,
		contacts: state.contacts.map((contact) => [contact.id, contact.properties.phone ?? null]),
	};
}

function createHelpers({ stack, access }) {
	const n8nUrl = stack.n8n.url;
	const send = (request) => postJson(`${n8nUrl}/webhook/${request.path}`, request);
	/** Sends and returns the answer, the HubSpot requests it caused, and whether HubSpot's data changed. */
	const sendAndWatch = async (request) => {
		const before = hubspotRecords(await sandboxState(stack.sandbox));
		await stack.sandboxControl.clearLog();
		const answer = await send(request);
		const hubspotRequests = await stack.sandboxControl.log();
		const after = hubspotRecords(await sandboxState(stack.sandbox));
		return { answer, hubspotRequests, unchanged: JSON.stringify(before) === JSON.stringify(after) };
	};
	const tool = (platform, values) =>
		TOOL_CALLERS[platform].request({ id: 'call_1', ...values }, access);
	const heard = (platform, body) => TOOL_CALLERS[platform].answer(body);
	return { send, sendAndWatch, tool, heard };
}

async function unauthenticatedRequestTests(t, context) {
	t.describe('Requests without valid auth never reach HubSpot');
	const { stack, access } = context;
	const { sendAndWatch, tool } = createHelpers(context);
	await stack.sandboxControl.reset();
	const meeting = janesNextMeeting(await sandboxState(stack.sandbox));
	const cancelJanes = (platform) =>
		tool(platform, {
			tool: 'cancel',
			args: { startTime: meeting.start, email: CALLER.email },
			callerPhone: CALLER.phone,
		});
	const refused = async (name, request, expectedStatus) => {
		await t.test(name, async () => {
			const { answer, hubspotRequests, unchanged } = await sendAndWatch(request);
			assert.equal(answer.status, expectedStatus, JSON.stringify(answer.body));
			assert.deepEqual(
				hubspotRequests.map((entry) => `${entry.method} ${entry.path}`),
				[],
			);
			assert.ok(unchanged, 'HubSpot data changed');
		});
	};
	const without = (request, header) => {
		const headers = { ...request.headers };
		delete headers[header];
		return { ...request, headers };
	};

	const vapi = cancelJanes('vapi-arguments');
	await refused('Vapi: no credential → 403', without(vapi, 'Authorization'), 403);
	await refused(
		'Vapi: a wrong Bearer token → 403',
		{ ...vapi, headers: { Authorization: 'Bearer not-the-secret' } },
		403,
	);
	await refused(
		'Vapi: the removed per-tool secret header (X-Vapi-Secret) instead of the credential → 403',
		{ ...vapi, headers: { 'X-Vapi-Secret': access.secrets.vapiSecret } },
		403,
	);
	const assistantRequest = CALL_STARTS.vapi.request({ callerPhone: CALLER.phone }, access);
	await refused(
		'Vapi assistant-request without the credential → 403',
		without(assistantRequest, 'Authorization'),
		403,
	);

	const retell = cancelJanes('retell');
	await refused(
		'Retell function call without X-Retell-Signature → 401',
		without(retell, 'X-Retell-Signature'),
		401,
	);
	await refused(
		'Retell function call signed with another key → 401',
		{
			...retell,
			headers: { 'X-Retell-Signature': retellSignature(JSON.stringify(retell.body), 'key_forged') },
		},
		401,
	);
	await refused(
		'Retell function call with a signature older than 5 minutes → 401',
		{
			...retell,
			headers: {
				'X-Retell-Signature': retellSignature(
					JSON.stringify(retell.body),
					access.secrets.retellApiKey,
					Date.now() - RETELL_WINDOW_MS - 60_000,
				),
			},
		},
		401,
	);
	await refused(
		'Retell function call whose body was changed after signing → 401',
		{ ...retell, body: { ...retell.body, args: { ...retell.body.args, email: OTHER.email } } },
		401,
	);
	const inbound = CALL_STARTS.retell.request({ callerPhone: CALLER.phone }, access);
	await refused(
		'Retell call_inbound without a signature → 401',
		without(inbound, 'X-Retell-Signature'),
		401,
	);

	const elevenLabs = cancelJanes('elevenlabs');
	await refused(
		'ElevenLabs server tool without the secret header → 403',
		without(elevenLabs, 'X-Agent-Secret'),
		403,
	);
	const initiation = CALL_STARTS.elevenlabs.request({ callerPhone: CALLER.phone }, access);
	await refused(
		'ElevenLabs conversation initiation without the secret header → 403',
		without(initiation, 'X-Agent-Secret'),
		403,
	);

	const bland = cancelJanes('bland');
	await refused(
		'Bland tool without the secret header → 403',
		without(bland, 'X-Bland-Secret'),
		403,
	);
	await refused(
		'Bland tool with a wrong secret → 403',
		{ ...bland, headers: { 'X-Bland-Secret': 'guessed' } },
		403,
	);
}

async function callerBindingTests(t, context) {
	t.describe("A caller can never hear, cancel or move another person's meeting");
	const { stack } = context;
	const { sendAndWatch, tool, heard } = createHelpers(context);
	await stack.sandboxControl.reset();
	const state = await sandboxState(stack.sandbox);
	const meeting = janesNextMeeting(state);
	const bob = callerRecord(state, { email: OTHER.email, zone: LINK.zone, nowMs: Date.now() });
	assert.ok(bob, `the sandbox has no contact ${OTHER.email}`);
	const label = spokenLabel(meeting.startMs, LINK.zone);

	const platforms = ['vapi-arguments', 'retell', 'elevenlabs', 'bland'];
	for (const platform of platforms) {
		const name = TOOL_CALLERS[platform].label;
		await t.test(
			`${name}: "look up +1 415 555 0100" from Bob's phone tells Bob about Bob only`,
			async () => {
				const { answer, unchanged } = await sendAndWatch(
					tool(platform, {
						tool: 'lookup_contact',
						args: { phone: CALLER.phone },
						callerPhone: OTHER.phone,
					}),
				);
				assert.equal(answer.status, 200);
				assert.equal(heard(platform, answer.body), bob.context);
				assert.ok(unchanged);
			},
		);
		await t.test(
			`${name}: Bob cancelling Jane's meeting with Jane's email is refused`,
			async () => {
				const { answer, unchanged } = await sendAndWatch(
					tool(platform, {
						tool: 'cancel',
						args: { startTime: meeting.start, email: CALLER.email },
						callerPhone: OTHER.phone,
					}),
				);
				assert.equal(heard(platform, answer.body), SAY_OTHER_EMAIL);
				assert.ok(unchanged, "Jane's meeting changed");
			},
		);
		await t.test(
			`${name}: Bob cancelling Jane's meeting without an email finds none of his`,
			async () => {
				const { answer, unchanged } = await sendAndWatch(
					tool(platform, {
						tool: 'cancel',
						args: { startTime: meeting.start },
						callerPhone: OTHER.phone,
					}),
				);
				assert.equal(
					heard(platform, answer.body),
					`I could not find a meeting for ${OTHER.email} on ${label}. Could you check the date and time?`,
				);
				assert.ok(unchanged, "Jane's meeting changed");
			},
		);
		await t.test(`${name}: Bob moving Jane's meeting with Jane's email is refused`, async () => {
			const { answer, unchanged } = await sendAndWatch(
				tool(platform, {
					tool: 'reschedule',
					args: {
						email: CALLER.email,
						currentStartTime: meeting.start,
						newStartTime: isoInZone(meeting.startMs + 86_400_000, LINK.zone),
					},
					callerPhone: OTHER.phone,
				}),
			);
			assert.equal(heard(platform, answer.body), SAY_OTHER_EMAIL);
			assert.ok(unchanged, "Jane's meeting changed");
		});
		await t.test(`${name}: an unknown number cancelling with Jane's email is refused`, async () => {
			const { answer, unchanged } = await sendAndWatch(
				tool(platform, {
					tool: 'cancel',
					args: { startTime: meeting.start, email: CALLER.email },
					callerPhone: UNKNOWN_CALLER,
				}),
			);
			assert.equal(heard(platform, answer.body), SAY_UNKNOWN_NUMBER);
			assert.ok(unchanged, "Jane's meeting changed");
		});
	}

	await t.test(
		`Vapi web call (no customer number) [${SOURCES['vapi-tool-calls-parameters.json']}]: lookup and cancel refused politely`,
		async () => {
			const lookup = await sendAndWatch(
				tool('vapi-parameters', { tool: 'lookup_contact', args: {}, callerPhone: '' }),
			);
			assert.equal(heard('vapi-parameters', lookup.answer.body), SAY_NO_NUMBER_LOOKUP);
			const cancel = await sendAndWatch(
				tool('vapi-parameters', {
					tool: 'cancel',
					args: { startTime: meeting.start, email: CALLER.email },
					callerPhone: '',
				}),
			);
			assert.equal(heard('vapi-parameters', cancel.answer.body), SAY_NO_NUMBER_CHANGE);
			assert.ok(cancel.unchanged);
		},
	);
}

async function documentedPayloadTests(t, context) {
	t.describe("The platforms' documented payloads beyond a single call");
	const { stack, access } = context;
	const { send, sendAndWatch, tool, heard } = createHelpers(context);
	await stack.sandboxControl.reset();
	const state = await sandboxState(stack.sandbox);
	const meeting = janesNextMeeting(state);
	const jane = callerRecord(state, { email: CALLER.email, zone: LINK.zone, nowMs: Date.now() });
	assert.ok(jane, `the sandbox has no contact ${CALLER.email}`);

	await t.test(
		`Vapi: three tool calls in one message get three results, in order, each with its toolCallId and name [${SOURCES['vapi-tool-calls-arguments.json']}]`,
		async () => {
			const request = tool('vapi-arguments', {
				tool: 'lookup_contact',
				args: {},
				callerPhone: CALLER.phone,
			});
			const calls = [
				['call_a', 'lookup_contact', {}],
				['call_b', 'transfer_call', {}],
				['call_c', 'lookup_contact', { phone: OTHER.phone }],
			];
			request.body.message.toolCallList = calls.map(([id, name, args]) => ({
				id,
				name,
				arguments: args,
			}));
			request.body.message.toolWithToolCallList = calls.map(([id, name, args]) => ({
				type: 'function',
				name,
				toolCall: { id, type: 'function', function: { name, parameters: args } },
			}));
			const answer = await send(request);
			assert.equal(answer.status, 200);
			assert.deepEqual(answer.body, {
				results: [
					{ toolCallId: 'call_a', name: 'lookup_contact', result: jane.context },
					{
						toolCallId: 'call_b',
						name: 'transfer_call',
						result: 'Sorry, there is no tool called transfer_call here.',
					},
					{ toolCallId: 'call_c', name: 'lookup_contact', result: jane.context },
				],
			});
			assert.ok(
				answer.body.results.every((result, index) =>
					isVapiResult(result, calls[index][0], calls[index][1]),
				),
			);
		},
	);

	await t.test(
		`Retell web call [${SOURCES['retell-function-call-web.json']}]: no number, so lookup and cancel are refused politely`,
		async () => {
			const body = (toolName, args) =>
				fill(loadPayload('retell-function-call-web.json'), { tool: toolName, args });
			const signed = (payload) => ({
				path: access.paths.retell,
				headers: {
					'X-Retell-Signature': retellSignature(
						JSON.stringify(payload),
						access.secrets.retellApiKey,
					),
				},
				body: payload,
			});
			const lookup = await send(signed(body('lookup_contact', {})));
			assert.deepEqual(lookup, { status: 200, body: { result: SAY_NO_NUMBER_LOOKUP } });
			const cancel = await sendAndWatch(
				signed(body('cancel', { startTime: meeting.start, email: CALLER.email })),
			);
			assert.deepEqual(cancel.answer, { status: 200, body: { result: SAY_NO_NUMBER_CHANGE } });
			assert.ok(cancel.unchanged);
		},
	);

	await t.test(
		`Retell outbound call [${SOURCES['retell-function-call-outbound.json']}]: the person called is the caller, not the business number`,
		async () => {
			const answer = await send(
				tool('retell-outbound', { tool: 'lookup_contact', args: {}, callerPhone: CALLER.phone }),
			);
			assert.deepEqual(answer, { status: 200, body: { result: jane.context } });
		},
	);

	await t.test(
		`Retell args_at_root [${SOURCES['retell-function-args-at-root.json']}]: free slots work; lookup has no call object, so it is refused`,
		async () => {
			const slots = await send(
				tool('retell-args-at-root', {
					tool: 'get_slots',
					args: { date: 'tomorrow' },
					callerPhone: CALLER.phone,
				}),
			);
			assert.equal(slots.status, 200);
			assert.match(slots.body.result, /available|free|no /i);
			const lookup = await send(
				tool('retell-args-at-root', {
					tool: 'lookup_contact',
					args: { phone: CALLER.phone },
					callerPhone: CALLER.phone,
				}),
			);
			assert.deepEqual(lookup, { status: 200, body: { result: SAY_NO_NUMBER_LOOKUP } });
		},
	);

	await t.test(
		`ElevenLabs server tool URL without ?tool= [${SOURCES['elevenlabs-server-tool.json']}]: a spoken error, not a conversation start`,
		async () => {
			const request = tool('elevenlabs', {
				tool: 'get_slots',
				args: { date: 'tomorrow' },
				callerPhone: CALLER.phone,
			});
			const { answer, hubspotRequests } = await sendAndWatch({
				...request,
				path: request.path.replace(/\?.*$/, ''),
			});
			assert.equal(answer.status, 200);
			assert.deepEqual(Object.keys(answer.body), ['result']);
			assert.match(heard('elevenlabs', answer.body), /\?tool=/);
			assert.equal(hubspotRequests.length, 0);
		},
	);
}

module.exports = { unauthenticatedRequestTests, callerBindingTests, documentedPayloadTests };
