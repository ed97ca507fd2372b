'use strict';

const { respond, setFields, sticky, switchOn, webhook, workflow } = require('./nodes');
const {
	CALLER_VARIABLES,
	addToolRouting,
	callerLookup,
	settingsFields,
} = require('./receptionist');

const OVERVIEW = `## Retell AI receptionist + inbound caller context
One URL for everything Retell sends:
- the **inbound call webhook** (\`call_inbound\`): answered with \`call_inbound.dynamic_variables\` from HubSpot (all strings, as Retell requires): \`{{caller_known}}\`, \`{{caller_name}}\`, \`{{caller_first_name}}\`, \`{{caller_email}}\`, \`{{caller_context}}\`, \`{{next_meeting}}\`. Retell waits 10 s and retries up to 3 times;
- **custom functions** \`{name, call, args}\`: answered with \`{"result": "<one line to say>"}\`.

**Set up**
1. Pick your *HubSpot Scheduling* service key on the HubSpot nodes; edit **Settings** (meeting link, time zone, phone country).
2. Publish; in Retell set the phone number's inbound webhook URL and each custom function's URL to the Webhook's Production URL (method POST).`;

const FUNCTIONS_NOTE = `### Custom functions to create in Retell
- \`get_slots\` — \`date\`, \`days\` (optional)
- \`book\` — \`startTime\` (from get_slots), \`fullName\`, \`email\`, \`phone\` (optional)
- \`reschedule\` — \`email\`, \`currentStartTime\`, \`newStartTime\`
- \`cancel\` — \`startTime\`, \`email\`
- \`lookup_contact\` — \`phone\` (optional: the caller's number from \`call.from_number\`)

With **args_at_root** on, the body has no \`args\` object: add \`?tool=<function name>\` to that function's URL. Turn on *speak during execution*: HubSpot calls take about a second.

Retell signs requests (\`X-Retell-Signature\`); checking it needs code, so keep this URL private, or put n8n behind a proxy that verifies it.`;

function retellReceptionist() {
	const wf = workflow(
		'retell-receptionist',
		'Retell receptionist and inbound caller context (HubSpot Scheduling)',
	);
	const hook = wf.add(
		webhook({
			name: 'Webhook',
			path: 'retell/receptionist',
			position: [0, 400],
			webhookId: wf.webhookId('Webhook'),
		}),
	);
	const settings = wf.add(
		setFields({
			name: 'Settings',
			position: [220, 400],
			fields: settingsFields(),
			keepInput: true,
		}),
	);
	const kind = wf.add(
		switchOn({
			name: 'What did Retell send?',
			position: [440, 400],
			rules: [['Inbound call', '={{ $json.body.event }}', 'equals', 'call_inbound']],
			fallback: 'Function call',
		}),
	);
	const read = wf.add(
		setFields({
			name: 'Read the function call',
			position: [680, 420],
			fields: [
				['tool', 'string', "={{ $json.query.tool ?? $json.body.name ?? '' }}"],
				['args', 'object', '={{ $json.body.args ?? $json.body }}'],
				['callerPhone', 'string', "={{ $json.body.call?.from_number ?? '' }}"],
			],
		}),
	);
	const answer = wf.add(
		respond({
			name: 'Answer the function',
			position: [1640, 420],
			body: '={{ { result: $json.result } }}',
		}),
	);
	const router = addToolRouting(wf, { origin: [900, 40], answerNode: answer });
	const lookup = wf.add(
		callerLookup({
			position: [680, -80],
			phone: "={{ $json.body.call_inbound?.from_number ?? '' }}",
		}),
	);
	const v = CALLER_VARIABLES;
	const answerInbound = wf.add(
		respond({
			name: 'Answer the inbound call',
			position: [920, -80],
			body: `={{ { call_inbound: { dynamic_variables: { caller_known: ${v.known}, caller_name: ${v.fullName}, caller_first_name: ${v.firstName}, caller_email: ${v.email}, caller_context: ${v.context}, next_meeting: ${v.nextMeeting} } } } }}`,
		}),
	);
	wf.connect(hook, settings);
	wf.connect(settings, kind);
	wf.connect(kind, lookup, { output: 0 });
	wf.connect(kind, read, { output: 1 });
	wf.connect(lookup, answerInbound);
	wf.connect(read, router);

	wf.add(
		sticky({
			name: 'Sticky: overview',
			position: [-60, -420],
			width: 700,
			height: 400,
			content: OVERVIEW,
			color: 4,
		}),
	);
	wf.add(
		sticky({
			name: 'Sticky: functions',
			position: [-60, 600],
			width: 700,
			height: 400,
			content: FUNCTIONS_NOTE,
		}),
	);
	return wf.build();
}

module.exports = { retellReceptionist };
