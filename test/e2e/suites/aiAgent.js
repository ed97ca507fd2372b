'use strict';

const assert = require('node:assert/strict');

const { DateTime } = require('luxon');

const { LINK, postJson, sandboxState } = require('../../../scripts/demo/conversation');
const { freeSlots, spokenLabel } = require('../../../scripts/demo/expectedAnswers');
const { nodeWebhookUrl } = require('../../../scripts/demo/deployment');
const { toolCall } = require('../scriptedModel');

const GUEST = { fullName: 'Alan Turing', email: 'alan@turing.test' };
const TOOL_NAMES = [
	'Book_a_meeting',
	'Cancel_a_meeting',
	'Get_free_slots',
	'Look_up_a_contact',
	'Reschedule_a_meeting',
];

/** The script the model follows: look for slots, book the first one, then report the booking. */
function receptionistScript(day) {
	return (request) => {
		const toolResults = request.messages.filter((message) => message.role === 'tool');
		if (toolResults.length === 0)
			return toolCall('call_slots', 'Get_free_slots', { date: day, days: 1 });
		if (toolResults.length === 1) {
			const [slots] = JSON.parse(toolResults[0].content);
			return toolCall('call_book', 'Book_a_meeting', { startTime: slots.slots[0].start, ...GUEST });
		}
		const [booking] = JSON.parse(toolResults[1].content);
		return { role: 'assistant', content: `Booked: ${booking.speech}` };
	};
}

function weekdayAhead(nowMs) {
	let day = DateTime.fromMillis(nowMs, { zone: LINK.zone }).startOf('day').plus({ days: 3 });
	while (day.weekday > 5) day = day.plus({ days: 1 });
	return day;
}

async function aiAgentTests(t, { stack, deployed, model, setScript }) {
	t.describe('AI Agent receptionist (scripted chat model standing in for OpenAI)');
	await stack.sandboxControl.reset();
	const day = weekdayAhead(Date.now());
	setScript(receptionistScript(day.toISODate()));
	const chatUrl = nodeWebhookUrl(
		stack.n8n.url,
		deployed.aiAgent.template,
		'When chat message received',
		'chat',
	);
	const { starts } = await freeSlots(stack.sandbox, {
		slug: LINK.slug,
		zone: LINK.zone,
		fromMs: day.toMillis(),
		toMs: day.plus({ days: 1 }).toMillis(),
	});

	await t.test('the chat answers after the agent used the HubSpot Scheduling tools', async () => {
		const answer = await postJson(chatUrl, {
			body: {
				action: 'sendMessage',
				sessionId: 'e2e-session',
				chatInput: `Can I book a call on ${day.toISODate()}?`,
			},
		});
		assert.equal(answer.status, 200, JSON.stringify(answer.body));
		assert.deepEqual(answer.body, {
			output: `Booked: You're booked for ${spokenLabel(starts[0], LINK.zone)}.`,
		});
	});

	await t.test('the model was offered all five tools with the fields marked for the AI', () => {
		const first = model.requests[0].body;
		assert.deepEqual(first.tools.map((tool) => tool.function.name).sort(), TOOL_NAMES);
		const book = first.tools.find((tool) => tool.function.name === 'Book_a_meeting').function
			.parameters;
		assert.deepEqual(Object.keys(book.properties).sort(), [
			'email',
			'fullName',
			'guestConsented',
			'startTime',
		]);
		assert.equal(model.requests.length, 3);
	});

	await t.test('the booking exists in HubSpot for the guest', async () => {
		const state = await sandboxState(stack.sandbox);
		const guest = state.contacts.filter((contact) => contact.properties.email === GUEST.email);
		assert.equal(guest.length, 1);
		assert.equal(state.bookings.length, 1);
		const booked = state.meetings.filter(
			(meeting) => Date.parse(meeting.properties.hs_meeting_start_time) === starts[0],
		);
		assert.equal(booked.length, 1);
		assert.ok(
			state.associations.some(
				(pair) => pair.meetingId === booked[0].id && pair.contactId === guest[0].id,
			),
		);
	});
}

module.exports = { aiAgentTests };
