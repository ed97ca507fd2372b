'use strict';

const { DateTime } = require('luxon');

const {
	callerRecord,
	freeSlots,
	isoInZone,
	slotsAnswer,
	spokenLabel,
} = require('./expectedAnswers');
const { TOOL_CALLERS } = require('./platformRequests');

/**
 * One receptionist call, as a voice agent would make its tool calls: Jane Doe (a known HubSpot
 * contact) calls, is recognised, asks for free times, tries a time that is taken, books, the
 * platform retries that booking, she moves the meeting and finally cancels it.
 */

const CALLER = { phone: '+14155550100', fullName: 'Jane Doe', email: 'jane.doe@acme-corp.test' };
/** The sandbox's meeting link the demo and tests configure in the templates' Settings. */
const LINK = { slug: 'alex-demo', zone: 'America/New_York' };
const SEARCH_DAYS = 21;

/** How the "LLM" writes times in tool arguments; the node must accept them all. */
const TIME_STYLES = {
	iso: (ms, zone) => isoInZone(ms, zone),
	local: (ms, zone) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm'),
	localT: (ms, zone) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm"),
	/** As a caller says it: "Friday at 9:15 am" within the coming week, else "December 4 at 9:15 am". */
	spoken: (ms, zone, nowMs = Date.now()) => {
		const time = DateTime.fromMillis(ms, { zone });
		const today = DateTime.fromMillis(nowMs, { zone }).startOf('day');
		const daysAhead = Math.round(time.startOf('day').diff(today, 'days').days);
		const day = daysAhead >= 2 && daysAhead <= 6 ? time.toFormat('cccc') : time.toFormat('LLLL d');
		return `${day} at ${time.toFormat('h:mm a').toLowerCase()}`;
	},
};

/**
 * @typedef {{ id: string, archived: boolean, properties: Record<string, string> }} SandboxRecord
 * @typedef {{ contacts: SandboxRecord[], meetings: SandboxRecord[],
 *   associations: { meetingId: string, contactId: string }[], bookings: unknown[],
 *   [more: string]: unknown }} SandboxState the parts of GET /__sandbox/state the checks read
 */

/**
 * @param {{ url: string }} sandbox
 * @returns {Promise<SandboxState>}
 */
async function sandboxState(sandbox) {
	const response = await fetch(`${sandbox.url}/__sandbox/state`);
	if (!response.ok) throw new Error(`GET /__sandbox/state answered ${response.status}`);
	return /** @type {SandboxState} */ (await response.json());
}

/**
 * A day at least two days ahead with room for the whole conversation: a first free slot, a second one
 * far enough after it to stay free once the first is booked (buffers), and a time that is not free.
 */
async function chooseDay(sandbox, nowMs, callerMeetingStarts) {
	const today = DateTime.fromMillis(nowMs, { zone: LINK.zone }).startOf('day');
	for (let offset = 2; offset < SEARCH_DAYS; offset++) {
		const day = today.plus({ days: offset });
		const { durationMs, starts } = await freeSlots(sandbox, {
			slug: LINK.slug,
			zone: LINK.zone,
			fromMs: day.toMillis(),
			toMs: day.plus({ days: 1 }).toMillis(),
		});
		if (starts.length < 2) continue;
		const first = starts[0];
		const isFarEnough = (ms) => ms >= first + durationMs + 30 * 60_000;
		const second = starts.slice(0, 5).find(isFarEnough) ?? starts.find(isFarEnough);
		// Not free, and not one of the caller's own meetings (booking that would answer "already booked").
		const taken = quarterHours(day).find(
			(ms) => ms > first && !starts.includes(ms) && !callerMeetingStarts.includes(ms),
		);
		if (second !== undefined && taken !== undefined) return { day, starts, first, second, taken };
	}
	throw new Error(`no day in the next ${SEARCH_DAYS} with two free slots on ${LINK.slug}`);
}

function quarterHours(day) {
	return Array.from({ length: 32 }, (_, index) =>
		day
			.set({ hour: 9 })
			.plus({ minutes: 15 * index })
			.toMillis(),
	);
}

/**
 * The steps of the call with the exact answers expected, from the sandbox's current state.
 * @param {{ url: string, serviceKey: string }} sandbox
 * @param {{ timeStyle?: keyof TIME_STYLES, nowMs?: number }} [options]
 */
async function planConversation(sandbox, { timeStyle = 'iso', nowMs = Date.now() } = {}) {
	const state = await sandboxState(sandbox);
	const record = callerRecord(state, { email: CALLER.email, zone: LINK.zone, nowMs });
	if (!record) throw new Error(`the sandbox has no contact ${CALLER.email}`);
	const { day, starts, first, second, taken } = await chooseDay(
		sandbox,
		nowMs,
		record.meetingStarts,
	);
	const time = (ms) => TIME_STYLES[timeStyle](ms, LINK.zone, nowMs);
	const label = (ms) => spokenLabel(ms, LINK.zone);
	const booking = { startTime: time(first), fullName: CALLER.fullName, email: CALLER.email };
	const steps = [
		{ name: 'recognise the caller', tool: 'lookup_contact', args: {}, expected: record.context },
		{
			name: 'free times that day',
			tool: 'get_slots',
			args: { date: day.toISODate() },
			expected: slotsAnswer(starts, LINK.zone),
		},
		{
			name: 'try a time that is not free',
			tool: 'book',
			args: { ...booking, startTime: time(taken) },
			expected: `Sorry, ${label(taken)} is no longer available. Please choose another time.`,
		},
		{
			name: 'book',
			tool: 'book',
			args: booking,
			expected: `You're booked for ${label(first)}.`,
		},
		{
			name: 'the platform retries the booking',
			tool: 'book',
			args: booking,
			retryOf: 'book',
			expected: `You're already booked for ${label(first)}.`,
		},
		{
			name: 'move the meeting',
			tool: 'reschedule',
			args: { email: CALLER.email, currentStartTime: time(first), newStartTime: time(second) },
			expected: `Done: you're booked for ${label(second)}, and your meeting on ${label(first)} is cancelled in our system.`,
		},
		{
			name: 'cancel it',
			tool: 'cancel',
			args: { startTime: time(second), email: CALLER.email },
			expected: `I've cancelled your meeting on ${label(second)} in our system.`,
		},
	];
	return { day: day.toISODate(), first, second, taken, steps, before: state };
}

async function postJson(url, { headers = {}, body }) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = text;
	}
	return { status: response.status, body: parsed };
}

/**
 * Plays the planned steps against the template for `platform` (a key of TOOL_CALLERS); `access`
 * from `platformAccess` (the deployed paths and the demo secrets).
 * @returns {Promise<Array<{ step: object, id: string, status: number, body: unknown, heard: unknown,
 *   wellFormed: boolean, ok: boolean }>>}
 */
async function playConversation({ n8nUrl, plan, platform, access, onStep = (_result) => {} }) {
	const caller = TOOL_CALLERS[platform];
	const results = [];
	const idsByName = {};
	for (const [index, step] of plan.steps.entries()) {
		const id = step.retryOf
			? idsByName[step.retryOf]
			: `call_${platform.replace(/\W/g, '')}_${index + 1}`;
		idsByName[step.name] = id;
		const request = caller.request(
			{ id, tool: step.tool, args: step.args, callerPhone: CALLER.phone },
			access,
		);
		const { status, body } = await postJson(`${n8nUrl}/webhook/${request.path}`, request);
		const heard = caller.answer(body);
		const wellFormed = caller.wellFormed(body, id, step.tool);
		const result = {
			step,
			id,
			request,
			status,
			body,
			heard,
			wellFormed,
			ok: status === 200 && wellFormed && heard === step.expected,
		};
		results.push(result);
		onStep(result);
	}
	return results;
}

/** What must hold in HubSpot after the call: nothing doubled, nothing lost, the right meeting cancelled. */
async function finalStateProblems(sandbox, plan) {
	const before = plan.before;
	const after = await sandboxState(sandbox);
	const problems = [];
	const expect = (condition, message) => {
		if (!condition) problems.push(message);
	};
	expect(
		after.contacts.length === before.contacts.length,
		`contacts: ${before.contacts.length} before, ${after.contacts.length} after`,
	);
	const janes = after.contacts.filter((contact) => contact.properties.email === CALLER.email);
	expect(janes.length === 1, `${janes.length} contacts with ${CALLER.email}`);
	for (const old of before.meetings) {
		const now = after.meetings.find((meeting) => meeting.id === old.id);
		expect(
			now &&
				now.archived === old.archived &&
				now.properties.hs_meeting_outcome === old.properties.hs_meeting_outcome,
			`existing meeting ${old.id} (${old.properties.hs_meeting_title}) changed`,
		);
	}
	const created = after.meetings.filter(
		(meeting) => !before.meetings.some((old) => old.id === meeting.id),
	);
	const startsAt = (ms) =>
		created.filter((meeting) => Date.parse(meeting.properties.hs_meeting_start_time) === ms);
	expect(
		created.length === 2,
		`${created.length} meetings created, expected 2 (the booking and its new time)`,
	);
	expect(
		startsAt(plan.first).length === 1,
		`${startsAt(plan.first).length} meetings at the first booked time`,
	);
	expect(
		startsAt(plan.second).length === 1,
		`${startsAt(plan.second).length} meetings at the new time`,
	);
	expect(
		created.every((meeting) => meeting.archived),
		'a created meeting is still active (the old one after the move, or the cancelled one)',
	);
	const janeId = janes[0]?.id;
	expect(
		created.every((meeting) =>
			after.associations.some((pair) => pair.meetingId === meeting.id && pair.contactId === janeId),
		),
		'a created meeting is not associated with the caller',
	);
	expect(
		after.bookings.length - before.bookings.length === 2,
		`${after.bookings.length - before.bookings.length} scheduler bookings, expected 2`,
	);
	return problems;
}

module.exports = {
	CALLER,
	LINK,
	planConversation,
	playConversation,
	finalStateProblems,
	sandboxState,
	postJson,
};
