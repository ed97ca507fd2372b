'use strict';

const { respond, setFields, sticky, switchOn, webhook, workflow } = require('./nodes');
const { CALLER_VARIABLES, callerLookup, settingsFields } = require('./receptionist');

const OVERVIEW = `## Vapi caller context (assistant-request)
When a call comes in, Vapi asks your **Server URL** which assistant to use (\`assistant-request\`) and waits at most **7.5 seconds**. This workflow looks the caller up in HubSpot by phone number (one search, then their upcoming meetings) and answers with your assistant plus variables the prompt can use:
\`{{callerKnown}}\`, \`{{callerName}}\`, \`{{callerFirstName}}\`, \`{{callerEmail}}\`, \`{{callerContext}}\`, \`{{nextMeeting}}\`.

Requests without your Vapi credential get 403 and never reach HubSpot.

**Set up (in this order)**
1. n8n, **Webhook** node → *Credential for Header Auth* → create new: Name \`Authorization\`, Value \`Bearer <a long random secret>\` (or reuse the receptionist's). Its **Path** is a random ID (n8n makes one on import; if it is empty, paste a long random string).
2. Vapi dashboard → **Integrations** → **Custom Credential** (type *Bearer Token*) with the same secret (header \`Authorization\`, Bearer prefix on: Vapi's defaults).
3. n8n: your *HubSpot Scheduling* service key on *Who is calling?*; **Settings**: your Vapi assistant ID, time zone and default phone country. Publish and copy the Webhook's **Production URL**.
4. Vapi → **Phone Numbers** → your number: leave *Assistant* empty (so Vapi asks), set **Server URL** = that URL and its credential = the one from step 2.`;

const BUDGET_NOTE = `### Always an answer, in time
A caller HubSpot does not know, a withheld number or a HubSpot error still gets your assistant, with \`callerKnown\` = "false" and a neutral \`callerContext\`: the HubSpot node continues on error, and its **Answer Within** of 5 s makes it give up on a slow HubSpot while Vapi still waits (7.5 s). Other Vapi messages get an empty 200. Use the prompt variables, e.g. *"{{callerContext}} Greet them by first name if you know it."*`;

function vapiCallerContext() {
	const wf = workflow('vapi-caller-context', 'Vapi caller context (HubSpot Scheduling)');
	const hook = wf.add(webhook({ name: 'Webhook', position: [0, 300], credential: 'vapiSecret' }));
	const settings = wf.add(
		setFields({
			name: 'Settings',
			position: [220, 300],
			keepInput: true,
			fields: [
				['assistantId', 'string', 'your-vapi-assistant-id'],
				...settingsFields().filter(([field]) => field !== 'meetingLink'),
			],
		}),
	);
	const messageType = wf.add(
		switchOn({
			name: 'Message type',
			position: [440, 300],
			rules: [
				['assistant-request', '={{ $json.body.message.type }}', 'equals', 'assistant-request'],
			],
			fallback: 'Other messages',
		}),
	);
	const lookup = wf.add(
		callerLookup({
			position: [680, 280],
			phone:
				"={{ $json.body.message.customer?.number ?? $json.body.message.call?.customer?.number ?? '' }}",
		}),
	);
	const v = CALLER_VARIABLES;
	const answer = wf.add(
		respond({
			name: 'Answer Vapi',
			position: [920, 280],
			body: `={{ { assistantId: $('Settings').item.json.assistantId, assistantOverrides: { variableValues: { callerKnown: ${v.known}, callerName: ${v.fullName}, callerFirstName: ${v.firstName}, callerEmail: ${v.email}, callerContext: ${v.context}, nextMeeting: ${v.nextMeeting} } } } }}`,
		}),
	);
	const acknowledge = wf.add(
		respond({ name: 'Acknowledge other messages', position: [680, 500], body: '={{ {} }}' }),
	);
	wf.connect(hook, settings);
	wf.connect(settings, messageType);
	wf.connect(messageType, lookup, { output: 0 });
	wf.connect(messageType, acknowledge, { output: 1 });
	wf.connect(lookup, answer);

	wf.add(
		sticky({
			name: 'Sticky: overview',
			position: [-60, -120],
			width: 700,
			height: 380,
			content: OVERVIEW,
			color: 4,
		}),
	);
	wf.add(
		sticky({
			name: 'Sticky: budget',
			position: [880, 460],
			width: 420,
			height: 260,
			content: BUDGET_NOTE,
		}),
	);
	return wf.build();
}

module.exports = { vapiCallerContext };
