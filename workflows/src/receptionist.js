'use strict';

const {
	ifTrue,
	meetingLinkBySlug,
	respond,
	scheduling,
	setFields,
	switchOn,
	webhook,
} = require('./nodes');

/**
 * The part every voice receptionist shares. It expects items shaped by the platform's
 * "Read the tool call" node: `{ tool, args, callerPhone }` (plus whatever the platform's answer
 * needs), routes on `tool`, runs the HubSpot Scheduling operation and puts one spoken line into
 * `result`. Tool names and argument names are the same on every platform:
 *   get_slots {date, days}, book {startTime, fullName, email, consent?},
 *   reschedule {currentStartTime, newStartTime, email?, consent?}, cancel {startTime, email?},
 *   lookup_contact {}
 *
 * Whose data a call may touch is decided by `callerPhone`, which each platform reader takes from
 * call signalling (the caller on inbound calls, the person called on outbound ones), never from
 * what the model passes: a caller can say any number or email, but cannot change the call's.
 */

const SETTINGS = "$('Settings').first().json";
/** The item the router received: `args` and `callerPhone` stay readable after a lookup replaced $json. */
const CALL = "$('Which tool?').item.json";
/** Voice platforms mishandle line breaks in tool results (Vapi shows "No result returned"). */
const ONE_LINE = ".replace(/\\s+/g, ' ').trim()";

/**
 * Time limits (Answer Within, seconds). Vapi and ElevenLabs wait 20 s for a tool by default, so a
 * tool answers within 15 s; where a check of the caller runs first, the two share that budget.
 */
const TOOL_SECONDS = 15;
const CALLER_CHECK_SECONDS = 5;
const AFTER_CHECK_SECONDS = TOOL_SECONDS - CALLER_CHECK_SECONDS;

const NOT_IN_HUBSPOT =
	'This caller is not in HubSpot yet. Ask for their name and email before booking.';
const SAY_TIMEOUT =
	'Sorry, our calendar is taking too long to answer right now. Please try again in a moment.';
const SAY_NO_NUMBER_LOOKUP =
	'I cannot see a phone number on this call, so I cannot look the caller up. Ask for their name and email instead.';
const SAY_NO_NUMBER_CHANGE =
	'I can only change a booking for the phone number you are calling from, and I cannot see a number on this call. Please call us from the phone you booked with.';
const SAY_UNKNOWN_NUMBER =
	'I could not find a booking under the phone number you are calling from, so I cannot change one on this call. Please call us from the phone you booked with.';
const SAY_SHARED_NUMBER =
	'The number you are calling from belongs to more than one person in our records, so I cannot change a booking on this call. Please contact us by email.';
const SAY_NO_EMAIL =
	'I found you, but there is no email on your record, so I cannot find your booking on this call. Please contact us by email.';
const SAY_OTHER_EMAIL =
	'That email does not belong to the phone number you are calling from, so I cannot change that booking.';
const SAY_CHECK_FAILED =
	'Sorry, I could not check your booking just now. Please try again in a moment.';

/** The node's text on a timeout names Answer Within; anything else it says is meant for the caller. */
/** @param {string} error an expression */
function sayError(error) {
	return `(/Answer Within|timed? ?out/i.test(${error}) ? '${SAY_TIMEOUT}' : ${error})`;
}

/**
 * Settings every receptionist template starts with; users edit this one node.
 * @param {[string, string, unknown][]} [extra]
 * @returns {[string, string, unknown][]}
 */
function settingsFields(extra = []) {
	return [
		['meetingLink', 'string', 'your-meeting-link'],
		['timeZone', 'string', 'America/New_York'],
		['defaultCountry', 'string', 'US'],
		...extra,
	];
}

/**
 * The start of a receptionist whose platform authenticates with an n8n credential: its Webhook and
 * the Settings node the builder edits (not connected yet, so each template wires them in its order).
 * @param {ReturnType<typeof import('./nodes').workflow>} wf
 * @param {{ credential: keyof typeof import('./nodes').CREDENTIALS }} options the webhook credential's key
 */
function addWebhookAndSettings(wf, { credential }) {
	const hook = wf.add(webhook({ name: 'Webhook', position: [0, 400], credential }));
	const settings = wf.add(
		setFields({
			name: 'Settings',
			position: [220, 400],
			fields: settingsFields(),
			keepInput: true,
		}),
	);
	return { hook, settings };
}

/**
 * The node that shapes a platform's request into what addToolRouting expects.
 * @param {{ name?: string, position: number[], tool: string, args: string, callerPhone: string }} options
 *   expressions for the tool's name, its arguments and the call's number (from call signalling)
 */
function readToolCall({ name = 'Read the tool call', position, tool, args, callerPhone }) {
	return setFields({
		name,
		position,
		fields: [
			['tool', 'string', tool],
			['args', 'object', args],
			['callerPhone', 'string', callerPhone],
		],
	});
}

/**
 * The answer to a platform that takes the spoken line as `{ result }`.
 * @param {{ name: string, position: number[] }} options
 */
function answerWithResult({ name, position }) {
	return respond({ name, position, body: '={{ { result: $json.result } }}' });
}

/**
 * The caller's own contact, found by the number from call signalling and nothing else; an email
 * the caller gave must be that contact's.
 */
const OWN_CONTACT = `$json.found === true && $json.matchCount === 1 && !!$json.email && (!${CALL}.args?.email || String(${CALL}.args.email).trim().toLowerCase() === String($json.email).trim().toLowerCase())`;

/** Why a change was refused, without revealing anything about the contact the number found. */
const SAY_REFUSED = `={{ (!${CALL}.callerPhone ? '${SAY_NO_NUMBER_CHANGE}' : $json.error ? (/Answer Within|timed? ?out/i.test($json.error) ? '${SAY_TIMEOUT}' : '${SAY_CHECK_FAILED}') : $json.found !== true ? '${SAY_UNKNOWN_NUMBER}' : $json.matchCount !== 1 ? '${SAY_SHARED_NUMBER}' : !$json.email ? '${SAY_NO_EMAIL}' : '${SAY_OTHER_EMAIL}')${ONE_LINE} }}`;

const TOOLS = [
	{
		tool: 'get_slots',
		node: 'Get free slots',
		operation: 'getSlots',
		parameters: {
			meetingLink: meetingLinkBySlug(`={{ ${SETTINGS}.meetingLink }}`),
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			startDate: `={{ ${CALL}.args.date ?? '' }}`,
			// Bland sends every value as a string.
			daysAhead: `={{ Number(${CALL}.args.days) || 1 }}`,
			maxSlots: 5,
			output: 'single',
			answerWithinSeconds: TOOL_SECONDS,
		},
		say: `={{ ($json.error ? ${sayError('$json.error')} : ($json.speech + ($json.count > 0 ? ' Start times for booking: ' + $json.slots.map(slot => slot.start).join(', ') + '.' : '')))${ONE_LINE} }}`,
	},
	{
		tool: 'book',
		node: 'Book the meeting',
		operation: 'book',
		parameters: {
			meetingLink: meetingLinkBySlug(`={{ ${SETTINGS}.meetingLink }}`),
			startTime: `={{ ${CALL}.args.startTime }}`,
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			email: `={{ ${CALL}.args.email }}`,
			fullName: `={{ ${CALL}.args.fullName }}`,
			// No phone: booking through a meeting link saves it on the email's contact, so a caller
			// giving someone else's email would tie their own number to that person's record.
			phone: '',
			method: 'meetingLink',
			options: {
				defaultCountry: `={{ ${SETTINGS}.defaultCountry }}`,
				guestConsented: `={{ ${CALL}.args.consent === true || ${CALL}.args.consent === 'true' }}`,
			},
			answerWithinSeconds: TOOL_SECONDS,
		},
		say: `={{ ($json.error ? ${sayError('$json.error')} : $json.speech)${ONE_LINE} }}`,
	},
	{
		tool: 'reschedule',
		node: 'Reschedule the meeting',
		operation: 'reschedule',
		callerBound: true,
		parameters: {
			meetingLink: meetingLinkBySlug(`={{ ${SETTINGS}.meetingLink }}`),
			// The caller's own contact's email (the check before this node), never one they said.
			email: '={{ $json.email }}',
			currentStartTime: `={{ ${CALL}.args.currentStartTime }}`,
			newStartTime: `={{ ${CALL}.args.newStartTime }}`,
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			method: 'meetingLink',
			options: {
				guestConsented: `={{ ${CALL}.args.consent === true || ${CALL}.args.consent === 'true' }}`,
			},
			answerWithinSeconds: AFTER_CHECK_SECONDS,
		},
		say: `={{ ($json.error ? ${sayError('$json.error')} : $json.speech)${ONE_LINE} }}`,
	},
	{
		tool: 'cancel',
		node: 'Cancel the meeting',
		operation: 'cancel',
		callerBound: true,
		parameters: {
			startTime: `={{ ${CALL}.args.startTime }}`,
			// The caller's own contact's email (the check before this node), never one they said; the
			// link scopes the search to its people's meetings.
			email: '={{ $json.email }}',
			meetingLink: meetingLinkBySlug(`={{ ${SETTINGS}.meetingLink }}`),
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			cancelMode: 'archive',
			ifNotFound: 'return',
			answerWithinSeconds: AFTER_CHECK_SECONDS,
		},
		say: `={{ ($json.error ? ${sayError('$json.error')} : $json.speech)${ONE_LINE} }}`,
	},
	{
		tool: 'lookup_contact',
		node: 'Look up the caller',
		operation: 'lookupContact',
		parameters: {
			lookupBy: 'phone',
			// Only the number of the call: a number the caller says is never looked up.
			phone: `={{ ${CALL}.callerPhone }}`,
			defaultCountry: `={{ ${SETTINGS}.defaultCountry }}`,
			maxMeetings: 3,
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			answerWithinSeconds: TOOL_SECONDS,
		},
		say: `={{ (!${CALL}.callerPhone ? '${SAY_NO_NUMBER_LOOKUP}' : $json.error ? ${sayError('$json.error')} : ($json.found ? $json.context : '${NOT_IN_HUBSPOT}'))${ONE_LINE} }}`,
	},
];

/**
 * Adds "Which tool?" → one operation per tool → "Say: …" (sets `result`) → `answerNode`.
 * Reschedule and Cancel first look up the caller's own contact by the call's number and act only on
 * that contact's meetings. `sayExtra`: more fields each "Say" node sets next to `result` (Vapi
 * needs the toolCallId and name).
 * @param {ReturnType<typeof import('./nodes').workflow>} wf
 * @param {{ origin: number[], answerNode: string, sayExtra?: [string, string, unknown][] }} options
 * @returns the name of the Switch, to connect the platform's reader to.
 */
function addToolRouting(wf, { origin: [x, y], answerNode, sayExtra = [] }) {
	const router = wf.add(
		switchOn({
			name: 'Which tool?',
			position: [x, y + 160],
			rules: TOOLS.map(({ tool }) => [tool, '={{ $json.tool }}', 'equals', tool]),
			fallback: 'Unknown tool',
		}),
	);
	const say = (name, position, value) =>
		wf.add(setFields({ name, position, fields: [...sayExtra, ['result', 'string', value]] }));
	TOOLS.forEach(({ tool, node, operation, parameters, say: sayValue, callerBound }, index) => {
		const rowY = y + index * 200;
		let entry = node;
		if (callerBound) {
			entry = wf.add(callerCheck({ name: `Whose booking? (${tool})`, position: [x + 240, rowY] }));
			const own = wf.add(
				ifTrue({
					name: `The caller's own? (${tool})`,
					position: [x + 460, rowY],
					condition: `={{ ${OWN_CONTACT} }}`,
				}),
			);
			const refused = say(`Say: not the caller's (${tool})`, [x + 900, rowY + 100], SAY_REFUSED);
			wf.connect(entry, own);
			wf.connect(own, node);
			wf.connect(own, refused, { output: 1 });
			wf.connect(refused, answerNode);
		}
		const opX = callerBound ? x + 680 : x + 460;
		wf.add(scheduling({ name: node, position: [opX, rowY], operation, parameters }));
		const sayNode = say(`Say: ${node}`, [x + 900, rowY], sayValue);
		wf.connect(router, entry, { output: index });
		wf.connect(node, sayNode);
		wf.connect(sayNode, answerNode);
	});
	const unknown = say(
		'Say: unknown tool',
		[x + 900, y + TOOLS.length * 200],
		"={{ 'Sorry, there is no tool called ' + ($json.tool || 'that') + ' here.' }}",
	);
	wf.connect(router, unknown, { output: TOOLS.length });
	wf.connect(unknown, answerNode);
	return router;
}

/**
 * Lookup Contact by the call's number, for deciding whose meetings a change may touch.
 * @param {{ name: string, position: number[] }} options
 */
function callerCheck({ name, position }) {
	return scheduling({
		name,
		position,
		operation: 'lookupContact',
		parameters: {
			lookupBy: 'phone',
			phone: `={{ ${CALL}.callerPhone }}`,
			defaultCountry: `={{ ${SETTINGS}.defaultCountry }}`,
			maxMeetings: 0,
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			answerWithinSeconds: CALLER_CHECK_SECONDS,
		},
	});
}

/**
 * Lookup Contact for a call that is starting: who is calling, and their next meetings.
 * @param {{ name?: string, position: number[], phone: string }} options
 */
function callerLookup({ name = 'Who is calling?', position, phone }) {
	return scheduling({
		name,
		position,
		operation: 'lookupContact',
		parameters: {
			lookupBy: 'phone',
			phone,
			defaultCountry: `={{ ${SETTINGS}.defaultCountry }}`,
			maxMeetings: 3,
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			// The platforms wait only seconds at call start (Vapi 7.5 s end to end, Retell 10 s).
			answerWithinSeconds: 5,
		},
	});
}

/** Caller variables as strings (Retell accepts nothing else); an unknown caller gets empty values. */
const CALLER_VARIABLES = {
	known: "($json.found === true ? 'true' : 'false')",
	firstName: "($json.firstName ?? '')",
	fullName: "[$json.firstName, $json.lastName].filter(Boolean).join(' ')",
	email: "($json.email ?? '')",
	context: `($json.found === true ? $json.context : '${NOT_IN_HUBSPOT}')`,
	nextMeeting: "($json.upcomingMeetings?.[0]?.label ?? '')",
};

/** Tool list for the sticky notes and README (same on every platform). */
const TOOL_LIST = `- \`get_slots\`: \`date\` (2026-11-24, "today", "tomorrow", "next Tuesday", "December 16"), \`days\` (number, optional)
- \`book\`: \`startTime\` (a start from get_slots, or what the caller said, e.g. "Tuesday 3pm"), \`fullName\`, \`email\`, \`consent\` (boolean, optional: true only after the caller agreed to a consent question an earlier answer asked)
- \`reschedule\`: \`currentStartTime\`, \`newStartTime\`, \`email\` (optional), \`consent\` (as for book)
- \`cancel\`: \`startTime\`, \`email\` (optional)
- \`lookup_contact\`: no parameters (the caller's number comes from the call, never from the model)`;

const CALLER_RULES = `### Whose data a call can touch
The caller's number comes from the call itself (on outbound calls: the number called). *Look up the caller* uses only that number. *Reschedule* and *Cancel* first look up that number's contact and change only that contact's meetings; an email the caller gives must be that contact's. A call without a number (a web or test call) cannot look up or change bookings: the agent hears a polite refusal and can offer email instead. *Book* saves no phone number (a caller could give someone else's email).`;

module.exports = {
	TOOLS,
	SETTINGS,
	NOT_IN_HUBSPOT,
	SAY_TIMEOUT,
	SAY_NO_NUMBER_LOOKUP,
	SAY_NO_NUMBER_CHANGE,
	SAY_UNKNOWN_NUMBER,
	SAY_OTHER_EMAIL,
	TOOL_SECONDS,
	TOOL_LIST,
	CALLER_RULES,
	settingsFields,
	addWebhookAndSettings,
	readToolCall,
	answerWithResult,
	addToolRouting,
	callerLookup,
	CALLER_VARIABLES,
};
