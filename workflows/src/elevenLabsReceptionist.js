'use strict';

const { respond, setFields, sticky, switchOn, webhook, workflow } = require('./nodes');
const {
	CALLER_VARIABLES,
	addToolRouting,
	callerLookup,
	settingsFields,
} = require('./receptionist');

const OVERVIEW = `## ElevenLabs Agents receptionist + conversation initiation
One URL for everything the agent sends:
- the **conversation initiation webhook** (Twilio calls: \`caller_id\`, \`agent_id\`, \`called_number\`, \`call_sid\`): answered with \`{"type":"conversation_initiation_client_data","dynamic_variables":{…}}\` from HubSpot: \`caller_known\`, \`caller_name\`, \`caller_first_name\`, \`caller_email\`, \`caller_context\`, \`next_meeting\`. Define these dynamic variables on the agent: ElevenLabs requires every defined variable in the answer;
- **server tools** (webhook tools): answered with \`{"result": "<one line to say>"}\`.

**Set up**
1. Pick your *HubSpot Scheduling* service key on the HubSpot nodes; edit **Settings**.
2. Publish; use the Webhook's Production URL as the agent's conversation initiation webhook, and as each server tool's URL with \`?tool=<name>\` added (method POST, body parameters below).`;

const TOOLS_NOTE = `### Server tools to create (POST, JSON body)
- \`…?tool=get_slots\` — \`date\`, \`days\` (optional)
- \`…?tool=book\` — \`startTime\` (from get_slots), \`fullName\`, \`email\`, \`phone\` (optional)
- \`…?tool=reschedule\` — \`email\`, \`currentStartTime\`, \`newStartTime\`
- \`…?tool=cancel\` — \`startTime\`, \`email\`
- \`…?tool=lookup_contact\` — \`phone\` (optional)

Add a body parameter \`callerPhone\` with the dynamic variable \`{{system__caller_id}}\` so lookups use the caller ID. Set *response timeout* to 10 s or more. To keep strangers out, add a secret header to the tools and turn on Header Auth on the Webhook.`;

function elevenLabsReceptionist() {
	const wf = workflow(
		'elevenlabs-receptionist',
		'ElevenLabs receptionist and conversation initiation (HubSpot Scheduling)',
	);
	const hook = wf.add(
		webhook({
			name: 'Webhook',
			path: 'elevenlabs/receptionist',
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
			name: 'What did ElevenLabs send?',
			position: [440, 400],
			rules: [['Tool call', '={{ $json.query.tool }}', 'notEmpty']],
			fallback: 'Conversation initiation',
		}),
	);
	const read = wf.add(
		setFields({
			name: 'Read the tool call',
			position: [680, 420],
			fields: [
				['tool', 'string', '={{ $json.query.tool }}'],
				['args', 'object', '={{ $json.body }}'],
				['callerPhone', 'string', "={{ $json.body.callerPhone ?? '' }}"],
			],
		}),
	);
	const answer = wf.add(
		respond({
			name: 'Answer the tool',
			position: [1640, 420],
			body: '={{ { result: $json.result } }}',
		}),
	);
	const router = addToolRouting(wf, { origin: [900, 40], answerNode: answer });
	const lookup = wf.add(
		callerLookup({ position: [680, -80], phone: "={{ $json.body.caller_id ?? '' }}" }),
	);
	const v = CALLER_VARIABLES;
	const answerInitiation = wf.add(
		respond({
			name: 'Answer the initiation',
			position: [920, -80],
			body: `={{ { type: 'conversation_initiation_client_data', dynamic_variables: { caller_known: ${v.known}, caller_name: ${v.fullName}, caller_first_name: ${v.firstName}, caller_email: ${v.email}, caller_context: ${v.context}, next_meeting: ${v.nextMeeting} }, conversation_config_override: {} } }}`,
		}),
	);
	wf.connect(hook, settings);
	wf.connect(settings, kind);
	wf.connect(kind, read, { output: 0 });
	wf.connect(kind, lookup, { output: 1 });
	wf.connect(lookup, answerInitiation);
	wf.connect(read, router);

	wf.add(
		sticky({
			name: 'Sticky: overview',
			position: [-60, -440],
			width: 700,
			height: 420,
			content: OVERVIEW,
			color: 4,
		}),
	);
	wf.add(
		sticky({
			name: 'Sticky: tools',
			position: [-60, 600],
			width: 700,
			height: 360,
			content: TOOLS_NOTE,
		}),
	);
	return wf.build();
}

module.exports = { elevenLabsReceptionist };
