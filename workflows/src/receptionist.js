'use strict';

const { meetingLinkBySlug, scheduling, setFields, switchOn } = require('./nodes');

/**
 * The part every voice receptionist shares. It expects items shaped by the platform's
 * "Read the tool call" node: `{ tool, args, callerPhone }` (plus whatever the platform's answer
 * needs), routes on `tool`, runs the HubSpot Scheduling operation and puts one spoken line into
 * `result`. Tool names and argument names are the same on every platform:
 *   get_slots {date, days}, book {startTime, fullName, email, phone, consent},
 *   reschedule {email, currentStartTime, newStartTime, consent}, cancel {startTime, email},
 *   lookup_contact {phone}
 */

const SETTINGS = "$('Settings').item.json";
/** Voice platforms mishandle line breaks in tool results (Vapi shows "No result returned"). */
const ONE_LINE = ".replace(/\\s+/g, ' ').trim()";

const NOT_IN_HUBSPOT =
	'This caller is not in HubSpot yet. Ask for their name and email before booking.';

/** Settings every receptionist template starts with; users edit this one node. */
function settingsFields(extra = []) {
	return [
		['meetingLink', 'string', 'your-meeting-link'],
		['timeZone', 'string', 'America/New_York'],
		['defaultCountry', 'string', 'US'],
		...extra,
	];
}

const TOOLS = [
	{
		tool: 'get_slots',
		node: 'Get free slots',
		operation: 'getSlots',
		parameters: {
			meetingLink: meetingLinkBySlug(`={{ ${SETTINGS}.meetingLink }}`),
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			startDate: "={{ $json.args.date ?? '' }}",
			daysAhead: '={{ $json.args.days ?? 1 }}',
			maxSlots: 5,
			output: 'single',
		},
		say: `={{ ($json.error ?? ($json.speech + ($json.count > 0 ? ' Start times for booking: ' + $json.slots.map(slot => slot.start).join(', ') + '.' : '')))${ONE_LINE} }}`,
	},
	{
		tool: 'book',
		node: 'Book the meeting',
		operation: 'book',
		parameters: {
			meetingLink: meetingLinkBySlug(`={{ ${SETTINGS}.meetingLink }}`),
			startTime: '={{ $json.args.startTime }}',
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			email: '={{ $json.args.email }}',
			fullName: '={{ $json.args.fullName }}',
			phone: "={{ $json.args.phone ?? '' }}",
			method: 'meetingLink',
			options: {
				defaultCountry: `={{ ${SETTINGS}.defaultCountry }}`,
				guestConsented: "={{ $json.args.consent === true || $json.args.consent === 'true' }}",
			},
		},
		say: `={{ ($json.error ?? $json.speech)${ONE_LINE} }}`,
	},
	{
		tool: 'reschedule',
		node: 'Reschedule the meeting',
		operation: 'reschedule',
		parameters: {
			meetingLink: meetingLinkBySlug(`={{ ${SETTINGS}.meetingLink }}`),
			email: '={{ $json.args.email }}',
			currentStartTime: '={{ $json.args.currentStartTime }}',
			newStartTime: '={{ $json.args.newStartTime }}',
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			method: 'meetingLink',
			options: {
				guestConsented: "={{ $json.args.consent === true || $json.args.consent === 'true' }}",
			},
		},
		say: `={{ ($json.error ?? $json.speech)${ONE_LINE} }}`,
	},
	{
		tool: 'cancel',
		node: 'Cancel the meeting',
		operation: 'cancel',
		parameters: {
			startTime: '={{ $json.args.startTime }}',
			email: "={{ $json.args.email ?? '' }}",
			// Without an email, only the caller's own contact (by their number) is searched.
			phone: "={{ $json.callerPhone ?? '' }}",
			defaultCountry: `={{ ${SETTINGS}.defaultCountry }}`,
			meetingLink: meetingLinkBySlug(`={{ ${SETTINGS}.meetingLink }}`),
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			cancelMode: 'archive',
			ifNotFound: 'return',
		},
		say: `={{ ($json.error ?? $json.speech)${ONE_LINE} }}`,
	},
	{
		tool: 'lookup_contact',
		node: 'Look up the caller',
		operation: 'lookupContact',
		parameters: {
			lookupBy: 'phone',
			phone: '={{ $json.args.phone || $json.callerPhone }}',
			defaultCountry: `={{ ${SETTINGS}.defaultCountry }}`,
			maxMeetings: 3,
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
		},
		say: `={{ ($json.error ?? ($json.found ? $json.context : '${NOT_IN_HUBSPOT}'))${ONE_LINE} }}`,
	},
];

/**
 * Adds "Which tool?" → one operation per tool → "Say: …" (sets `result`) → `answerNode`.
 * `sayExtra`: more fields each "Say" node sets next to `result` (Vapi needs the toolCallId).
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
	TOOLS.forEach(({ node, operation, parameters, say }, index) => {
		const rowY = y + index * 180;
		wf.add(scheduling({ name: node, position: [x + 260, rowY], operation, parameters }));
		const sayNode = wf.add(
			setFields({
				name: `Say: ${node}`,
				position: [x + 520, rowY],
				fields: [...sayExtra, ['result', 'string', say]],
			}),
		);
		wf.connect(router, node, { output: index });
		wf.connect(node, sayNode);
		wf.connect(sayNode, answerNode);
	});
	const unknown = wf.add(
		setFields({
			name: 'Say: unknown tool',
			position: [x + 520, y + TOOLS.length * 180],
			fields: [
				...sayExtra,
				[
					'result',
					'string',
					"={{ 'Sorry, there is no tool called ' + ($json.tool || 'that') + ' here.' }}",
				],
			],
		}),
	);
	wf.connect(router, unknown, { output: TOOLS.length });
	wf.connect(unknown, answerNode);
	return router;
}

/** Lookup Contact for a call that is starting: who is calling, and their next meetings. */
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

module.exports = {
	TOOLS,
	SETTINGS,
	NOT_IN_HUBSPOT,
	settingsFields,
	addToolRouting,
	callerLookup,
	CALLER_VARIABLES,
};
